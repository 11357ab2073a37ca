package nl.leerbewijs.core.trust;

import java.util.Objects;
import java.util.Optional;

/**
 * Dutch registry identifiers of a trusted issuer, each optional: BRIN (DUO institution code, 4
 * characters plus an optional 2-digit location), OIN (20-digit government organisation number) and
 * KvK-nummer (8 digits). Informational: trust is decided by keys, never by these numbers.
 */
public record IssuerIdentifiers(Optional<String> brin, Optional<String> oin, Optional<String> kvk) {

  /** No identifiers. */
  public static final IssuerIdentifiers NONE =
      new IssuerIdentifiers(Optional.empty(), Optional.empty(), Optional.empty());

  public IssuerIdentifiers {
    Objects.requireNonNull(brin, "brin");
    Objects.requireNonNull(oin, "oin");
    Objects.requireNonNull(kvk, "kvk");
  }
}
