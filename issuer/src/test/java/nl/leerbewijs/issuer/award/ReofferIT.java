package nl.leerbewijs.issuer.award;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import nl.leerbewijs.issuer.IssuerFixture;
import nl.leerbewijs.issuer.apikey.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/tenants/:tenant/awards/:id/offer}: a learner whose offer expired or got lost
 * gets a new one; every earlier offer of the award dies.
 */
class ReofferIT {
  private static IssuerFixture f;
  private static String key;
  private static String keyB;

  @BeforeAll
  static void start() throws Exception {
    f = IssuerFixture.start("reoffer", Map.of());
    key = f.tenant("school-r", "microcredential");
    keyB = f.tenant("school-s", "microcredential");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static HttpResponse<String> reoffer(String tenant, String apiKey, String id, String body)
      throws Exception {
    return f.post(
        "/api/v1/tenants/" + tenant + "/awards/" + id + "/offer",
        apiKey,
        body == null ? null : "application/json",
        body == null ? "" : body);
  }

  private static JsonArray offers(String awardId) throws Exception {
    return new JsonObject(f.get("/api/v1/tenants/school-r/awards/" + awardId, key).body())
        .getJsonArray("offers");
  }

  private static void expire(String offerId) throws Exception {
    try (Connection c = f.db.connect();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE credential_offers SET expires_at = now() - interval '1 minute'"
                    + " WHERE id = ?")) {
      s.setObject(1, UUID.fromString(offerId));
      assertEquals(1, s.executeUpdate());
    }
  }

  @Test
  void expiredOffer_reoffer_newOfferWorksOldIsDead() throws Exception {
    JsonObject award = f.award("school-r", key, false);
    String id = award.getString("id");
    String oldOffer = award.getJsonObject("offer").getString("id");
    expire(oldOffer);
    assertEquals(
        400,
        f.token("school-r", IssuerFixture.preAuthorizedCode(award), null).statusCode(),
        "the expired code is refused");
    assertEquals("expired", offers(id).getJsonObject(0).getString("state"));

    HttpResponse<String> r = reoffer("school-r", key, id, null);
    assertEquals(201, r.statusCode(), r.body());
    JsonObject renewed = new JsonObject(r.body());
    assertEquals(id, renewed.getString("id"));
    JsonObject offer = renewed.getJsonObject("offer");
    assertNotEquals(oldOffer, offer.getString("id"));
    assertFalse(offer.containsKey("tx_code"), "as the previous offer: no PIN");
    assertTrue(Instant.parse(offer.getString("expires_at")).isAfter(Instant.now()));
    assertNotEquals(
        IssuerFixture.preAuthorizedCode(award), IssuerFixture.preAuthorizedCode(renewed));
    assertEquals(200, f.get(offer.getString("credential_offer_uri"), null).statusCode());

    JsonArray states = offers(id);
    assertEquals(2, states.size());
    assertEquals("dead", states.getJsonObject(0).getString("state"));
    assertEquals("open", states.getJsonObject(1).getString("state"));

    String sdJwt = f.collect("school-r", renewed, IssuerFixture.holder());
    assertTrue(sdJwt.contains("~"));

    HttpResponse<String> again = reoffer("school-r", key, id, null);
    assertEquals(409, again.statusCode(), again.body());
    assertEquals("award_already_issued", new JsonObject(again.body()).getString("code"));

    String audit = f.get("/api/v1/tenants/school-r/audit-log/export", key).body();
    assertTrue(audit.contains("\"credential_offer.reissue\""), audit);
  }

  @Test
  void openOffer_reofferWithPin_oldCodeReferenceAndTokenDie() throws Exception {
    JsonObject award = f.award("school-r", key, false);
    String id = award.getString("id");
    JsonObject lost = f.award("school-r", key, false);
    // a wallet that already traded the old code for a token
    HttpResponse<String> t = f.token("school-r", IssuerFixture.preAuthorizedCode(lost), null);
    assertEquals(200, t.statusCode());
    String oldToken = new JsonObject(t.body()).getString("access_token");

    HttpResponse<String> r =
        reoffer("school-r", key, id, "{\"tx_code\": true, \"reason\": \"kwijt\"}");
    assertEquals(201, r.statusCode(), r.body());
    JsonObject renewed = new JsonObject(r.body());
    assertTrue(renewed.getJsonObject("offer").getString("tx_code").matches("[0-9]{6}"));
    HttpResponse<String> old = f.token("school-r", IssuerFixture.preAuthorizedCode(award), null);
    assertEquals(400, old.statusCode());
    assertEquals("invalid_grant", new JsonObject(old.body()).getString("error"));
    assertEquals(
        404,
        f.get(award.getJsonObject("offer").getString("credential_offer_uri"), null).statusCode());
    f.collect("school-r", renewed, IssuerFixture.holder());

    assertEquals(201, reoffer("school-r", key, lost.getString("id"), "{}").statusCode());
    HttpResponse<String> c =
        f.credential(
            "school-r",
            oldToken,
            "microcredential",
            IssuerFixture.proof(
                IssuerFixture.holder(),
                f.issuerId("school-r"),
                f.nonce("school-r"),
                Instant.now()));
    assertEquals(400, c.statusCode(), c.body());
    assertEquals("credential_request_denied", new JsonObject(c.body()).getString("error"));
  }

  @Test
  void reoffer_refusals() throws Exception {
    JsonObject award = f.award("school-r", key, false);
    String id = award.getString("id");
    assertEquals(404, reoffer("school-r", key, UUID.randomUUID().toString(), null).statusCode());
    assertEquals(404, reoffer("school-r", key, "not-a-uuid", null).statusCode());
    // another school's key, on its own tenant path or on ours
    assertEquals(404, reoffer("school-s", keyB, id, null).statusCode());
    assertEquals(404, reoffer("school-r", keyB, id, null).statusCode());
    assertEquals(
        403, reoffer("school-r", f.apiKey("school-r", Scope.REVOKE), id, null).statusCode());
    HttpResponse<String> bad = reoffer("school-r", key, id, "{\"tx_code\": \"ja\", \"x\": 1}");
    assertEquals(422, bad.statusCode(), bad.body());
    assertEquals(2, new JsonObject(bad.body()).getJsonArray("errors").size());
    assertEquals(400, reoffer("school-r", key, id, "[1]").statusCode());
    assertEquals(1, offers(id).size(), "refused requests made no offer");

    assertEquals(
        200,
        f.post(
                "/api/v1/tenants/school-r/awards/" + id + "/withdraw",
                key,
                "application/json",
                "{\"reason\":\"fout\"}")
            .statusCode());
    HttpResponse<String> withdrawn = reoffer("school-r", key, id, null);
    assertEquals(409, withdrawn.statusCode());
    assertEquals("award_withdrawn", new JsonObject(withdrawn.body()).getString("code"));
  }

  @Test
  void noDatabaseRowsLeak_countsMatch() throws Exception {
    JsonObject award = f.award("school-r", key, true);
    String id = award.getString("id");
    for (int i = 0; i < 3; i++) {
      assertEquals(201, reoffer("school-r", key, id, null).statusCode());
    }
    try (Connection c = f.db.connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT count(*) FILTER (WHERE locked_at IS NULL),"
                    + " count(*) FILTER (WHERE tx_code_hash IS NOT NULL) FROM credential_offers"
                    + " WHERE award_id = ?")) {
      s.setObject(1, UUID.fromString(id));
      try (ResultSet r = s.executeQuery()) {
        r.next();
        assertEquals(1, r.getInt(1), "exactly one live offer");
        assertEquals(4, r.getInt(2), "the PIN setting carries over");
      }
    }
  }
}
