package nl.leerbewijs.core.verify;

/** Stable codes of the {@link Check#STATUS} check. */
public final class StatusCodes {
  public static final String VALID = "status.valid";
  public static final String REVOKED = "status.revoked";
  public static final String SUSPENDED = "status.suspended";

  /** The list says something other than valid, revoked or suspended (application-specific). */
  public static final String OTHER = "status.other";

  /** The status list could not be fetched or verified: "could not check revocation". */
  public static final String UNAVAILABLE = "status.unavailable";

  /** The credential names no status list. */
  public static final String NONE = "status.none";

  private StatusCodes() {}
}
