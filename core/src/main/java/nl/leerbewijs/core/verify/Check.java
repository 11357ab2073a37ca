package nl.leerbewijs.core.verify;

import java.util.Locale;

/**
 * The checks a verification runs, in the order it runs them. Each appears once in every {@link
 * VerificationReport}, so a reader always sees the whole list, including what was skipped.
 */
public enum Check {
  /** The text is a well-formed SD-JWT VC presentation (or QR payload). */
  STRUCTURE,
  /** The issuer is on the trust list, allowed this credential type, and its key was found. */
  TRUSTED_ISSUER,
  /** The issuer's signature over the credential is valid. */
  SIGNATURE,
  /** Every presented disclosure is referenced exactly once and none conflicts. */
  DIGESTS,
  /** The holder proved possession of the bound key, for this audience and nonce. */
  KEY_BINDING,
  /** Issued-at, not-before and expiry are consistent with the verifier's clock. */
  VALIDITY,
  /** The disclosed claims fit the credential type's schema and domain rules. */
  SCHEMA,
  /** The issuer's status list says the credential is not revoked or suspended. */
  STATUS;

  /** The stable lower-case name used in JSON reports and failure codes. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
