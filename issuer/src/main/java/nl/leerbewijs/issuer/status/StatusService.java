package nl.leerbewijs.issuer.status;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.leerbewijs.issuer.apikey.ApiKeyPrincipal;
import nl.leerbewijs.issuer.audit.AuditAction;
import nl.leerbewijs.issuer.audit.AuditEntry;
import nl.leerbewijs.issuer.audit.AuditLog;
import nl.leerbewijs.issuer.db.Database;
import nl.leerbewijs.issuer.db.Sql;
import nl.leerbewijs.issuer.http.ProblemException;

/**
 * Revoking, suspending and reinstating issued credentials, and withdrawing awards. Every change
 * locks the credential row, bumps its status list's version (so the next token fetch re-signs) and
 * writes an audit entry, in one transaction. Only the caller's own tenant's credentials are found.
 */
public final class StatusService {
  private static final Sql SQL = Sql.load(StatusLists.class, "status.sql");
  private static final Sql AWARD_SQL =
      Sql.load(nl.leerbewijs.issuer.award.AwardService.class, "award.sql");

  private final Database db;
  private final AuditLog audit;

  public StatusService(Database db, AuditLog audit) {
    this.db = db;
    this.audit = audit;
  }

  /** The state of a credential after a change. */
  public record Changed(UUID credentialId, int status, String reason) {}

  public Future<Changed> change(
      ApiKeyPrincipal who, UUID credentialId, StatusChange change, String reason) {
    UUID tenantId = who.tenant().id();
    return db.inTransaction(
        conn ->
            conn.preparedQuery(SQL.get("lockCredential"))
                .execute(Tuple.of(tenantId, credentialId))
                .compose(
                    rows -> {
                      if (rows.size() == 0) {
                        return Future.failedFuture(
                            ProblemException.notFound(
                                "credential_not_found",
                                "no issued credential " + credentialId + " at this school"));
                      }
                      Row c = rows.iterator().next();
                      int current = c.getInteger("status");
                      String refusal = change.refusal(current);
                      if (refusal != null) {
                        return Future.failedFuture(
                            ProblemException.conflict(
                                refusal,
                                "cannot "
                                    + change.name().toLowerCase(java.util.Locale.ROOT)
                                    + " credential "
                                    + credentialId
                                    + ": it is "
                                    + nl.leerbewijs.issuer.award.AwardRoutes.statusName(current)
                                    + (current == StatusChange.REVOKED
                                        ? " (revocation is final)"
                                        : "")));
                      }
                      return apply(conn, who, c, change, reason)
                          .map(v -> new Changed(credentialId, change.target(), reason));
                    }));
  }

  private Future<Void> apply(
      SqlConnection conn, ApiKeyPrincipal who, Row c, StatusChange change, String reason) {
    UUID id = c.getUUID("id");
    int from = c.getInteger("status");
    return conn.preparedQuery(SQL.get("setStatus"))
        .execute(Tuple.of(id, (short) change.target(), reason))
        .compose(
            v ->
                conn.preparedQuery(SQL.get("bumpVersion"))
                    .execute(Tuple.of(c.getUUID("status_list_id"))))
        .compose(
            v ->
                audit.append(
                    conn,
                    AuditEntry.of(
                        who.tenant().id(),
                        who.actor(),
                        change.action(),
                        id.toString(),
                        reason,
                        new JsonObject()
                            .put("from", nl.leerbewijs.issuer.award.AwardRoutes.statusName(from))
                            .put(
                                "to",
                                nl.leerbewijs.issuer.award.AwardRoutes.statusName(change.target()))
                            .put("award_id", c.getUUID("award_id").toString()))));
  }

  /**
   * Withdraws an award: its open offers die and its credentials are revoked. Returns the revoked
   * credential ids. A second withdrawal is a 409.
   */
  public Future<List<UUID>> withdraw(ApiKeyPrincipal who, UUID awardId, String reason) {
    UUID tenantId = who.tenant().id();
    return db.inTransaction(
        conn ->
            conn.preparedQuery(AWARD_SQL.get("lockAward"))
                .execute(Tuple.of(tenantId, awardId))
                .compose(
                    rows -> {
                      if (rows.size() == 0) {
                        return Future.failedFuture(
                            ProblemException.notFound(
                                "award_not_found", "no award " + awardId + " at this school"));
                      }
                      if (rows.iterator().next().getValue("withdrawn_at") != null) {
                        return Future.failedFuture(
                            ProblemException.conflict(
                                "award_withdrawn", "award " + awardId + " was already withdrawn"));
                      }
                      return conn.preparedQuery(AWARD_SQL.get("withdraw"))
                          .execute(Tuple.of(tenantId, awardId, reason))
                          .compose(
                              v ->
                                  conn.preparedQuery(AWARD_SQL.get("killOffers"))
                                      .execute(Tuple.of(tenantId, awardId)))
                          .compose(
                              v ->
                                  conn.preparedQuery(SQL.get("credentialsOfAwardForUpdate"))
                                      .execute(Tuple.of(tenantId, awardId)))
                          .compose(
                              creds -> {
                                List<UUID> revoked = new ArrayList<>();
                                Future<Void> chain = Future.succeededFuture();
                                for (Row c : creds) {
                                  if (c.getInteger("status") != StatusChange.REVOKED) {
                                    revoked.add(c.getUUID("id"));
                                    chain =
                                        chain.compose(
                                            v -> apply(conn, who, c, StatusChange.REVOKE, reason));
                                  }
                                }
                                return chain
                                    .compose(
                                        v ->
                                            audit.append(
                                                conn,
                                                AuditEntry.of(
                                                    tenantId,
                                                    who.actor(),
                                                    AuditAction.AWARD_WITHDRAW,
                                                    awardId.toString(),
                                                    reason,
                                                    new JsonObject()
                                                        .put("revoked", revoked.size()))))
                                    .map(revoked);
                              });
                    }));
  }
}
