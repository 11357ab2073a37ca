package nl.leerbewijs.verifier.config;

import java.time.Duration;

/**
 * How the verifier fetches and caches the keys of trusted issuers whose trust list entry says
 * {@code keys_from_metadata} (core's {@code IssuerMetadataKeys}).
 *
 * @param timeout connect and request timeout of one metadata or key set request
 * @param defaultTtl how long keys are reused when the answer has no {@code Cache-Control: max-age}
 * @param maxTtl the longest keys are reused, whatever {@code max-age} says
 * @param minInterval the least time between two fetches for one issuer (also the shortest reuse):
 *     bounds what unknown {@code kid}s or a failing issuer can cause
 * @param staleWindow how long past their reuse time the last good keys are still used when the
 *     issuer cannot be reached
 */
public record IssuerMetadataSettings(
    Duration timeout,
    Duration defaultTtl,
    Duration maxTtl,
    Duration minInterval,
    Duration staleWindow) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_MAX_TTL = Duration.ofHours(1);
  public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_STALE_WINDOW = Duration.ofHours(1);

  /** Largest metadata document or JWK Set accepted, in bytes. */
  public static final int MAX_BYTES = 256 * 1024;

  public static final IssuerMetadataSettings DEFAULTS =
      new IssuerMetadataSettings(
          DEFAULT_TIMEOUT,
          DEFAULT_TTL,
          DEFAULT_MAX_TTL,
          DEFAULT_MIN_INTERVAL,
          DEFAULT_STALE_WINDOW);
}
