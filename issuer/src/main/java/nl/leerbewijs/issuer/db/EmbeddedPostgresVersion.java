package nl.leerbewijs.issuer.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of the bundled PostgreSQL binaries (from the build, via a filtered resource). */
final class EmbeddedPostgresVersion {
  static final String VERSION = load();

  private EmbeddedPostgresVersion() {}

  private static String load() {
    try (InputStream in =
        EmbeddedPostgresVersion.class.getResourceAsStream("embedded-postgres.properties")) {
      if (in == null) {
        throw new IllegalStateException("embedded-postgres.properties is missing from the jar");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
