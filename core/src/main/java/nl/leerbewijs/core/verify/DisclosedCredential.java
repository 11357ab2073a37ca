package nl.leerbewijs.core.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a verified presentation says, for display: only what the holder disclosed.
 *
 * @param vct the credential type identifier
 * @param typeId our credential type id (e.g. {@code microcredential}) or null for an unknown vct
 * @param issuer the {@code iss} value
 * @param issuerName the issuer's display name from the trust list, or null when not trusted
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp}, or null
 * @param claims the disclosed claims after SD-JWT processing (no {@code _sd}, no decoys); the
 *     record takes this object over without copying it (the verification engine hands it a copy of
 *     its own), so whoever constructs a record must not modify it afterwards; {@link #claims()}
 *     returns a copy, so the record's claims cannot be changed through it
 * @param disclosedPaths JSON pointers of the claims the holder chose to disclose
 * @param undisclosedCount how many selectively disclosable claims (and decoys) stayed hidden; an
 *     upper bound, since decoys cannot be told apart from hidden claims
 */
public record DisclosedCredential(
    String vct,
    String typeId,
    String issuer,
    String issuerName,
    Instant issuedAt,
    Instant expiresAt,
    ObjectNode claims,
    List<String> disclosedPaths,
    int undisclosedCount) {

  public DisclosedCredential {
    Objects.requireNonNull(vct, "vct");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(claims, "claims");
    disclosedPaths = List.copyOf(disclosedPaths);
  }

  /** The disclosed claims, a defensive copy. */
  @Override
  public ObjectNode claims() {
    return claims.deepCopy();
  }

  /** The claims themselves, for serializing them in this package; never to be modified. */
  ObjectNode claimsUnsafe() {
    return claims;
  }
}
