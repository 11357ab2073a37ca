package nl.leerbewijs.core.credential;

import java.util.Optional;

/**
 * Whether a claim is selectively disclosable: the {@code sd} member of SD-JWT VC Type Metadata
 * claim metadata (draft-ietf-oauth-sd-jwt-vc, "Claim Selective Disclosure Metadata").
 */
public enum Disclosability {
  /** The issuer MUST make the claim selectively disclosable. */
  ALWAYS("always"),
  /**
   * The issuer MAY make the claim selectively disclosable (the default when {@code sd} is absent).
   */
  ALLOWED("allowed"),
  /** The issuer MUST NOT make the claim selectively disclosable. */
  NEVER("never");

  private final String value;

  Disclosability(String value) {
    this.value = value;
  }

  /** The JSON value of the {@code sd} member. */
  public String value() {
    return value;
  }

  /** The constant for a JSON value of {@code sd}; empty when unknown. */
  public static Optional<Disclosability> fromValue(String value) {
    for (Disclosability d : values()) {
      if (d.value.equals(value)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
