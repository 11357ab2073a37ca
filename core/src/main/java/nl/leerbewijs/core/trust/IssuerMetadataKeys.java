package nl.leerbewijs.core.trust;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import nl.leerbewijs.core.http.BoundedHttpClient;
import nl.leerbewijs.core.keys.IssuerKey;

/**
 * Issuers' signing keys from their JWT VC Issuer Metadata ({@link JwtVcIssuerMetadataClient}),
 * cached. Attach it to a trust list with {@link TrustList#withIssuerMetadata}; it is then asked
 * only for issuers on that list whose entry says {@code keys_from_metadata}. The wallet, which has
 * no trust list, asks it directly with {@link #keys}.
 *
 * <p>Caching and load on the issuer, per issuer:
 *
 * <ul>
 *   <li>A key set is fresh for the {@code Cache-Control: max-age} of its answer, kept within
 *       [{@code minInterval}, {@code maxTtl}]; {@code defaultTtl} when the answer does not say.
 *   <li><b>At most one fetch per {@code minInterval}</b>, whatever happens: a stale set, an unknown
 *       {@code kid} (a key rotated in since the last fetch) and a failed fetch all wait for it. So
 *       a flood of tokens with made-up {@code kid}s costs the issuer one request per interval, and
 *       an issuer that is down is not hammered.
 *   <li>Concurrent lookups that need a fetch share one request.
 *   <li>When a fetch fails, the last good set is still used until {@code staleWindow} past the end
 *       of its freshness; after that the issuer's keys are unavailable until a fetch succeeds.
 *   <li>At most {@code maxEntries} issuers are remembered (the least recently fetched go first).
 * </ul>
 *
 * <p>Thread-safe. Lookups may block on a fetch (bounded by the HTTP client's timeouts).
 */
public final class IssuerMetadataKeys {

  /**
   * What is known about one issuer.
   *
   * @param keys the last good key set, or null when none was ever fetched
   * @param freshUntil when {@code keys} go stale
   * @param lastAttempt when a fetch was last started
   * @param failure why the last fetch failed, or null when it succeeded
   */
  private record Entry(
      List<IssuerKey> keys, Instant freshUntil, Instant lastAttempt, Failure failure) {}

  /** Why a fetch failed; {@code unreachable} for an {@link IOException}. */
  private record Failure(boolean unreachable, String message) {}

  private final JwtVcIssuerMetadataClient client;
  private final Clock clock;
  private final Duration defaultTtl;
  private final Duration maxTtl;
  private final Duration minInterval;
  private final Duration staleWindow;
  private final int maxEntries;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Entry>> inFlight = new ConcurrentHashMap<>();

  private IssuerMetadataKeys(Builder b) {
    this.client = new JwtVcIssuerMetadataClient(b.http);
    this.clock = b.clock;
    this.defaultTtl = b.defaultTtl;
    this.maxTtl = b.maxTtl;
    this.minInterval = b.minInterval;
    this.staleWindow = b.staleWindow;
    this.maxEntries = b.maxEntries;
    if (maxTtl.compareTo(minInterval) < 0) {
      throw new IllegalArgumentException("maxTtl must not be shorter than minInterval");
    }
  }

  /** A builder fetching through {@code http} (its timeouts, size cap and loopback rule apply). */
  public static Builder builder(BoundedHttpClient http) {
    Builder b = new Builder();
    b.http = Objects.requireNonNull(http, "http");
    return b;
  }

  /**
   * The current keys of {@code iss}, fetched when none are cached or they are stale (within the
   * one-fetch-per-interval rule). Makes no trust decision: the caller decides that {@code iss} is
   * one whose metadata it accepts.
   *
   * @throws IOException when the issuer could not be reached and no usable keys are cached
   * @throws IssuerMetadataException when its metadata is unusable and no usable keys are cached
   */
  public List<IssuerKey> keys(String iss) throws IOException, IssuerMetadataException {
    Instant now = clock.instant();
    Entry e = current(iss, null, now);
    if (usable(e, now)) {
      return e.keys;
    }
    Failure f = failureOf(e);
    String message = "the keys of issuer " + iss + " could not be fetched: " + f.message;
    if (f.unreachable) {
      throw new IOException(message);
    }
    throw new IssuerMetadataException(message);
  }

  /**
   * Resolves the key with {@code kid} of a trusted issuer whose keys come from its metadata. With
   * no {@code kid}, the issuer's only key, if it has exactly one.
   */
  KeyResolution resolve(TrustedIssuer issuer, String kid) {
    Instant now = clock.instant();
    Entry e = current(issuer.id(), kid, now);
    if (!usable(e, now)) {
      return new KeyResolution.KeysUnavailable(issuer.id(), failureOf(e).message);
    }
    IssuerKey found;
    if (kid == null) {
      found = e.keys.size() == 1 ? e.keys.get(0) : null;
    } else {
      found = find(e.keys, kid);
    }
    if (found == null && e.failure != null) {
      // The kid may be a key rotated in since the last good fetch, which we could not check.
      return new KeyResolution.KeysUnavailable(issuer.id(), e.failure.message);
    }
    if (found == null) {
      return new KeyResolution.UnknownKey(issuer.id(), kid);
    }
    return new KeyResolution.Trusted(
        found.publicKey(), issuer, KeyResolution.Trusted.VIA_ISSUER_METADATA);
  }

  /** The entry to answer from, after a fetch when one is needed and allowed. */
  private Entry current(String iss, String kid, Instant now) {
    Entry e = entries.get(iss);
    boolean needed =
        e == null
            || e.keys == null
            || now.isAfter(e.freshUntil)
            || (kid != null && find(e.keys, kid) == null);
    if (needed && mayFetch(e, now)) {
      return fetchShared(iss, kid, now);
    }
    return e;
  }

  private boolean mayFetch(Entry e, Instant now) {
    return e == null || !now.isBefore(e.lastAttempt.plus(minInterval));
  }

  /**
   * One fetch per issuer at a time. A lookup that finds one running answers from the cached keys
   * when they are still usable and hold its key (a refresh of stale keys, or an issuer that is slow
   * or down, then holds up only the lookup that fetches); otherwise it waits for the result.
   */
  private Entry fetchShared(String iss, String kid, Instant now) {
    CompletableFuture<Entry> mine = new CompletableFuture<>();
    CompletableFuture<Entry> running = inFlight.putIfAbsent(iss, mine);
    if (running != null) {
      Entry cached = entries.get(iss);
      if (usable(cached, now)
          && (kid == null ? cached.keys.size() == 1 : find(cached.keys, kid) != null)) {
        return cached;
      }
      try {
        return running.join();
      } catch (CompletionException ex) {
        return entries.get(iss);
      }
    }
    try {
      Entry latest = entries.get(iss);
      // Another lookup may have finished a fetch between our look at the cache and now.
      Entry next = mayFetch(latest, now) ? fetch(iss, latest, now) : latest;
      mine.complete(next);
      return next;
    } catch (RuntimeException | Error ex) {
      mine.completeExceptionally(ex); // never leave waiting lookups hanging
      throw ex;
    } finally {
      inFlight.remove(iss, mine);
    }
  }

  private Entry fetch(String iss, Entry previous, Instant now) {
    Entry next;
    try {
      JwtVcIssuerMetadataClient.Fetched f = client.fetch(iss);
      Duration ttl = f.maxAge().orElse(defaultTtl);
      ttl = ttl.compareTo(minInterval) < 0 ? minInterval : ttl;
      ttl = ttl.compareTo(maxTtl) > 0 ? maxTtl : ttl;
      next = new Entry(f.keys(), now.plus(ttl), now, null);
    } catch (IOException ex) {
      next = failed(previous, now, new Failure(true, message(ex)));
    } catch (IssuerMetadataException ex) {
      next = failed(previous, now, new Failure(false, message(ex)));
    } catch (RuntimeException ex) {
      // A bug or an unexpected answer must not take verification down: the keys are unavailable.
      next = failed(previous, now, new Failure(true, message(ex)));
    }
    if (!entries.containsKey(iss) && entries.size() >= maxEntries) {
      evictOne();
    }
    entries.put(iss, next);
    return next;
  }

  private static Entry failed(Entry previous, Instant now, Failure failure) {
    if (previous == null || previous.keys == null) {
      return new Entry(null, now, now, failure);
    }
    return new Entry(previous.keys, previous.freshUntil, now, failure);
  }

  private static String message(Exception ex) {
    return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
  }

  private boolean usable(Entry e, Instant now) {
    return e != null && e.keys != null && !now.isAfter(e.freshUntil.plus(staleWindow));
  }

  private Failure failureOf(Entry e) {
    if (e != null && e.failure != null) {
      return e.failure;
    }
    // Keys were fetched once, but are older than the stale window allows (and no fetch since).
    return new Failure(true, "the keys last fetched from its metadata are too old to be used");
  }

  private static IssuerKey find(List<IssuerKey> keys, String kid) {
    for (IssuerKey k : keys) {
      if (k.kid().equals(kid)) {
        return k;
      }
    }
    return null;
  }

  private void evictOne() {
    String victim = null;
    Instant oldest = Instant.MAX;
    for (Map.Entry<String, Entry> c : entries.entrySet()) {
      if (c.getValue().lastAttempt.isBefore(oldest)) {
        oldest = c.getValue().lastAttempt;
        victim = c.getKey();
      }
    }
    if (victim != null) {
      entries.remove(victim);
    }
  }

  /** Builder; the defaults suit a verifier service. */
  public static final class Builder {
    private BoundedHttpClient http;
    private Clock clock = Clock.systemUTC();
    private Duration defaultTtl = Duration.ofMinutes(5);
    private Duration maxTtl = Duration.ofHours(1);
    private Duration minInterval = Duration.ofSeconds(30);
    private Duration staleWindow = Duration.ofHours(1);
    private int maxEntries = 1000;

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long a key set is fresh when its answer has no {@code Cache-Control: max-age}. */
    public Builder defaultTtl(Duration ttl) {
      this.defaultTtl = positive(ttl, "defaultTtl");
      return this;
    }

    /** The longest a key set is fresh, whatever {@code max-age} says. */
    public Builder maxTtl(Duration ttl) {
      this.maxTtl = positive(ttl, "maxTtl");
      return this;
    }

    /**
     * The least time between two fetches for one issuer (also the shortest freshness): bounds the
     * requests an unknown {@code kid} or a failing issuer can cause.
     */
    public Builder minInterval(Duration interval) {
      this.minInterval = positive(interval, "minInterval");
      return this;
    }

    /** How long past its freshness the last good key set is used when fetching fails. */
    public Builder staleWindow(Duration window) {
      Objects.requireNonNull(window, "staleWindow");
      if (window.isNegative()) {
        throw new IllegalArgumentException("staleWindow must not be negative");
      }
      this.staleWindow = window;
      return this;
    }

    public Builder maxEntries(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxEntries must be at least 1");
      }
      this.maxEntries = n;
      return this;
    }

    public IssuerMetadataKeys build() {
      return new IssuerMetadataKeys(this);
    }

    private static Duration positive(Duration d, String what) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return d;
    }
  }
}
