package nl.leerbewijs.core.trust;

import java.util.Objects;

/**
 * A trust list that cannot be used: malformed JSON, an unknown version, or an entry that breaks a
 * rule of {@code docs/trust-list.md}. {@link #field()} names the offending member as a path such as
 * {@code issuers[1].jwks.keys[0].d}; the message adds the reason. Messages never contain key
 * material.
 */
public final class TrustListException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public TrustListException(String field, String reason) {
    super("trust list rejected: " + Objects.requireNonNull(field) + ": " + reason);
    this.field = field;
  }

  /** Path of the offending member ({@code $} for the document itself). */
  public String field() {
    return field;
  }
}
