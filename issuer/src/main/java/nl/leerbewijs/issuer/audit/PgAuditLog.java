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
  public Future<Void> appendAll(
      SqlClient db,
      UUID tenantId,
      Actor actor,
      String action,
      String reason,
      List<String> subjects,
      List<io.vertx.core.json.JsonObject> details) {
    if (subjects.isEmpty()) {
      return Future.succeededFuture();
    }
    String[] d = new String[details.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = details.get(i).encode();
    }
    return db.preparedQuery(SQL.get("appendAll"))
        .execute(
            io.vertx.sqlclient.Tuple.of(
                tenantId,
                actor.type().code(),
                actor.id(),
                action,
                reason,
                subjects.toArray(new String[0]),
                d))
        .mapEmpty();
  }

  @Override
  public Future<List<AuditEntry>> export(SqlClient db, UUID tenantId, long after, int limit) {
    return db.preparedQuery(SQL.get("export"))
        .execute(io.vertx.sqlclient.Tuple.of(tenantId, after, limit))
        .map(PgAuditLog::entries);
  }

  @Override
  public Future<List<AuditEntry>> list(SqlClient db, UUID tenantId, long before, int limit) {
    return SqlTemplate.forQuery(db, SQL.get("list"))
        .execute(Map.of("tenantId", tenantId, "before", before, "limit", limit))
        .map(PgAuditLog::entries);
  }

  private static List<AuditEntry> entries(Iterable<Row> rows) {
    List<AuditEntry> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(
          new AuditEntry(
              r.getLong("id"),
              r.getOffsetDateTime("at").toInstant(),
              r.getUUID("tenant_id"),
              new Actor(Actor.Type.fromCode(r.getString("actor_type")), r.getString("actor_id")),
              r.getString("action"),
              r.getString("subject"),
              r.getString("reason"),
              r.getJsonObject("details")));
    }
    return out;
  }
}
