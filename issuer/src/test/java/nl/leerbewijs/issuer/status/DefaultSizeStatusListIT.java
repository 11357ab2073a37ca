package nl.leerbewijs.issuer.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.sdjwt.EcPublicJwk;
import nl.leerbewijs.core.sdjwt.SdJwt;
import nl.leerbewijs.core.status.Status;
import nl.leerbewijs.core.status.StatusListTokenResult;
import nl.leerbewijs.core.status.StatusListTokenVerifier;
import nl.leerbewijs.core.status.StatusLookup;
import nl.leerbewijs.core.status.VerifiedStatusList;
import nl.leerbewijs.issuer.IssuerFixture;
import nl.leerbewijs.issuer.config.IssuanceSettings;
import org.junit.jupiter.api.Test;

/**
 * A status list of the default size (131,072 entries, 2 bits): allocation takes random, distinct
 * indexes from the whole range, and the signed token stays small (a mostly-valid list compresses
 * well) and verifies with core's verifier.
 */
class DefaultSizeStatusListIT {
  private static final int CREDENTIALS = 8;
  private static final int SIZE = 131_072;

  @Test
  void defaultSize_randomDistinctIndexes_smallVerifiableToken() throws Exception {
    try (IssuerFixture f = IssuerFixture.start("status_default", Map.of())) {
      assertEquals(IssuanceSettings.DEFAULTS.statusListSize(), SIZE);
      assertEquals(SIZE, f.ctx.config().issuance().statusListSize());
      String key = f.tenant("school-d", "microcredential");
      Set<Long> indexes = new HashSet<>();
      String firstCredentialId = null;
      long firstIdx = -1;
      for (int i = 0; i < CREDENTIALS; i++) {
        JsonObject award = f.award("school-d", key, false);
        String sdJwt = f.collect("school-d", award, IssuerFixture.holder());
        var status = SdJwt.parse(sdJwt).issuerPayload().path("status").path("status_list");
        assertEquals(f.issuerId("school-d") + "/status/1", status.path("uri").asText());
        long idx = status.path("idx").asLong();
        assertTrue(idx >= 0 && idx < SIZE, "idx " + idx);
        indexes.add(idx);
        if (i == 0) {
          firstIdx = idx;
          firstCredentialId =
              new JsonObject(
                      f.get("/api/v1/tenants/school-d/awards/" + award.getString("id"), key).body())
                  .getJsonArray("credentials")
                  .getJsonObject(0)
                  .getString("id");
        }
      }
      assertEquals(CREDENTIALS, indexes.size(), "distinct indexes: " + indexes);
      // random, not handed out in order: 8 draws from 131,072 are never all below 1,000
      assertTrue(indexes.stream().anyMatch(i -> i >= 1000), "indexes " + indexes);

      try (Connection c = f.db.connect();
          ResultSet r =
              c.createStatement()
                  .executeQuery(
                      "SELECT l.size, l.bits, (SELECT count(*) FROM status_list_free x"
                          + " WHERE x.status_list_id = l.id),"
                          + " (SELECT count(*) FROM status_lists)"
                          + " FROM status_lists l")) {
        assertTrue(r.next());
        assertEquals(SIZE, r.getInt(1));
        assertEquals(2, r.getInt(2));
        assertEquals(SIZE - CREDENTIALS, r.getLong(3));
        assertEquals(1, r.getLong(4));
      }

      VerifiedStatusList before = fetch(f);
      assertEquals(SIZE, before.size());
      assertEquals(2, before.bits());
      assertEquals(new StatusLookup.Found(firstIdx, Status.VALID), before.statusOf(firstIdx));

      HttpResponse<String> rev =
          f.post(
              "/api/v1/tenants/school-d/credentials/" + firstCredentialId + "/revoke",
              key,
              "application/json",
              "{\"reason\":\"test\"}");
      assertEquals(200, rev.statusCode(), rev.body());
      VerifiedStatusList after = fetch(f);
      assertEquals(new StatusLookup.Found(firstIdx, Status.INVALID), after.statusOf(firstIdx));
      for (long other : indexes) {
        if (other != firstIdx) {
          assertEquals(new StatusLookup.Found(other, Status.VALID), after.statusOf(other));
        }
      }
    }
  }

  /** Fetches list 1, checks its size on the wire, verifies it with the tenant's key. */
  private static VerifiedStatusList fetch(IssuerFixture f) throws Exception {
    HttpResponse<String> r = f.get("/t/school-d/status/1", null);
    assertEquals(200, r.statusCode());
    String token = r.body();
    // 131,072 two-bit entries are 32 KiB raw; almost all zero, they deflate to well under 1 KiB
    assertTrue(token.length() < 2048, "token of " + token.length() + " characters");
    JsonObject meta = new JsonObject(f.get("/.well-known/jwt-vc-issuer/t/school-d", null).body());
    PublicKey key =
        EcPublicJwk.fromJwk(
            Json.parse(
                meta.getJsonObject("jwks")
                    .getJsonArray("keys")
                    .getJsonObject(0)
                    .encode()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    StatusListTokenResult result =
        StatusListTokenVerifier.builder()
            .build()
            .verify(token, f.issuerId("school-d") + "/status/1", key);
    return assertInstanceOf(StatusListTokenResult.Verified.class, result).list();
  }
}
