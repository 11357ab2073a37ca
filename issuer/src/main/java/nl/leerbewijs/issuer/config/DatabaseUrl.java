package nl.leerbewijs.issuer.config;

import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Properties;

/**
 * A PostgreSQL location, {@code postgresql://user[:password]@host[:port]/database}. The password
 * never appears in {@link #toString()}.
 */
public final class DatabaseUrl {
  /** Port used when the URL names none. */
  public static final int DEFAULT_PORT = 5432;

  private final String host;
  private final int port;
  private final String database;
  private final String user;
  private final String password;

  public DatabaseUrl(String host, int port, String database, String user, String password) {
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.database = Objects.requireNonNull(database, "database");
    this.user = Objects.requireNonNull(user, "user");
    this.password = password;
  }

  /**
   * Parses a {@code postgresql://} (or {@code postgres://}) URL.
   *
   * @throws IllegalArgumentException naming what is wrong (never echoing a password)
   */
  public static DatabaseUrl parse(String text) {
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme();
    if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
      throw new IllegalArgumentException(
          "must start with postgresql:// (got scheme '" + scheme + "')");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("names no host (expected postgresql://user@host:port/db)");
    }
    String path = uri.getRawPath();
    if (path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
      throw new IllegalArgumentException(
          "names no database (expected postgresql://user@host:port/db)");
    }
    if (uri.getRawQuery() != null) {
      throw new IllegalArgumentException("must not have query parameters");
    }
    String userInfo = uri.getRawUserInfo();
    if (userInfo == null || userInfo.isEmpty()) {
      throw new IllegalArgumentException("names no user (expected postgresql://user@host:port/db)");
    }
    int colon = userInfo.indexOf(':');
    String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
    String password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
    int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
    return new DatabaseUrl(uri.getHost(), port, decode(path.substring(1)), user, password);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String database() {
    return database;
  }

  public String user() {
    return user;
  }

  /** The same server and credentials, another database. */
  public DatabaseUrl withDatabase(String otherDatabase) {
    return new DatabaseUrl(host, port, otherDatabase, user, password);
  }

  /** Options for vertx-pg-client. */
  public PgConnectOptions toPgConnectOptions() {
    PgConnectOptions o =
        new PgConnectOptions().setHost(host).setPort(port).setDatabase(database).setUser(user);
    if (password != null) {
      o.setPassword(password);
    }
    return o;
  }

  /** JDBC URL (without credentials), for the migration tool only. */
  public String jdbcUrl() {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return "jdbc:postgresql://" + h + ":" + port + "/" + database;
  }

  /** JDBC connection properties: user and, when set, password. */
  public Properties jdbcProperties() {
    Properties p = new Properties();
    p.setProperty("user", user);
    if (password != null) {
      p.setProperty("password", password);
    }
    return p;
  }

  /** The password, or null when the URL has none. A secret: never log it. */
  public String passwordOrNull() {
    return password;
  }

  @Override
  public String toString() {
    return "postgresql://"
        + user
        + (password == null ? "" : ":***")
        + "@"
        + host
        + ":"
        + port
        + "/"
        + database;
  }
}
