package nl.leerbewijs.issuer.apikey;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.leerbewijs.issuer.db.Sql;

/** {@link ApiKeyStore} on PostgreSQL; statements in {@code api_keys.sql}. */
public final class PgApiKeyStore implements ApiKeyStore {
  private static final Sql SQL = Sql.load(PgApiKeyStore.class, "api_keys.sql");

  @Override
  public Future<ApiKey> create(
      SqlClient db, UUID tenantId, ApiKeyToken token, Set<Scope> scopes, String description) {
    Map<String, Object> p = new HashMap<>();
    p.put("tenantId", tenantId);
    p.put("prefix", token.prefix());
    p.put("secretHash", Buffer.buffer(token.hash()));
    p.put("scopes", scopes.stream().map(Scope::code).sorted().toArray(String[]::new));
    p.put("description", description);
    return SqlTemplate.forQuery(db, SQL.get("insert"))
        .execute(p)
        .map(rows -> map(rows.iterator().next()));
  }

  @Override
  public Future<Optional<StoredApiKey>> findByPrefix(SqlClient db, String prefix) {
    return SqlTemplate.forQuery(db, SQL.get("findByPrefix"))
        .execute(Map.of("prefix", prefix))
        .map(
            rows -> {
              for (Row r : rows) {
                return Optional.of(new StoredApiKey(map(r), r.getBuffer("secret_hash").getBytes()));
              }
              return Optional.empty();
            });
  }

  @Override
  public Future<Optional<ApiKey>> findById(SqlClient db, UUID id) {
    return SqlTemplate.forQuery(db, SQL.get("findById"))
        .execute(Map.of("id", id))
        .map(rows -> all(rows).stream().findFirst());
  }

  @Override
  public Future<Boolean> revoke(SqlClient db, UUID id, String reason) {
    Map<String, Object> p = new HashMap<>();
    p.put("id", id);
    p.put("reason", reason);
    return SqlTemplate.forUpdate(db, SQL.get("revoke")).execute(p).map(r -> r.rowCount() == 1);
  }

  @Override
  public Future<List<ApiKey>> listByTenant(SqlClient db, UUID tenantId) {
    return SqlTemplate.forQuery(db, SQL.get("listByTenant"))
        .execute(Map.of("tenantId", tenantId))
        .map(PgApiKeyStore::all);
  }

  private static List<ApiKey> all(RowSet<Row> rows) {
    List<ApiKey> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(map(r));
    }
    return out;
  }

  private static ApiKey map(Row r) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String s : r.getArrayOfStrings("scopes")) {
      scopes.add(Scope.fromCode(s));
    }
    OffsetDateTime revoked = r.getOffsetDateTime("revoked_at");
    return new ApiKey(
        r.getUUID("id"),
        r.getUUID("tenant_id"),
        r.getString("prefix"),
        scopes,
        r.getString("description"),
        r.getOffsetDateTime("created_at").toInstant(),
        revoked == null ? null : revoked.toInstant());
  }
}
