package nl.leerbewijs.issuer.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import nl.leerbewijs.issuer.config.DatabaseUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Starts the bundled PostgreSQL (as 'nobody' when the build runs as root), migrates, stops. */
class EmbeddedPostgresIT {
  private Path dataDir;

  @BeforeEach
  void createDataDir() throws Exception {
    // Under /tmp (world-traversable), as the unprivileged user must reach it.
    dataDir = Files.createTempDirectory(Path.of("/tmp"), "leerbewijs-embedded-");
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterEach
  void deleteDataDir() throws Exception {
    try (Stream<Path> s = Files.walk(dataDir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void start_inFreshDataDir_runsMigratesStopsAndRestarts() throws Exception {
    DatabaseUrl url;
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(dataDir, 0, true)) {
      url = pg.url();
      assertTrue(Migrations.migrate(url) >= 1);
      assertEquals("17", query(url, "SHOW server_version_num").substring(0, 2));
      assertTrue(Files.exists(dataDir.resolve("postgres/PG_VERSION")));
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(
              Files.getPosixFilePermissions(dataDir.resolve("postgres.password"))));
    }
    assertThrows(SQLException.class, () -> query(url, "SELECT 1"));

    try (EmbeddedPostgres pg = EmbeddedPostgres.start(dataDir, 0, true)) {
      assertEquals(0, Migrations.migrate(pg.url()));
    }
  }

  @Test
  void start_dataDirNotReachableByUnprivilegedUser_clearMessage() throws Exception {
    if (!"root".equals(System.getProperty("user.name"))) {
      return;
    }
    Path closed = dataDir.resolve("closed");
    Files.createDirectories(closed);
    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
    EmbeddedPostgresException e =
        assertThrows(
            EmbeddedPostgresException.class,
            () -> EmbeddedPostgres.start(closed.resolve("data"), 0, true));
    assertTrue(e.getMessage().contains("LEERBEWIJS_DB_URL"), e.getMessage());
  }

  private static String query(DatabaseUrl url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.jdbcProperties());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
