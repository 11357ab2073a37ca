package nl.leerbewijs.issuer.award;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import nl.leerbewijs.issuer.IssuerFixture;
import nl.leerbewijs.issuer.TestDatabase;
import nl.leerbewijs.issuer.signingkey.KeyEncryptionKey;
import org.junit.jupiter.api.Test;

/**
 * The issuer runs as a child JVM; it is killed with SIGKILL in the middle of a batch's transaction,
 * restarted, and the batch is retried with the same Idempotency-Key: every award exists exactly
 * once.
 *
 * <p>To land the kill mid-batch for certain, the test holds a {@code SHARE} lock on {@code
 * audit_log} (the batch transaction's last insert) while the batch runs, waits until the server's
 * backend is blocked on that lock while it holds row-exclusive locks on {@code awards} and {@code
 * credential_offers} (so it has written the request's awards and offers, uncommitted), and only
 * then kills the server and lets go of the lock.
 */
class CrashRecoveryIT {
  private static final int ROWS = 5000;

  @Test
  void killedDuringBatch_retryWithSameKey_noAwardLostOrDuplicated() throws Exception {
    try (TestDatabase db = TestDatabase.create("crash")) {
      KeyEncryptionKey kek = KeyEncryptionKey.generate();
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Map<String, String> env = IssuerFixture.env(db, kek, port);
      String key;
      // create the tenant and key through an in-process instance, then stop it
      try (var first =
          nl.leerbewijs.issuer.RunningIssuer.start(
              nl.leerbewijs.issuer.config.IssuerConfig.fromEnv(
                  new java.util.HashMap<>(env) {
                    {
                      put("LEERBEWIJS_HTTP_PORT", "0");
                    }
                  }))) {
        var ctx = first.context();
        IssuerFixture.await(
            ctx.tenants()
                .create(
                    new nl.leerbewijs.issuer.tenant.NewTenant(
                        "school-a",
                        "A",
                        "25LW",
                        null,
                        null,
                        java.util.List.of("microcredential"),
                        null,
                        null),
                    IssuerFixture.ADMIN,
                    "it"));
        key =
            IssuerFixture.await(
                    ctx.apiKeys()
                        .create(
                            "school-a",
                            java.util.EnumSet.allOf(nl.leerbewijs.issuer.apikey.Scope.class),
                            "it",
                            IssuerFixture.ADMIN,
                            "it"))
                .token()
                .reveal();
      }
      JsonArray batch = new JsonArray();
      for (int i = 0; i < ROWS; i++) {
        batch.add(
            new JsonObject()
                .put("type", "microcredential")
                .put("claims", IssuerFixture.microcredential())
                .put("learner_reference", "s-" + i));
      }
      String base = "http://127.0.0.1:" + port;
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + "/api/v1/tenants/school-a/awards/batch"))
              .header("Authorization", "Bearer " + key)
              .header("Content-Type", "application/json")
              .header("Idempotency-Key", "crash-1")
              .timeout(Duration.ofSeconds(120))
              .POST(HttpRequest.BodyPublishers.ofString(batch.encode()))
              .build();

      Process child = start(env);
      try (Connection lock = db.connect();
          Connection watch = db.connect()) {
        waitHealthy(base);
        lock.setAutoCommit(false);
        lock.createStatement().execute("LOCK TABLE audit_log IN SHARE MODE");
        CompletableFuture<HttpResponse<String>> inFlight =
            IssuerFixture.HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        int backend = awaitBlockedMidBatch(watch);
        child.destroyForcibly().waitFor(); // SIGKILL while the transaction is open
        lock.rollback(); // the orphaned backend may go on; it finds its client gone and aborts
        try {
          inFlight.join();
        } catch (Exception expected) {
          // the connection died with the server
        }
        awaitGone(watch, backend);
      } finally {
        child.destroyForcibly().waitFor();
      }
      // nothing of the interrupted request survived
      assertEquals(0, count(db, "awards"));
      assertEquals(0, count(db, "credential_offers"));
      assertEquals(0, count(db, "award_requests"));
      assertEquals(0, count(db, "audit_log WHERE action = 'award.create'"));
      Process again = start(env);
      try {
        waitHealthy(base);
        HttpResponse<String> retry =
            IssuerFixture.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(201, retry.statusCode(), retry.body());
        assertEquals(ROWS, new JsonObject(retry.body()).getInteger("count"));
        assertTrue(retry.headers().firstValue("Idempotent-Replayed").isEmpty());
        HttpResponse<String> twice =
            IssuerFixture.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(201, twice.statusCode(), twice.body());
        assertEquals("true", twice.headers().firstValue("Idempotent-Replayed").orElseThrow());
        assertEquals(new JsonObject(retry.body()), new JsonObject(twice.body()));
      } finally {
        again.destroyForcibly().waitFor();
      }
      assertEquals(ROWS, count(db, "awards"));
      assertEquals(ROWS, count(db, "credential_offers"));
      assertEquals(1, count(db, "award_requests"));
      assertEquals(ROWS, count(db, "(SELECT DISTINCT learner_reference FROM awards) x"));
    }
  }

  /**
   * Waits until a backend of this database is blocked on a lock while inserting into audit_log and
   * holds row-exclusive locks on awards and credential_offers; returns its pid.
   */
  private static int awaitBlockedMidBatch(Connection watch) throws Exception {
    String sql =
        "SELECT a.pid FROM pg_stat_activity a"
            + " WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()"
            + " AND a.wait_event_type = 'Lock' AND a.query ILIKE '%INSERT INTO audit_log%'"
            + " AND a.backend_xid IS NOT NULL"
            + " AND (SELECT count(*) FROM pg_locks l WHERE l.pid = a.pid AND l.granted"
            + "      AND l.mode = 'RowExclusiveLock'"
            + "      AND l.relation IN ('awards'::regclass, 'credential_offers'::regclass)) = 2";
    long deadline = System.currentTimeMillis() + 120_000;
    while (System.currentTimeMillis() < deadline) {
      try (ResultSet r = watch.createStatement().executeQuery(sql)) {
        if (r.next()) {
          return r.getInt(1);
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the batch transaction never reached its audit insert");
  }

  private static void awaitGone(Connection watch, int backend) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      try (ResultSet r =
          watch
              .createStatement()
              .executeQuery("SELECT count(*) FROM pg_stat_activity WHERE pid = " + backend)) {
        r.next();
        if (r.getInt(1) == 0) {
          return;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the killed server's backend " + backend + " did not end");
  }

  private static Process start(Map<String, String> env) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "nl.leerbewijs.issuer.IssuerMain",
            "serve");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(
        ProcessBuilder.Redirect.appendTo(Path.of("target", "crash-child.log").toFile()));
    return pb.start();
  }

  private static void waitHealthy(String base) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      try {
        HttpResponse<String> r =
            IssuerFixture.HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException e) {
        // not up yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the child issuer did not start; see target/crash-child.log");
  }

  private static long count(TestDatabase db, String table) throws Exception {
    try (Connection c = db.connect();
        ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
      r.next();
      return r.getLong(1);
    }
  }
}
