package nl.leerbewijs.core.schema;

/** What a claim document is, which decides how strictly {@link CredentialValidator} reads it. */
public enum ValidationMode {
  /**
   * Award input a school submits. Every required claim must be present; {@code eqf} (derived by the
   * issuer) and the SD-JWT VC layer claims ({@code vct}, {@code iss}, ...) must be absent.
   */
  AWARD,

  /**
   * The complete claims of an issued credential after disclosure processing with every disclosure
   * (what the issuer signs, what a wallet receives). Every required claim must be present; the
   * SD-JWT VC layer claims and {@code eqf} may appear, {@code eqf} must equal its derivation.
   */
  ISSUED,

  /**
   * The claims a verifier sees in a presentation: as {@link #ISSUED}, but claims that the type
   * metadata marks selectively disclosable ({@code sd} always or allowed) may be missing, because
   * the holder chose not to disclose them. They are not reported as missing.
   */
  DISCLOSED
}
