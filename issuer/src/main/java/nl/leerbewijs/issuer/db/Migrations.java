package nl.leerbewijs.issuer.db;

import nl.leerbewijs.issuer.config.DatabaseUrl;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the versioned schema migrations in {@code src/main/resources/db/migration} (Flyway,
 * {@code V<n>__<what>.sql}) at start. Idempotent: an up-to-date database is left alone. Uses JDBC
 * only for this; the service itself talks to PostgreSQL through vertx-pg-client.
 */
public final class Migrations {
  /** Classpath location of the migration scripts. */
  public static final String LOCATION = "classpath:db/migration";

  private Migrations() {}

  /**
   * Brings the database to the newest schema version.
   *
   * @return how many migrations were applied now (0 when already current)
   */
  public static int migrate(DatabaseUrl url) {
    Flyway flyway =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(url.jdbcUrl(), url.user(), url.passwordOrNull())
            .locations(LOCATION)
            .failOnMissingLocations(true)
            .load();
    MigrateResult result = flyway.migrate();
    return result.migrationsExecuted;
  }
}
