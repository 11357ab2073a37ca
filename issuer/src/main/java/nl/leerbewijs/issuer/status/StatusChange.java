package nl.leerbewijs.issuer.status;

import nl.leerbewijs.issuer.audit.AuditAction;

/**
 * A status change a school can make. Revocation is final: nothing leaves the revoked state. Values
 * are the 2-bit status list values (0 valid, 1 invalid, 2 suspended).
 */
public enum StatusChange {
  REVOKE(1, AuditAction.CREDENTIAL_REVOKE),
  SUSPEND(2, AuditAction.CREDENTIAL_SUSPEND),
  REINSTATE(0, AuditAction.CREDENTIAL_REINSTATE);

  public static final int VALID = 0;
  public static final int REVOKED = 1;
  public static final int SUSPENDED = 2;

  private final int target;
  private final String action;

  StatusChange(int target, String action) {
    this.target = target;
    this.action = action;
  }

  public int target() {
    return target;
  }

  public String action() {
    return action;
  }

  /** Null when the change is allowed from {@code current}, else the problem code. */
  public String refusal(int current) {
    if (current == REVOKED) {
      return "credential_revoked";
    }
    return switch (this) {
      case REVOKE -> null;
      case SUSPEND -> current == SUSPENDED ? "already_suspended" : null;
      case REINSTATE -> current == SUSPENDED ? null : "not_suspended";
    };
  }
}
