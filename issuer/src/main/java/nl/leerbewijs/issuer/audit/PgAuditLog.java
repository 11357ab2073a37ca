package nl.leerbewijs.issuer.audit;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.leerbewijs.issuer.db.Sql;

/** {@link AuditLog} on PostgreSQL; statements in {@code audit.sql}. */
public final class PgAuditLog implements AuditLog {
  private static final Sql SQL = Sql.load(PgAuditLog.class, "audit.sql");

  @Override
  public Future<Void> append(SqlClient db, AuditEntry e) {
    Map<String, Object> p = new HashMap<>();
    p.put("tenantId", e.tenantId());
    p.put("actorType", e.actor().type().code());
    p.put("actorId", e.actor().id());
    p.put("action", e.action());
    p.put("subject", e.subject());
    p.put("reason", e.reason());
    p.put("details", e.details());
    return SqlTemplate.forUpdate(db, SQL.get("append")).execute(p).mapEmpty();
  }

  @Override
  public Future<List<AuditEntry>> list(SqlClient db, UUID tenantId, long before, int limit) {
    return SqlTemplate.forQuery(db, SQL.get("list"))
        .execute(Map.of("tenantId", tenantId, "before", before, "limit", limit))
        .map(
            rows -> {
              List<AuditEntry> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(
                    new AuditEntry(
                        r.getLong("id"),
                        r.getOffsetDateTime("at").toInstant(),
                        r.getUUID("tenant_id"),
                        new Actor(
                            Actor.Type.fromCode(r.getString("actor_type")),
                            r.getString("actor_id")),
                        r.getString("action"),
                        r.getString("subject"),
                        r.getString("reason"),
                        r.getJsonObject("details")));
              }
              return out;
            });
  }
}
