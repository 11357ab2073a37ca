package nl.leerbewijs.issuer;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import nl.leerbewijs.issuer.apikey.ApiKeyService;
import nl.leerbewijs.issuer.apikey.PgApiKeyStore;
import nl.leerbewijs.issuer.audit.AuditLog;
import nl.leerbewijs.issuer.audit.AuditRoutes;
import nl.leerbewijs.issuer.audit.PgAuditLog;
import nl.leerbewijs.issuer.config.DatabaseUrl;
import nl.leerbewijs.issuer.config.IssuerConfig;
import nl.leerbewijs.issuer.db.Database;
import nl.leerbewijs.issuer.db.EmbeddedPostgres;
import nl.leerbewijs.issuer.db.Migrations;
import nl.leerbewijs.issuer.http.ApiGuard;
import nl.leerbewijs.issuer.http.HealthRoutes;
import nl.leerbewijs.issuer.http.MetricsRoutes;
import nl.leerbewijs.issuer.signingkey.JwtVcIssuerRoutes;
import nl.leerbewijs.issuer.signingkey.KekResolver;
import nl.leerbewijs.issuer.signingkey.KeyEncryptionKey;
import nl.leerbewijs.issuer.signingkey.PgSigningKeyStore;
import nl.leerbewijs.issuer.signingkey.SigningKeyRoutes;
import nl.leerbewijs.issuer.signingkey.SigningKeyService;
import nl.leerbewijs.issuer.tenant.PgTenantStore;
import nl.leerbewijs.issuer.tenant.TenantRoutes;
import nl.leerbewijs.issuer.tenant.TenantService;
import nl.leerbewijs.issuer.tenant.TenantStore;

/**
 * Everything the issuer is made of, wired once from the configuration: the KEK, the database
 * (embedded when none is configured, migrated at open), Vert.x with Prometheus metrics, the stores
 * and the services. Used by {@code serve} and by the admin commands alike.
 */
public final class IssuerContext implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(IssuerContext.class.getName());

  private final IssuerConfig config;
  private final EmbeddedPostgres embedded;
  private final DatabaseUrl databaseUrl;
  private final PrometheusMeterRegistry registry;
  private final Vertx vertx;
  private final Database database;
  private final KeyEncryptionKey kek;
  private final AuditLog auditLog;
  private final TenantService tenants;
  private final ApiKeyService apiKeys;
  private final SigningKeyService signingKeys;
  private final nl.leerbewijs.issuer.oid4vci.OfferSecrets offerSecrets;
  private final nl.leerbewijs.issuer.oid4vci.CredentialOffers credentialOffers;
  private final nl.leerbewijs.issuer.award.AwardService awards;
  private final nl.leerbewijs.issuer.award.AwardValidation awardValidation;
  private final nl.leerbewijs.issuer.signingkey.ActiveSigners activeSigners;
  private final nl.leerbewijs.issuer.status.StatusLists statusLists;
  private final nl.leerbewijs.issuer.status.StatusService statusService;
  private final nl.leerbewijs.issuer.oid4vci.Oid4vciService oid4vci;
  private final nl.leerbewijs.issuer.tenant.TenantCache tenantCache;

  private IssuerContext(IssuerConfig config, boolean ownEmbeddedServer) {
    this.config = config;
    this.kek = KekResolver.resolve(config);
    if (config.embeddedDatabase()) {
      LOG.log(
          System.Logger.Level.INFO,
          "no "
              + IssuerConfig.DB_URL
              + " configured: using an embedded PostgreSQL in "
              + config.dataDir());
      this.embedded =
          EmbeddedPostgres.start(
              config.dataDir(), config.embeddedDatabasePort(), ownEmbeddedServer);
      this.databaseUrl = embedded.url();
    } else {
      this.embedded = null;
      this.databaseUrl = config.database().orElseThrow();
    }
    try {
      int applied = Migrations.migrate(databaseUrl);
      LOG.log(
          System.Logger.Level.INFO,
          "database " + databaseUrl + ": " + applied + " migrations applied");
      this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      this.vertx =
          Vertx.builder()
              .with(
                  new VertxOptions()
                      .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
              .withMetrics(new MicrometerMetricsFactory(registry))
              .build();
      this.database = Database.connect(vertx, databaseUrl, config.databasePoolSize());
      TenantStore tenantStore = new PgTenantStore();
      this.auditLog = new PgAuditLog();
      this.tenants = new TenantService(database, tenantStore, auditLog);
      this.apiKeys = new ApiKeyService(database, new PgApiKeyStore(), tenantStore, auditLog);
      this.signingKeys =
          new SigningKeyService(database, new PgSigningKeyStore(), tenantStore, auditLog, kek);
      awaitStart(signingKeys.checkKek());
      this.offerSecrets = new nl.leerbewijs.issuer.oid4vci.OfferSecrets(kek);
      this.credentialOffers =
          new nl.leerbewijs.issuer.oid4vci.CredentialOffers(config, offerSecrets);
      this.awards =
          new nl.leerbewijs.issuer.award.AwardService(
              database, auditLog, offerSecrets, config.issuance());
      this.awardValidation = new nl.leerbewijs.issuer.award.AwardValidation();
      this.activeSigners = new nl.leerbewijs.issuer.signingkey.ActiveSigners(signingKeys);
      this.statusLists =
          new nl.leerbewijs.issuer.status.StatusLists(database, auditLog, config, activeSigners);
      this.statusService = new nl.leerbewijs.issuer.status.StatusService(database, auditLog);
      this.oid4vci =
          new nl.leerbewijs.issuer.oid4vci.Oid4vciService(
              database, auditLog, config, offerSecrets, activeSigners, statusLists);
      this.tenantCache = new nl.leerbewijs.issuer.tenant.TenantCache(database, tenantStore);
    } catch (RuntimeException e) {
      closeQuietly();
      throw e;
    }
  }

  /**
   * Opens the issuer's parts.
   *
   * @param ownEmbeddedServer whether closing this context stops an embedded PostgreSQL that was
   *     found already running (true for {@code serve}, false for admin commands)
   */
  public static IssuerContext open(IssuerConfig config, boolean ownEmbeddedServer) {
    return new IssuerContext(config, ownEmbeddedServer);
  }

  /** The HTTP areas, in order. Add a new area's {@code ::addRoutes} here. */
  public List<Consumer<Router>> routes() {
    ApiGuard guard = new ApiGuard(apiKeys, config.maxBodyBytes());
    return List.of(
        new HealthRoutes(database)::addRoutes,
        new MetricsRoutes(registry)::addRoutes,
        new JwtVcIssuerRoutes(signingKeys, config)::addRoutes,
        new TenantRoutes(guard, config)::addRoutes,
        new SigningKeyRoutes(guard, signingKeys)::addRoutes,
        new AuditRoutes(guard, database, auditLog)::addRoutes,
        new nl.leerbewijs.issuer.award.AwardRoutes(
                guard, config, database, awards, awardValidation, credentialOffers)
            ::addRoutes,
        new nl.leerbewijs.issuer.status.StatusRoutes(
                guard, config, database, statusLists, statusService)
            ::addRoutes,
        new nl.leerbewijs.issuer.oid4vci.Oid4vciRoutes(
                config, tenantCache, oid4vci, credentialOffers)
            ::addRoutes);
  }

  public IssuerConfig config() {
    return config;
  }

  public Vertx vertx() {
    return vertx;
  }

  public Database database() {
    return database;
  }

  public DatabaseUrl databaseUrl() {
    return databaseUrl;
  }

  public KeyEncryptionKey kek() {
    return kek;
  }

  public AuditLog auditLog() {
    return auditLog;
  }

  public TenantService tenants() {
    return tenants;
  }

  public ApiKeyService apiKeys() {
    return apiKeys;
  }

  public SigningKeyService signingKeys() {
    return signingKeys;
  }

  private static void awaitStart(io.vertx.core.Future<Void> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException
          ? (RuntimeException) e.getCause()
          : new IllegalStateException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the database did not answer at start within 60 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted at start");
    }
  }

  private void closeQuietly() {
    try {
      if (database != null) {
        database.close();
      }
      if (vertx != null) {
        vertx.close().await(10, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "cleanup after a failed start: " + e);
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  @Override
  public void close() {
    try {
      database.close();
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "Vert.x did not close cleanly: " + e);
    } finally {
      registry.close();
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}
