package nl.leerbewijs.issuer.apikey;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import nl.leerbewijs.core.json.Base64Url;

/**
 * Recently authenticated API keys, so that a burst of requests with one key does not cost two
 * queries each.
 *
 * <p>Security contract: an entry is found only by the SHA-256 of the whole presented key text (the
 * value the database stores), so a hit proves the same thing as the database check; the key text
 * itself is not kept. Only successful authentications are cached (unknown keys cannot fill it). An
 * entry lives at most {@link #TTL_SECONDS} seconds: a key revoked by another process (the admin
 * command, another instance) is refused within that time; a revocation through this instance's
 * {@link ApiKeyService} drops the key at once. Bounded to {@link #MAX_ENTRIES} entries (cleared
 * when full).
 */
public final class ApiKeyCache {
  /** How long an authenticated key is trusted without asking the database. */
  public static final long TTL_SECONDS = 5;

  /** At most this many keys are cached. */
  public static final int MAX_ENTRIES = 10_000;

  private record Entry(ApiKeyPrincipal principal, long loadedAtNanos) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;

  /** A cache on {@link System#nanoTime()}. */
  public ApiKeyCache() {
    this(System::nanoTime);
  }

  /** A cache on the given monotonic clock (nanoseconds), for tests. */
  public ApiKeyCache(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** The principal of a key whose text hashes to {@code keyHash}, if authenticated recently. */
  public Optional<ApiKeyPrincipal> get(byte[] keyHash) {
    String k = Base64Url.encode(keyHash);
    Entry e = entries.get(k);
    if (e == null) {
      return Optional.empty();
    }
    if (nanoTime.getAsLong() - e.loadedAtNanos() >= TimeUnit.SECONDS.toNanos(TTL_SECONDS)) {
      entries.remove(k, e);
      return Optional.empty();
    }
    return Optional.of(e.principal());
  }

  /** Remembers a successful authentication. */
  public void put(byte[] keyHash, ApiKeyPrincipal principal) {
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(Base64Url.encode(keyHash), new Entry(principal, nanoTime.getAsLong()));
  }

  /** Forgets a key (after it was revoked here). */
  public void invalidate(UUID apiKeyId) {
    entries.values().removeIf(e -> e.principal().apiKeyId().equals(apiKeyId));
  }

  /** Number of cached keys. */
  public int size() {
    return entries.size();
  }
}
