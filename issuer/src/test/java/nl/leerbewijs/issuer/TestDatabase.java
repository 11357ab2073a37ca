package nl.leerbewijs.issuer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import nl.leerbewijs.issuer.config.DatabaseUrl;

/**
 * A uniquely named database on the test PostgreSQL (127.0.0.1:5432, user postgres, trust auth),
 * created for one test class and dropped afterwards. {@code LEERBEWIJS_TEST_DB_URL} overrides the
 * server.
 */
public final class TestDatabase implements AutoCloseable {
  private static final String SERVER =
      System.getenv()
          .getOrDefault("LEERBEWIJS_TEST_DB_URL", "postgresql://postgres@127.0.0.1:5432/test");

  private final DatabaseUrl admin;
  private final DatabaseUrl url;

  private TestDatabase(DatabaseUrl admin, DatabaseUrl url) {
    this.admin = admin;
    this.url = url;
  }

  public static TestDatabase create(String purpose) {
    DatabaseUrl admin = DatabaseUrl.parse(SERVER);
    String name =
        ("it_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9_]", "_");
    execute(admin, "CREATE DATABASE " + name);
    return new TestDatabase(admin, admin.withDatabase(name));
  }

  public DatabaseUrl url() {
    return url;
  }

  /** Runs SQL on this test database (for assertions that bypass the service). */
  public Connection connect() throws SQLException {
    Properties p = url.jdbcProperties();
    return DriverManager.getConnection(url.jdbcUrl(), p);
  }

  @Override
  public void close() {
    execute(admin, "DROP DATABASE IF EXISTS " + url.database() + " WITH (FORCE)");
  }

  private static void execute(DatabaseUrl on, String sql) {
    try (Connection c = DriverManager.getConnection(on.jdbcUrl(), on.jdbcProperties());
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test database: " + e.getMessage(), e);
    }
  }
}
