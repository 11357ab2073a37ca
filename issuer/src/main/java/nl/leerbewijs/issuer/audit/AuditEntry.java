package nl.leerbewijs.issuer.audit;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of the append-only audit log.
 *
 * @param id position in the log (null before it is written)
 * @param at when (null before it is written: the database's clock decides)
 * @param tenantId the tenant concerned, or null for system-wide actions
 * @param action see {@link AuditAction}
 * @param subject what was acted on (an id, a kid), never a secret
 * @param reason why, as given by the actor
 * @param details further non-secret facts
 */
public record AuditEntry(
    Long id,
    Instant at,
    UUID tenantId,
    Actor actor,
    String action,
    String subject,
    String reason,
    JsonObject details) {

  /** An entry to be written. */
  public static AuditEntry of(
      UUID tenantId,
      Actor actor,
      String action,
      String subject,
      String reason,
      JsonObject details) {
    return new AuditEntry(
        null,
        null,
        tenantId,
        actor,
        action,
        subject,
        reason,
        details == null ? new JsonObject() : details);
  }
}
