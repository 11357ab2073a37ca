package nl.leerbewijs.issuer.tenant;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.data.Numeric;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.leerbewijs.issuer.db.Sql;

/** {@link TenantStore} on PostgreSQL; statements in {@code tenants.sql}. */
public final class PgTenantStore implements TenantStore {
  private static final Sql SQL = Sql.load(PgTenantStore.class, "tenants.sql");
  private static final String UNIQUE_VIOLATION = "23505";

  @Override
  public Future<Tenant> create(SqlClient db, NewTenant t) {
    Map<String, Object> p = new HashMap<>();
    p.put("path", t.path());
    p.put("name", t.name());
    p.put("brin", t.brin());
    p.put("oin", t.oin());
    p.put("kvk", t.kvk());
    p.put("credentialTypes", t.credentialTypes().toArray(new String[0]));
    p.put("ectsMin", numeric(t.ectsMin()));
    p.put("ectsMax", numeric(t.ectsMax()));
    return SqlTemplate.forQuery(db, SQL.get("insert"))
        .execute(p)
        .map(rows -> map(rows.iterator().next()))
        .recover(
            e ->
                e instanceof PgException && UNIQUE_VIOLATION.equals(((PgException) e).getSqlState())
                    ? Future.failedFuture(new DuplicateTenantException(t.path()))
                    : Future.failedFuture(e));
  }

  @Override
  public Future<Optional<Tenant>> findByPath(SqlClient db, String path) {
    return one(db, "findByPath", Map.of("path", path));
  }

  @Override
  public Future<Optional<Tenant>> findById(SqlClient db, UUID id) {
    return one(db, "findById", Map.of("id", id));
  }

  @Override
  public Future<Optional<Tenant>> lockByPath(SqlClient db, String path) {
    return one(db, "lockByPath", Map.of("path", path));
  }

  @Override
  public Future<List<Tenant>> list(SqlClient db) {
    return SqlTemplate.forQuery(db, SQL.get("list")).execute(Map.of()).map(PgTenantStore::all);
  }

  private Future<Optional<Tenant>> one(SqlClient db, String statement, Map<String, Object> p) {
    return SqlTemplate.forQuery(db, SQL.get(statement))
        .execute(p)
        .map(rows -> all(rows).stream().findFirst());
  }

  private static List<Tenant> all(RowSet<Row> rows) {
    List<Tenant> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(map(r));
    }
    return out;
  }

  static Tenant map(Row r) {
    String[] types = r.getArrayOfStrings("credential_types");
    return new Tenant(
        r.getUUID("id"),
        r.getString("path"),
        r.getString("name"),
        r.getString("brin"),
        r.getString("oin"),
        r.getString("kvk"),
        types == null ? List.of() : Arrays.asList(types),
        r.getBigDecimal("ects_min"),
        r.getBigDecimal("ects_max"),
        r.getOffsetDateTime("created_at").toInstant());
  }

  private static Numeric numeric(BigDecimal d) {
    return d == null ? null : Numeric.create(d);
  }
}
