package nl.leerbewijs.verifier.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import nl.leerbewijs.core.config.SettingsReader;

/**
 * The verifier's configuration, read once at start from environment variables. Every value is
 * validated here; a {@link ConfigException} lists all problems at once, each naming its variable.
 *
 * @param httpHost interface the HTTP server binds to
 * @param httpPort TCP port (0: any free port)
 * @param trustListFile the trust list (format: docs/trust-list.md); re-read when it changes
 * @param trustListCheckInterval how often the trust list file is checked for changes
 * @param offlineMode when a status list cannot be fetched, use the last good one (reported stale)
 * @param expectedAudience the {@code aud} a key binding JWT must name; empty accepts any
 * @param maxKeyBindingAge how old a key binding JWT may be. QR presentations are made ahead of time
 *     (a learner prints or saves the code before an interview), so the default is a day
 * @param keyBindingRequired whether a presentation without key binding is invalid
 * @param maxBodyBytes largest text or JSON body of {@code POST /api/verify}
 * @param maxImageBytes largest image of {@code POST /api/verify/image}
 * @param maxImagePixels largest image in pixels (checked from the header, before decoding)
 * @param workers threads that verify and decode images (off the event loop)
 * @param statusTimeout connect and request timeout for fetching a status list
 * @param maxStatusListBytes largest status list token response
 * @param allowLoopbackHttp fetch status lists and issuer metadata over plain http from 127.0.0.1 /
 *     localhost (development and tests only)
 * @param issuerMetadata fetching and caching of keys from issuers' JWT VC Issuer Metadata
 * @param tls the service's own HTTPS certificate and key; empty: plain HTTP (behind a proxy that
 *     terminates TLS, or on localhost)
 */
public record VerifierConfig(
    String httpHost,
    int httpPort,
    Path trustListFile,
    Duration trustListCheckInterval,
    boolean offlineMode,
    Optional<String> expectedAudience,
    Duration maxKeyBindingAge,
    boolean keyBindingRequired,
    int maxBodyBytes,
    int maxImageBytes,
    long maxImagePixels,
    int workers,
    Duration statusTimeout,
    int maxStatusListBytes,
    boolean allowLoopbackHttp,
    IssuerMetadataSettings issuerMetadata,
    Optional<TlsSettings> tls) {

  public static final String HTTP_HOST = "LEERBEWIJS_VERIFIER_HTTP_HOST";
  public static final String HTTP_PORT = "LEERBEWIJS_VERIFIER_HTTP_PORT";
  public static final String TRUST_LIST = "LEERBEWIJS_TRUST_LIST";
  public static final String TRUST_LIST_CHECK_INTERVAL = "LEERBEWIJS_TRUST_LIST_CHECK_INTERVAL";
  public static final String OFFLINE = "LEERBEWIJS_VERIFIER_OFFLINE";
  public static final String AUDIENCE = "LEERBEWIJS_VERIFIER_AUDIENCE";
  public static final String MAX_KEY_BINDING_AGE = "LEERBEWIJS_VERIFIER_MAX_KEY_BINDING_AGE";
  public static final String KEY_BINDING_REQUIRED = "LEERBEWIJS_VERIFIER_KEY_BINDING_REQUIRED";
  public static final String MAX_BODY_BYTES = "LEERBEWIJS_VERIFIER_MAX_BODY_BYTES";
  public static final String MAX_IMAGE_BYTES = "LEERBEWIJS_VERIFIER_MAX_IMAGE_BYTES";
  public static final String MAX_IMAGE_PIXELS = "LEERBEWIJS_VERIFIER_MAX_IMAGE_PIXELS";
  public static final String WORKERS = "LEERBEWIJS_VERIFIER_WORKERS";
  public static final String STATUS_TIMEOUT = "LEERBEWIJS_VERIFIER_STATUS_TIMEOUT";
  public static final String MAX_STATUS_LIST_BYTES = "LEERBEWIJS_VERIFIER_MAX_STATUS_LIST_BYTES";
  public static final String ALLOW_LOOPBACK_HTTP = "LEERBEWIJS_VERIFIER_ALLOW_LOOPBACK_HTTP";
  public static final String METADATA_TIMEOUT = "LEERBEWIJS_VERIFIER_METADATA_TIMEOUT";
  public static final String METADATA_TTL = "LEERBEWIJS_VERIFIER_METADATA_TTL";
  public static final String METADATA_MAX_TTL = "LEERBEWIJS_VERIFIER_METADATA_MAX_TTL";
  public static final String METADATA_MIN_INTERVAL = "LEERBEWIJS_VERIFIER_METADATA_MIN_INTERVAL";
  public static final String METADATA_STALE = "LEERBEWIJS_VERIFIER_METADATA_STALE";
  public static final String TLS_CERT = "LEERBEWIJS_VERIFIER_TLS_CERT";
  public static final String TLS_KEY = "LEERBEWIJS_VERIFIER_TLS_KEY";
  public static final String TLS_CHECK_INTERVAL = "LEERBEWIJS_VERIFIER_TLS_CHECK_INTERVAL";
  public static final String HTTP_REDIRECT_PORT = "LEERBEWIJS_VERIFIER_HTTP_REDIRECT_PORT";
  public static final String ACME_WEBROOT = "LEERBEWIJS_VERIFIER_ACME_WEBROOT";

  public static final String DEFAULT_HTTP_HOST = "0.0.0.0";
  public static final int DEFAULT_HTTP_PORT = 8081;
  public static final Duration DEFAULT_TRUST_LIST_CHECK_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_MAX_KEY_BINDING_AGE = Duration.ofHours(24);
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
  public static final int DEFAULT_MAX_IMAGE_BYTES = 10 * 1024 * 1024;
  public static final long DEFAULT_MAX_IMAGE_PIXELS = 24_000_000L;
  public static final int DEFAULT_WORKERS = Math.max(2, Runtime.getRuntime().availableProcessors());
  public static final Duration DEFAULT_STATUS_TIMEOUT = Duration.ofSeconds(5);
  public static final int DEFAULT_MAX_STATUS_LIST_BYTES = 1024 * 1024;

  /** A configuration with every default and the given trust list (for the CLI and tests). */
  public static VerifierConfig defaults(Path trustListFile) {
    return fromEnv(Map.of(TRUST_LIST, trustListFile.toString()));
  }

  /** A copy listening on another port. */
  public VerifierConfig withPort(int port) {
    return new VerifierConfig(
        httpHost,
        port,
        trustListFile,
        trustListCheckInterval,
        offlineMode,
        expectedAudience,
        maxKeyBindingAge,
        keyBindingRequired,
        maxBodyBytes,
        maxImageBytes,
        maxImagePixels,
        workers,
        statusTimeout,
        maxStatusListBytes,
        allowLoopbackHttp,
        issuerMetadata,
        tls);
  }

  /**
   * Reads the configuration from {@code env} (normally {@code System.getenv()}).
   *
   * @throws ConfigException listing every invalid or missing setting
   */
  public static VerifierConfig fromEnv(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    Parser p = new Parser(env, problems);
    String host = p.string(HTTP_HOST, DEFAULT_HTTP_HOST);
    int port = (int) p.number(HTTP_PORT, DEFAULT_HTTP_PORT, 0, 65535);
    Path trustList = p.requiredPath(TRUST_LIST);
    Duration interval =
        p.duration(
            TRUST_LIST_CHECK_INTERVAL,
            DEFAULT_TRUST_LIST_CHECK_INTERVAL,
            Duration.ofMillis(100),
            Duration.ofDays(1));
    boolean offline = p.bool(OFFLINE, false);
    Optional<String> audience = Optional.ofNullable(p.string(AUDIENCE, null));
    Duration kbAge =
        p.duration(
            MAX_KEY_BINDING_AGE,
            DEFAULT_MAX_KEY_BINDING_AGE,
            Duration.ofSeconds(10),
            Duration.ofDays(366));
    boolean kbRequired = p.bool(KEY_BINDING_REQUIRED, false);
    int maxBody = (int) p.number(MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES, 1024, 16 << 20);
    int maxImage = (int) p.number(MAX_IMAGE_BYTES, DEFAULT_MAX_IMAGE_BYTES, 1024, 256 << 20);
    long maxPixels = p.number(MAX_IMAGE_PIXELS, DEFAULT_MAX_IMAGE_PIXELS, 10_000, 400_000_000L);
    int workers = (int) p.number(WORKERS, DEFAULT_WORKERS, 1, 256);
    Duration timeout =
        p.duration(
            STATUS_TIMEOUT, DEFAULT_STATUS_TIMEOUT, Duration.ofMillis(100), Duration.ofMinutes(2));
    int maxStatus =
        (int) p.number(MAX_STATUS_LIST_BYTES, DEFAULT_MAX_STATUS_LIST_BYTES, 1024, 256 << 20);
    boolean loopback = p.bool(ALLOW_LOOPBACK_HTTP, false);
    IssuerMetadataSettings metadata = metadataSettings(p);
    Optional<TlsSettings> tls = tlsSettings(p);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new VerifierConfig(
        host,
        port,
        trustList,
        interval,
        offline,
        audience,
        kbAge,
        kbRequired,
        maxBody,
        maxImage,
        maxPixels,
        workers,
        timeout,
        maxStatus,
        loopback,
        metadata,
        tls);
  }

  private static Optional<TlsSettings> tlsSettings(Parser p) {
    Path cert = p.optionalPath(TLS_CERT);
    Path key = p.optionalPath(TLS_KEY);
    Duration interval =
        p.duration(
            TLS_CHECK_INTERVAL,
            TlsSettings.DEFAULT_CHECK_INTERVAL,
            Duration.ofMillis(100),
            Duration.ofDays(1));
    OptionalInt redirect =
        p.isSet(HTTP_REDIRECT_PORT)
            ? OptionalInt.of((int) p.number(HTTP_REDIRECT_PORT, 80, 0, 65535))
            : OptionalInt.empty();
    Optional<Path> webroot = Optional.ofNullable(p.optionalPath(ACME_WEBROOT));
    if (p.isSet(TLS_CERT) != p.isSet(TLS_KEY)) {
      p.report(
          "set both "
              + TLS_CERT
              + " (the certificate chain, PEM) and "
              + TLS_KEY
              + " (its private key, PEM) for https, or neither for plain http");
      return Optional.empty();
    }
    if (cert == null || key == null) {
      if (redirect.isPresent()) {
        p.report(HTTP_REDIRECT_PORT + " redirects to https: set " + TLS_CERT + " and " + TLS_KEY);
      }
      if (webroot.isPresent()) {
        p.report(ACME_WEBROOT + " is served on " + HTTP_REDIRECT_PORT + ", which needs https");
      }
      return Optional.empty();
    }
    if (webroot.isPresent() && redirect.isEmpty()) {
      p.report(
          ACME_WEBROOT
              + " is served on the plain-http port "
              + HTTP_REDIRECT_PORT
              + " (usually 80), which is not set");
    }
    if (webroot.isPresent() && !Files.isDirectory(webroot.get())) {
      p.report(ACME_WEBROOT + " is not a directory: " + webroot.get());
    }
    return Optional.of(new TlsSettings(cert, key, interval, redirect, webroot));
  }

  private static IssuerMetadataSettings metadataSettings(Parser p) {
    Duration timeout =
        p.duration(
            METADATA_TIMEOUT,
            IssuerMetadataSettings.DEFAULT_TIMEOUT,
            Duration.ofMillis(100),
            Duration.ofMinutes(2));
    Duration ttl =
        p.duration(
            METADATA_TTL,
            IssuerMetadataSettings.DEFAULT_TTL,
            Duration.ofSeconds(1),
            Duration.ofDays(7));
    Duration maxTtl =
        p.duration(
            METADATA_MAX_TTL,
            IssuerMetadataSettings.DEFAULT_MAX_TTL,
            Duration.ofSeconds(1),
            Duration.ofDays(7));
    Duration minInterval =
        p.duration(
            METADATA_MIN_INTERVAL,
            IssuerMetadataSettings.DEFAULT_MIN_INTERVAL,
            Duration.ofMillis(100),
            Duration.ofHours(1));
    Duration stale =
        p.duration(
            METADATA_STALE,
            IssuerMetadataSettings.DEFAULT_STALE_WINDOW,
            Duration.ZERO,
            Duration.ofDays(7));
    if (maxTtl.compareTo(minInterval) < 0) {
      p.report(
          METADATA_MAX_TTL
              + " ("
              + maxTtl
              + ") must not be shorter than "
              + METADATA_MIN_INTERVAL
              + " ("
              + minInterval
              + ")");
    }
    return new IssuerMetadataSettings(timeout, ttl, maxTtl, minInterval, stale);
  }

  /** Parses values, collecting problems instead of stopping at the first. */
  private static final class Parser extends SettingsReader {
    Parser(Map<String, String> env, List<String> problems) {
      super(env, problems);
    }

    void report(String message) {
      problem(message);
    }

    boolean isSet(String name) {
      return raw(name) != null;
    }

    /** An absolute path, or null when the variable is not set (or not a valid path). */
    Path optionalPath(String name) {
      String v = raw(name);
      if (v == null) {
        return null;
      }
      try {
        return Path.of(v).toAbsolutePath().normalize();
      } catch (InvalidPathException e) {
        problem(name + " is not a valid path: '" + v + "'");
        return null;
      }
    }

    Path requiredPath(String name) {
      if (!isSet(name)) {
        problem(
            name
                + " is required: the trust list file (JSON, see docs/trust-list.md); for local"
                + " development the example one is"
                + " keys-example/src/main/resources/leerbewijs/keys-example/trust-list.json");
        return null;
      }
      return optionalPath(name);
    }
  }
}
