package nl.leerbewijs.issuer.signingkey;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import nl.leerbewijs.core.jose.JwsAlgorithm;
import nl.leerbewijs.core.jose.JwsSigner;

/**
 * The tenants' current signing keys, unlocked and ready to sign, cached for a few seconds so that
 * issuance does not decrypt the key on every request. After a rotation (possibly by another
 * instance) an instance signs with the previous key for at most {@link #TTL_MILLIS}; that key stays
 * published, so what it signs still verifies.
 */
public final class ActiveSigners {
  /** How long an unlocked key is reused. */
  public static final long TTL_MILLIS = 5_000;

  /** A signing-ready current key. */
  public record Active(UUID keyId, String kid, JwsSigner signer, java.util.List<String> x5c) {}

  private record Entry(Optional<Active> active, long loadedAt) {}

  private final SigningKeyService keys;
  private final Map<UUID, Entry> cache = new ConcurrentHashMap<>();

  public ActiveSigners(SigningKeyService keys) {
    this.keys = keys;
  }

  /** The tenant's current key; empty when it has none. */
  public Future<Optional<Active>> current(UUID tenantId) {
    Entry e = cache.get(tenantId);
    long now = System.currentTimeMillis();
    if (e != null && now - e.loadedAt() < TTL_MILLIS) {
      return Future.succeededFuture(e.active());
    }
    return keys.unlockCurrentWithId(tenantId)
        .map(
            k -> {
              Optional<Active> a =
                  k.map(
                      c ->
                          new Active(
                              c.id(),
                              c.key().kid(),
                              new JwsSigner(c.key().privateKey(), JwsAlgorithm.ES256),
                              c.key().x5c()));
              cache.put(tenantId, new Entry(a, now));
              return a;
            });
  }

  /** Forgets a tenant's key (after a rotation on this instance). */
  public void invalidate(UUID tenantId) {
    cache.remove(tenantId);
  }
}
