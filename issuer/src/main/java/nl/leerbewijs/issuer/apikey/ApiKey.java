package nl.leerbewijs.issuer.apikey;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** An API key's stored facts (its secret hash stays in the store). */
public record ApiKey(
    UUID id,
    UUID tenantId,
    String prefix,
    Set<Scope> scopes,
    String description,
    Instant createdAt,
    Instant revokedAt) {

  public ApiKey {
    scopes = Set.copyOf(scopes);
  }

  public boolean revoked() {
    return revokedAt != null;
  }
}
