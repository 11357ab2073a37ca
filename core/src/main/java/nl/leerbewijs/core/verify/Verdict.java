package nl.leerbewijs.core.verify;

import java.util.Locale;

/**
 * The one answer to an employer's question "is this credential genuine and still valid?".
 *
 * <p>Each verdict has a {@link Severity} that decides the colour on screen: green for {@link
 * #VALID}; amber where the credential may well be fine but something could not be confirmed; red
 * where it must not be accepted.
 */
public enum Verdict {
  /** Genuine, from a trusted issuer, unchanged, not expired, not revoked or suspended. */
  VALID(Severity.OK),
  /** Genuine and from a trusted issuer, but the revocation status could not be checked. */
  STATUS_UNKNOWN(Severity.WARNING),
  /** Correctly signed, but the issuer is not on the trust list (or not for this type). */
  UNTRUSTED_ISSUER(Severity.WARNING),
  /** Suspended by the issuer: not valid now, may be reinstated. */
  SUSPENDED(Severity.ERROR),
  /** Revoked by the issuer: permanently invalid. */
  REVOKED(Severity.ERROR),
  /** Expired or not yet valid. */
  EXPIRED(Severity.ERROR),
  /** Forged, tampered, wrongly bound, or otherwise failing a check. */
  INVALID(Severity.ERROR),
  /** Not a credential presentation at all. */
  MALFORMED(Severity.ERROR);

  /** How a verdict is shown: green, amber or red. */
  public enum Severity {
    OK,
    WARNING,
    ERROR
  }

  private final Severity severity;

  Verdict(Severity severity) {
    this.severity = severity;
  }

  public Severity severity() {
    return severity;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
