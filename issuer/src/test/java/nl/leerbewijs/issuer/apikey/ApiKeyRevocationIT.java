package nl.leerbewijs.issuer.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import nl.leerbewijs.issuer.IssuerFixture;
import org.junit.jupiter.api.Test;

/**
 * API keys are cached for {@link ApiKeyCache#TTL_SECONDS} seconds after a successful check: a key
 * revoked through this instance is refused at once, one revoked by another process (the admin
 * command, another instance: here a direct database update) once its cache entry has aged out.
 */
class ApiKeyRevocationIT {
  private static final String PATH = "/api/v1/tenants/school-k";

  @Test
  void revokedHere_refusedAtOnce_revokedElsewhere_refusedAfterTtl() throws Exception {
    try (IssuerFixture f = IssuerFixture.start("apikey_cache", Map.of())) {
      f.tenant("school-k", "microcredential");
      var here =
          IssuerFixture.await(
              f.ctx
                  .apiKeys()
                  .create(
                      "school-k",
                      java.util.EnumSet.of(Scope.ISSUE),
                      "t",
                      IssuerFixture.ADMIN,
                      "t"));
      String text = here.token().reveal();
      assertEquals(200, f.get(PATH, text).statusCode());
      assertEquals(200, f.get(PATH, text).statusCode()); // cached now
      IssuerFixture.await(f.ctx.apiKeys().revoke(here.key().id(), IssuerFixture.ADMIN, "leaked"));
      assertEquals(401, f.get(PATH, text).statusCode());

      var elsewhere =
          IssuerFixture.await(
              f.ctx
                  .apiKeys()
                  .create(
                      "school-k",
                      java.util.EnumSet.of(Scope.ISSUE),
                      "t",
                      IssuerFixture.ADMIN,
                      "t"));
      String other = elsewhere.token().reveal();
      assertEquals(200, f.get(PATH, other).statusCode());
      try (Connection c = f.db.connect();
          PreparedStatement s =
              c.prepareStatement(
                  "UPDATE api_keys SET revoked_at = now(), revoked_reason = 'x' WHERE id = ?")) {
        s.setObject(1, elsewhere.key().id());
        assertEquals(1, s.executeUpdate());
      }
      // refused once the entry is older than the TTL (bounded wait, generous for a busy machine)
      long deadline =
          System.nanoTime()
              + java.util.concurrent.TimeUnit.SECONDS.toNanos(ApiKeyCache.TTL_SECONDS + 30);
      int status = 200;
      while (status == 200 && System.nanoTime() < deadline) {
        Thread.sleep(250);
        status = f.get(PATH, other).statusCode();
      }
      assertEquals(401, status);
    }
  }
}
