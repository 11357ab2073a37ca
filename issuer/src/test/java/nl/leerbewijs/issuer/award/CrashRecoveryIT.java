package nl.leerbewijs.issuer.award;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The issuer runs as a child JVM; it is killed with SIGKILL while a large batch is being processed,
 * restarted, and the batch is retried with the same Idempotency-Key: every award exists exactly
 * once.
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
      try {
        waitHealthy(base);
        CompletableFuture<HttpResponse<String>> inFlight =
            IssuerFixture.HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        Thread.sleep(700);
        child.destroyForcibly().waitFor(); // SIGKILL
        try {
          inFlight.join();
        } catch (Exception expected) {
          // the connection died with the server
        }
      } finally {
        child.destroyForcibly();
      }
      long afterCrash = count(db, "awards");
      Process again = start(env);
      try {
        waitHealthy(base);
        HttpResponse<String> retry =
            IssuerFixture.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(201, retry.statusCode(), retry.body());
        assertEquals(ROWS, new JsonObject(retry.body()).getInteger("count"));
        HttpResponse<String> twice =
            IssuerFixture.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals("true", twice.headers().firstValue("Idempotent-Replayed").orElseThrow());
      } finally {
        again.destroyForcibly().waitFor();
      }
      assertEquals(
          true, afterCrash == 0 || afterCrash == ROWS, "partial batch after crash: " + afterCrash);
      assertEquals(ROWS, count(db, "awards"));
      assertEquals(ROWS, count(db, "credential_offers"));
      assertEquals(1, count(db, "award_requests"));
      assertEquals(ROWS, count(db, "(SELECT DISTINCT learner_reference FROM awards) x"));
    }
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
