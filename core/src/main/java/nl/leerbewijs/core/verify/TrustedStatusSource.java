package nl.leerbewijs.core.verify;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import nl.leerbewijs.core.jose.AlgorithmPolicy;
import nl.leerbewijs.core.jose.CompactJws;
import nl.leerbewijs.core.jose.JoseParseException;
import nl.leerbewijs.core.status.StatusList;
import nl.leerbewijs.core.status.StatusListFailure;
import nl.leerbewijs.core.status.StatusListTokenResult;
import nl.leerbewijs.core.status.StatusListTokenVerifier;
import nl.leerbewijs.core.status.StatusLookup;
import nl.leerbewijs.core.status.VerifiedStatusList;
import nl.leerbewijs.core.trust.KeyResolution;
import nl.leerbewijs.core.trust.TrustList;
import nl.leerbewijs.core.vc.StatusReference;

/**
 * A {@link StatusSource} that fetches status list tokens, verifies each against the same issuer's
 * keys or trust anchors as the credential, and caches the verified list.
 *
 * <p>Caching: a verified list is reused until its {@code ttl} runs out (capped by {@code maxTtl},
 * and by its {@code exp}); without a {@code ttl}, for {@code defaultTtl}. At most {@code
 * maxEntries} lists are kept. In offline mode a list past its ttl is still used, marked stale, when
 * a fresh one cannot be fetched.
 *
 * <p>Only one thread fetches a given list at a time, and while it does, other verifications of the
 * same issuer are answered from the list it replaces for up to {@code refreshGrace} past that
 * list's ttl, instead of all waiting for one fetch (a refresh every ttl would otherwise stall every
 * verification of that issuer for as long as the fetch takes). With no refresh under way, or past
 * the grace, a verification waits for the fresh list as before.
 */
public final class TrustedStatusSource implements StatusSource {

  private final StatusListFetcher fetcher;
  private final Clock clock;
  private final Duration defaultTtl;
  private final Duration maxTtl;
  private final int maxEntries;
  private final boolean offlineMode;
  private final StatusListTokenVerifier verifier;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final Duration refreshGrace;

  private record Entry(String issuer, VerifiedStatusList list, Instant freshUntil) {}

  private TrustedStatusSource(Builder b) {
    this.fetcher = Objects.requireNonNull(b.fetcher, "fetcher");
    this.clock = b.clock;
    this.defaultTtl = b.defaultTtl;
    this.maxTtl = b.maxTtl;
    this.maxEntries = b.maxEntries;
    this.offlineMode = b.offlineMode;
    this.refreshGrace = b.refreshGrace;
    this.verifier =
        StatusListTokenVerifier.builder()
            .algorithms(b.algorithms)
            .clock(b.clock)
            .maxDecompressedBytes(b.maxDecompressedBytes)
            .build();
  }

  public static Builder builder(StatusListFetcher fetcher) {
    Builder b = new Builder();
    b.fetcher = fetcher;
    return b;
  }

  @Override
  public Optional<StatusOutcome> lookupWithoutFetching(
      TrustList trustList, String issuer, StatusReference reference) {
    Entry e = cache.get(reference.uri());
    return e != null && e.issuer.equals(issuer) && !clock.instant().isAfter(e.freshUntil)
        ? Optional.of(found(e, reference, false))
        : Optional.empty();
  }

  @Override
  public StatusOutcome lookup(TrustList trustList, String issuer, StatusReference reference) {
    Instant now = clock.instant();
    String uri = reference.uri();
    Entry e = cache.get(uri);
    if (e != null && e.issuer.equals(issuer) && !now.isAfter(e.freshUntil)) {
      return found(e, reference, false);
    }
    ReentrantLock lock = locks.computeIfAbsent(uri, k -> new ReentrantLock());
    boolean replacing = e != null && e.issuer.equals(issuer);
    if (replacing && !now.isAfter(e.freshUntil.plus(refreshGrace)) && !lock.tryLock()) {
      return found(e, reference, false); // another thread is fetching its successor
    }
    if (!lock.isHeldByCurrentThread()) {
      lock.lock();
    }
    try {
      e = cache.get(uri);
      if (e != null && e.issuer.equals(issuer) && !now.isAfter(e.freshUntil)) {
        return found(e, reference, false); // refreshed while this thread waited
      }
      Object fresh = refresh(trustList, issuer, uri, now);
      if (fresh instanceof Entry) {
        return found((Entry) fresh, reference, false);
      }
      if (offlineMode && e != null && e.issuer.equals(issuer)) {
        return found(e, reference, true);
      }
      if (e == null) {
        // Nothing cached for this list: do not keep its lock either, or every failing URI would
        // stay in memory for good.
        locks.remove(uri, lock);
      }
      return (StatusOutcome.Unavailable) fresh;
    } finally {
      lock.unlock();
    }
  }

  private static StatusOutcome found(Entry e, StatusReference reference, boolean stale) {
    StatusLookup lookup = e.list.statusOf(reference.idx());
    if (lookup instanceof StatusLookup.Found) {
      return new StatusOutcome.Found(((StatusLookup.Found) lookup).status(), e.list.iat(), stale);
    }
    StatusListFailure.IndexOutOfRange r = (StatusListFailure.IndexOutOfRange) lookup;
    return new StatusOutcome.Unavailable(r.code(), r.message());
  }

  /** Returns a new {@link Entry} (also cached) or a {@link StatusOutcome.Unavailable}. */
  private Object refresh(TrustList trustList, String issuer, String uri, Instant now) {
    String token;
    try {
      token = fetcher.fetch(uri);
    } catch (IOException | RuntimeException ex) {
      return new StatusOutcome.Unavailable(
          "status.fetch_failed",
          "status list " + uri + " could not be fetched: " + ex.getMessage());
    }
    CompactJws jws;
    try {
      jws = CompactJws.parse(token, "status list token");
    } catch (JoseParseException ex) {
      return new StatusOutcome.Unavailable("status.malformed", ex.getMessage());
    }
    KeyResolution key;
    try {
      key = trustList.resolve(issuer, jws.kid(), jws.x5c(), now);
    } catch (JoseParseException ex) {
      return new StatusOutcome.Unavailable("status.malformed", ex.getMessage());
    }
    if (!(key instanceof KeyResolution.Trusted)) {
      return new StatusOutcome.Unavailable(
          "status.untrusted_signer",
          "status list "
              + uri
              + " is not signed by a key of the credential's issuer ("
              + key.code()
              + ")");
    }
    StatusListTokenResult result = verifier.verify(token, uri, ((KeyResolution.Trusted) key).key());
    if (result instanceof StatusListTokenResult.Rejected) {
      StatusListFailure f = ((StatusListTokenResult.Rejected) result).failure();
      return new StatusOutcome.Unavailable(f.code(), f.message());
    }
    VerifiedStatusList list = ((StatusListTokenResult.Verified) result).list();
    Duration ttl = list.ttl().orElse(defaultTtl);
    if (ttl.compareTo(maxTtl) > 0) {
      ttl = maxTtl;
    }
    Instant freshUntil = now.plus(ttl);
    if (list.exp().isPresent() && list.exp().get().isBefore(freshUntil)) {
      freshUntil = list.exp().get();
    }
    Entry entry = new Entry(issuer, list, freshUntil);
    if (cache.size() >= maxEntries) {
      evictOne(now);
    }
    cache.put(uri, entry);
    return entry;
  }

  private void evictOne(Instant now) {
    // Prefer an expired entry; otherwise the one that goes stale first.
    String victim = null;
    Instant earliest = Instant.MAX;
    for (Map.Entry<String, Entry> c : cache.entrySet()) {
      if (c.getValue().freshUntil.isBefore(earliest)) {
        earliest = c.getValue().freshUntil;
        victim = c.getKey();
      }
    }
    if (victim != null) {
      cache.remove(victim);
      locks.remove(victim);
    }
  }

  /** Builder; defaults suit a verifier service. */
  public static final class Builder {
    private StatusListFetcher fetcher;
    private Clock clock = Clock.systemUTC();
    private Duration defaultTtl = Duration.ofMinutes(5);
    private Duration maxTtl = Duration.ofHours(24);
    private int maxEntries = 1000;
    private boolean offlineMode;
    private Duration refreshGrace = Duration.ofSeconds(10);
    private AlgorithmPolicy algorithms = AlgorithmPolicy.DEFAULT;
    private int maxDecompressedBytes = StatusList.DEFAULT_MAX_DECOMPRESSED_BYTES;

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** How long a list without {@code ttl} is reused. */
    public Builder defaultTtl(Duration ttl) {
      this.defaultTtl = positive(ttl, "defaultTtl");
      return this;
    }

    /** The longest a list is reused, whatever its {@code ttl} says. */
    public Builder maxTtl(Duration ttl) {
      this.maxTtl = positive(ttl, "maxTtl");
      return this;
    }

    public Builder maxEntries(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxEntries must be at least 1");
      }
      this.maxEntries = n;
      return this;
    }

    /**
     * How long past its ttl a list still answers while another thread fetches its successor;
     * default 10 s, about the longest a fetch may take. Zero makes every verification wait.
     */
    public Builder refreshGrace(Duration grace) {
      if (grace == null || grace.isNegative() || grace.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("refreshGrace must be between 0 and 1 day");
      }
      this.refreshGrace = grace;
      return this;
    }

    /** Use the last good list when a fresh one cannot be fetched (reported as stale). */
    public Builder offlineMode(boolean offline) {
      this.offlineMode = offline;
      return this;
    }

    public Builder algorithms(AlgorithmPolicy policy) {
      this.algorithms = Objects.requireNonNull(policy);
      return this;
    }

    public Builder maxDecompressedBytes(int max) {
      this.maxDecompressedBytes = max;
      return this;
    }

    public TrustedStatusSource build() {
      return new TrustedStatusSource(this);
    }

    private static Duration positive(Duration d, String what) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return d;
    }
  }
}
