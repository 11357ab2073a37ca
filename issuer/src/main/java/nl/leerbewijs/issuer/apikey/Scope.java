package nl.leerbewijs.issuer.apikey;

import java.util.Locale;

/** What an API key may do within its tenant. */
public enum Scope {
  /** Award credentials and create offers. */
  ISSUE,
  /** Revoke, suspend and reinstate issued credentials. */
  REVOKE,
  /** Manage the tenant: signing keys, audit log. */
  ADMIN;

  /** The scope's name as stored and shown: {@code issue}, {@code revoke}, {@code admin}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a scope name.
   *
   * @throws IllegalArgumentException naming the unknown scope
   */
  public static Scope fromCode(String code) {
    for (Scope s : values()) {
      if (s.code().equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown scope '" + code + "' (expected issue, revoke or admin)");
  }
}
