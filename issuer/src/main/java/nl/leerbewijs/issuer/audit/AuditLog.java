package nl.leerbewijs.issuer.audit;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.UUID;

/**
 * The append-only audit log: who did what, when and why. The database refuses UPDATE, DELETE and
 * TRUNCATE on it (trigger {@code audit_log_no_update_delete}), so entries cannot be rewritten even
 * by a buggy or compromised service; pass the transaction's connection so that an entry commits
 * with its change or not at all.
 */
public interface AuditLog {
  Future<Void> append(SqlClient db, AuditEntry entry);

  /**
   * Appends many entries of one tenant, actor, action and reason in one statement (a batch award);
   * {@code subjects} and {@code details} are parallel lists.
   */
  Future<Void> appendAll(
      SqlClient db,
      java.util.UUID tenantId,
      Actor actor,
      String action,
      String reason,
      List<String> subjects,
      List<io.vertx.core.json.JsonObject> details);

  /** Entries of one tenant with id above {@code after}, oldest first (for export). */
  Future<List<AuditEntry>> export(SqlClient db, UUID tenantId, long after, int limit);

  /** The newest {@code limit} entries of one tenant, newest first, with id below {@code before}. */
  Future<List<AuditEntry>> list(SqlClient db, UUID tenantId, long before, int limit);
}
