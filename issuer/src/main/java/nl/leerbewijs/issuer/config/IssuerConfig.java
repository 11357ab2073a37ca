package nl.leerbewijs.issuer.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import nl.leerbewijs.core.config.SettingsReader;
import nl.leerbewijs.issuer.signingkey.KeyEncryptionKey;

/**
 * The issuer's configuration, read once at start from environment variables and, when {@value
 * #CONFIG} names one, a properties file with the same keys (the environment wins). Every value is
 * validated here; a {@link ConfigException} lists all problems at once, each naming its variable.
 *
 * @param mode development (generates a KEK when absent) or production (requires one)
 * @param httpHost interface the HTTP server binds to
 * @param httpPort TCP port of the HTTP server (0: any free port)
 * @param publicBaseUrl how the outside world reaches this issuer (behind a proxy: the proxy's URL);
 *     no trailing slash. A tenant's issuer identifier is {@code <publicBaseUrl>/t/<tenant path>}
 * @param database the PostgreSQL server to use; empty: start an embedded one in the data dir
 * @param databasePoolSize maximum connections in the pool
 * @param embeddedDatabasePort port for the embedded PostgreSQL (0: any free port)
 * @param dataDir where the embedded database, a generated KEK and other local state live
 * @param keyEncryptionKey the KEK from configuration; empty in development means "use or create the
 *     one in the data dir"
 * @param maxBodyBytes largest accepted JSON request body
 * @param maxCsvBytes largest accepted CSV upload
 * @param maxBatchSize most awards in one batch or CSV upload
 * @param issuance lifetimes and sizes of offers, tokens, nonces and status lists
 */
public record IssuerConfig(
    Mode mode,
    String httpHost,
    int httpPort,
    URI publicBaseUrl,
    Optional<DatabaseUrl> database,
    int databasePoolSize,
    int embeddedDatabasePort,
    Path dataDir,
    Optional<KeyEncryptionKey> keyEncryptionKey,
    long maxBodyBytes,
    long maxCsvBytes,
    int maxBatchSize,
    IssuanceSettings issuance) {

  /** Names a properties file with further settings (same keys as the environment). */
  public static final String CONFIG = "LEERBEWIJS_CONFIG";

  public static final String MODE = "LEERBEWIJS_MODE";
  public static final String HTTP_HOST = "LEERBEWIJS_HTTP_HOST";
  public static final String HTTP_PORT = "LEERBEWIJS_HTTP_PORT";
  public static final String PUBLIC_BASE_URL = "LEERBEWIJS_PUBLIC_BASE_URL";
  public static final String DB_URL = "LEERBEWIJS_DB_URL";
  public static final String DB_POOL_SIZE = "LEERBEWIJS_DB_POOL_SIZE";
  public static final String EMBEDDED_DB_PORT = "LEERBEWIJS_EMBEDDED_DB_PORT";
  public static final String DATA_DIR = "LEERBEWIJS_DATA_DIR";
  public static final String KEK = "LEERBEWIJS_KEK";
  public static final String MAX_BODY_BYTES = "LEERBEWIJS_MAX_BODY_BYTES";
  public static final String MAX_CSV_BYTES = "LEERBEWIJS_MAX_CSV_BYTES";
  public static final String MAX_BATCH_SIZE = "LEERBEWIJS_MAX_BATCH_SIZE";
  public static final String OFFER_TTL_SECONDS = "LEERBEWIJS_OFFER_TTL_SECONDS";
  public static final String ACCESS_TOKEN_TTL_SECONDS = "LEERBEWIJS_ACCESS_TOKEN_TTL_SECONDS";
  public static final String NONCE_TTL_SECONDS = "LEERBEWIJS_NONCE_TTL_SECONDS";
  public static final String TX_CODE_ATTEMPTS = "LEERBEWIJS_TX_CODE_ATTEMPTS";
  public static final String STATUS_LIST_SIZE = "LEERBEWIJS_STATUS_LIST_SIZE";
  public static final String STATUS_LIST_TTL_SECONDS = "LEERBEWIJS_STATUS_LIST_TTL_SECONDS";
  public static final String STATUS_LIST_VALIDITY_SECONDS =
      "LEERBEWIJS_STATUS_LIST_VALIDITY_SECONDS";
  public static final String CREDENTIAL_VALIDITY_DAYS = "LEERBEWIJS_CREDENTIAL_VALIDITY_DAYS";

  private static final Set<String> KNOWN =
      Set.of(
          MODE,
          HTTP_HOST,
          HTTP_PORT,
          PUBLIC_BASE_URL,
          DB_URL,
          DB_POOL_SIZE,
          EMBEDDED_DB_PORT,
          DATA_DIR,
          KEK,
          MAX_BODY_BYTES,
          MAX_CSV_BYTES,
          MAX_BATCH_SIZE,
          OFFER_TTL_SECONDS,
          ACCESS_TOKEN_TTL_SECONDS,
          NONCE_TTL_SECONDS,
          TX_CODE_ATTEMPTS,
          STATUS_LIST_SIZE,
          STATUS_LIST_TTL_SECONDS,
          STATUS_LIST_VALIDITY_SECONDS,
          CREDENTIAL_VALIDITY_DAYS);

  public static final Mode DEFAULT_MODE = Mode.DEVELOPMENT;
  public static final String DEFAULT_HTTP_HOST = "0.0.0.0";
  public static final int DEFAULT_HTTP_PORT = 8080;
  public static final int DEFAULT_DB_POOL_SIZE = 8;
  public static final int DEFAULT_EMBEDDED_DB_PORT = 0;
  public static final String DEFAULT_DATA_DIR = "leerbewijs-data";
  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
  public static final long DEFAULT_MAX_CSV_BYTES = 20L * 1024 * 1024;
  public static final int DEFAULT_MAX_BATCH_SIZE = 10_000;

  /** Development or production. */
  public enum Mode {
    DEVELOPMENT,
    PRODUCTION
  }

  /** Validates the record's invariants (the parse in {@link #fromEnv} already checked them). */
  public IssuerConfig {
    if (mode == Mode.PRODUCTION && keyEncryptionKey.isEmpty()) {
      throw new ConfigException(List.of(KEK + " is required in production mode"));
    }
  }

  /** Where the issuer for tenant {@code tenantPath} lives: {@code <publicBaseUrl>/t/<path>}. */
  public String issuerIdentifier(String tenantPath) {
    return publicBaseUrl + "/t/" + tenantPath;
  }

  /** Whether the issuer starts its own embedded PostgreSQL. */
  public boolean embeddedDatabase() {
    return database.isEmpty();
  }

  /**
   * Reads the configuration from {@code env} (normally {@code System.getenv()}) and the properties
   * file it may name in {@value #CONFIG}.
   *
   * @throws ConfigException listing every invalid or missing setting
   */
  public static IssuerConfig fromEnv(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    Map<String, String> values = new HashMap<>();
    String file = env.get(CONFIG);
    if (file != null && !file.isBlank()) {
      readFile(file.trim(), values, problems);
    }
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (KNOWN.contains(e.getKey())) {
        values.put(e.getKey(), e.getValue());
      }
    }
    Parser p = new Parser(values, problems);

    Mode mode = p.mode();
    String httpHost = p.string(HTTP_HOST, DEFAULT_HTTP_HOST);
    int httpPort = (int) p.number(HTTP_PORT, DEFAULT_HTTP_PORT, 0, 65535);
    URI publicBaseUrl = p.publicBaseUrl(mode, httpPort);
    Optional<DatabaseUrl> database = p.database();
    int poolSize = (int) p.number(DB_POOL_SIZE, DEFAULT_DB_POOL_SIZE, 1, 1000);
    int embeddedPort = (int) p.number(EMBEDDED_DB_PORT, DEFAULT_EMBEDDED_DB_PORT, 0, 65535);
    Path dataDir = p.path(DATA_DIR, DEFAULT_DATA_DIR);
    Optional<KeyEncryptionKey> kek = p.kek(mode);
    long maxBody = p.number(MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES, 1024, 1L << 30);
    long maxCsv = p.number(MAX_CSV_BYTES, DEFAULT_MAX_CSV_BYTES, 1024, 1L << 32);
    int maxBatch = (int) p.number(MAX_BATCH_SIZE, DEFAULT_MAX_BATCH_SIZE, 1, 1_000_000);
    IssuanceSettings d = IssuanceSettings.DEFAULTS;
    IssuanceSettings issuance =
        new IssuanceSettings(
            p.number(OFFER_TTL_SECONDS, d.offerTtlSeconds(), 60, 366L * 86400),
            p.number(ACCESS_TOKEN_TTL_SECONDS, d.accessTokenTtlSeconds(), 10, 3600),
            p.number(NONCE_TTL_SECONDS, d.nonceTtlSeconds(), 10, 3600),
            (int) p.number(TX_CODE_ATTEMPTS, d.txCodeAttempts(), 1, 20),
            (int) p.number(STATUS_LIST_SIZE, d.statusListSize(), 16, 1 << 24),
            p.number(STATUS_LIST_TTL_SECONDS, d.statusListTtlSeconds(), 1, 86400),
            p.number(STATUS_LIST_VALIDITY_SECONDS, d.statusListValiditySeconds(), 60, 30L * 86400),
            (int) p.number(CREDENTIAL_VALIDITY_DAYS, d.credentialValidityDays(), 0, 100 * 366));
    if (issuance.statusListValiditySeconds() <= issuance.statusListTtlSeconds()) {
      problems.add(
          STATUS_LIST_VALIDITY_SECONDS + " must be larger than " + STATUS_LIST_TTL_SECONDS);
    }

    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new IssuerConfig(
        mode,
        httpHost,
        httpPort,
        publicBaseUrl,
        database,
        poolSize,
        embeddedPort,
        dataDir,
        kek,
        maxBody,
        maxCsv,
        maxBatch,
        issuance);
  }

  private static void readFile(String file, Map<String, String> values, List<String> problems) {
    Properties props = new Properties();
    try (Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
      props.load(r);
    } catch (IOException | InvalidPathException e) {
      problems.add(CONFIG + ": cannot read configuration file '" + file + "': " + e.getMessage());
      return;
    }
    for (String name : props.stringPropertyNames()) {
      if (KNOWN.contains(name)) {
        values.put(name, props.getProperty(name));
      } else {
        problems.add(CONFIG + ": unknown setting '" + name + "' in '" + file + "'");
      }
    }
  }

  /** Parses values, collecting problems instead of stopping at the first. */
  private static final class Parser extends SettingsReader {
    Parser(Map<String, String> values, List<String> problems) {
      super(values, problems);
    }

    Mode mode() {
      String v = raw(MODE);
      if (v == null) {
        return DEFAULT_MODE;
      }
      switch (v.toLowerCase(Locale.ROOT)) {
        case "development":
        case "dev":
          return Mode.DEVELOPMENT;
        case "production":
        case "prod":
          return Mode.PRODUCTION;
        default:
          problem(MODE + " must be 'development' or 'production', got '" + v + "'");
          return DEFAULT_MODE;
      }
    }

    URI publicBaseUrl(Mode mode, int httpPort) {
      String v = raw(PUBLIC_BASE_URL);
      if (v == null) {
        if (mode == Mode.PRODUCTION) {
          problem(
              PUBLIC_BASE_URL
                  + " is required in production mode: credentials name the issuer by this URL"
                  + " (behind a proxy, the proxy's https URL)");
        }
        return URI.create("http://localhost:" + (httpPort == 0 ? DEFAULT_HTTP_PORT : httpPort));
      }
      URI uri;
      try {
        uri = new URI(v);
      } catch (URISyntaxException e) {
        problem(PUBLIC_BASE_URL + " is not a URL: '" + v + "' (" + e.getReason() + ")");
        return URI.create("http://localhost");
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
        problem(PUBLIC_BASE_URL + " must be an absolute http(s) URL, got '" + v + "'");
      } else if (uri.getHost() == null) {
        problem(PUBLIC_BASE_URL + " must name a host, got '" + v + "'");
      } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        problem(PUBLIC_BASE_URL + " must not have a query or fragment, got '" + v + "'");
      } else if (uri.getRawUserInfo() != null) {
        problem(PUBLIC_BASE_URL + " must not contain user information");
      } else if (mode == Mode.PRODUCTION && !scheme.equals("https")) {
        problem(PUBLIC_BASE_URL + " must use https in production mode, got '" + v + "'");
      }
      String s = uri.toString();
      while (s.endsWith("/")) {
        s = s.substring(0, s.length() - 1);
      }
      return URI.create(s);
    }

    Optional<DatabaseUrl> database() {
      String v = raw(DB_URL);
      if (v == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(DatabaseUrl.parse(v));
      } catch (IllegalArgumentException e) {
        // The value may hold a password: name the variable and the reason only.
        problem(DB_URL + " " + e.getMessage());
        return Optional.empty();
      }
    }

    Optional<KeyEncryptionKey> kek(Mode mode) {
      String v = raw(KEK);
      if (v == null) {
        if (mode == Mode.PRODUCTION) {
          problem(
              KEK
                  + " is required in production mode (base64 of 32 random bytes, e.g."
                  + " `head -c32 /dev/urandom | base64`)");
        }
        return Optional.empty();
      }
      try {
        return Optional.of(KeyEncryptionKey.fromBase64(v));
      } catch (IllegalArgumentException e) {
        problem(KEK + " " + e.getMessage() + " (expected base64 of 32 random bytes)");
        return Optional.empty();
      }
    }
  }
}
