package nl.leerbewijs.issuer.signingkey;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.leerbewijs.issuer.db.Sql;

/** {@link SigningKeyStore} on PostgreSQL; statements in {@code signing_keys.sql}. */
public final class PgSigningKeyStore implements SigningKeyStore {
  private static final Sql SQL = Sql.load(PgSigningKeyStore.class, "signing_keys.sql");

  @Override
  public Future<SigningKey> insert(SqlClient db, SigningKey k) {
    Map<String, Object> p = new HashMap<>();
    p.put("tenantId", k.tenantId());
    p.put("kid", k.kid());
    p.put("alg", k.alg());
    p.put("publicJwk", k.publicJwk());
    p.put("ciphertext", Buffer.buffer(k.sealedPrivateKey().ciphertext()));
    p.put("nonce", Buffer.buffer(k.sealedPrivateKey().nonce()));
    p.put("kekId", k.sealedPrivateKey().kekId());
    p.put("x5c", k.x5c().isEmpty() ? null : k.x5c().toArray(new String[0]));
    p.put("status", k.status().code());
    return SqlTemplate.forQuery(db, SQL.get("insert"))
        .execute(p)
        .map(rows -> map(rows.iterator().next()));
  }

  @Override
  public Future<Optional<SigningKey>> retireCurrent(SqlClient db, UUID tenantId) {
    return query(db, "retireCurrent", tenantId).map(l -> l.stream().findFirst());
  }

  @Override
  public Future<Optional<SigningKey>> current(SqlClient db, UUID tenantId) {
    return query(db, "current", tenantId).map(l -> l.stream().findFirst());
  }

  @Override
  public Future<List<SigningKey>> list(SqlClient db, UUID tenantId) {
    return query(db, "list", tenantId);
  }

  @Override
  public Future<List<String>> kekIdsInUse(SqlClient db) {
    return SqlTemplate.forQuery(db, SQL.get("kekIdsInUse"))
        .execute(Map.of())
        .map(
            rows -> {
              List<String> ids = new ArrayList<>();
              rows.forEach(r -> ids.add(r.getString("kek_id")));
              return ids;
            });
  }

  private Future<List<SigningKey>> query(SqlClient db, String statement, UUID tenantId) {
    return SqlTemplate.forQuery(db, SQL.get(statement))
        .execute(Map.of("tenantId", tenantId))
        .map(PgSigningKeyStore::all);
  }

  private static List<SigningKey> all(RowSet<Row> rows) {
    List<SigningKey> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(map(r));
    }
    return out;
  }

  private static SigningKey map(Row r) {
    String[] x5c = r.getArrayOfStrings("x5c");
    OffsetDateTime retired = r.getOffsetDateTime("retired_at");
    return new SigningKey(
        r.getUUID("id"),
        r.getUUID("tenant_id"),
        r.getString("kid"),
        r.getString("alg"),
        r.getJsonObject("public_jwk"),
        new KeyEncryptionKey.Sealed(
            r.getString("kek_id"),
            r.getBuffer("private_key_nonce").getBytes(),
            r.getBuffer("private_key_ciphertext").getBytes()),
        x5c == null ? List.of() : Arrays.asList(x5c),
        SigningKey.Status.fromCode(r.getString("status")),
        r.getOffsetDateTime("created_at").toInstant(),
        retired == null ? null : retired.toInstant());
  }
}
