package nl.leerbewijs.core.sdjwt;

/**
 * Where disclosure salts come from. The salt is what keeps an undisclosed claim hidden: with a
 * guessable salt, a verifier can brute-force the value behind a digest (RFC 9901 section 9.3). Use
 * {@link #secure()} in production; a fixed sequence is for replaying specification examples only.
 */
@FunctionalInterface
public interface SaltSource {

  /** A fresh salt, as it will appear in the disclosure. */
  String nextSalt();

  /**
   * 128-bit salts from a per-thread DRBG seeded by the operating system, as base64url (22
   * characters). Thread-safe and uncontended.
   */
  static SaltSource secure() {
    return SecureSaltSource.INSTANCE;
  }
}
