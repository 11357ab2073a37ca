package nl.leerbewijs.issuer.oid4vci;

import static nl.leerbewijs.issuer.IssuerFixture.holder;
import static nl.leerbewijs.issuer.IssuerFixture.preAuthorizedCode;
import static nl.leerbewijs.issuer.IssuerFixture.proof;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Map;
import nl.leerbewijs.core.http.BoundedHttpClient;
import nl.leerbewijs.core.sdjwt.SdJwt;
import nl.leerbewijs.core.trust.TrustList;
import nl.leerbewijs.core.verify.TrustedStatusSource;
import nl.leerbewijs.core.verify.Verdict;
import nl.leerbewijs.core.verify.VerificationEngine;
import nl.leerbewijs.core.verify.VerificationReport;
import nl.leerbewijs.issuer.IssuerFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenID4VCI pre-authorized code flow end to end, verified with core's verifier. */
class Oid4vciFlowIT {
  private static IssuerFixture f;
  private static String keyA;
  private static String keyB;

  @BeforeAll
  static void start() throws Exception {
    f = IssuerFixture.start("oid4vci", Map.of());
    keyA = f.tenant("school-a", "microcredential", "mbo-certificaat");
    keyB = f.tenant("school-b", "microcredential");
  }

  @AfterAll
  static void stop() {
    if (f != null) {
      f.close();
    }
  }

  private static VerificationEngine verifier(String tenant) throws Exception {
    HttpResponse<String> meta = f.get("/.well-known/jwt-vc-issuer/t/" + tenant, null);
    JsonObject trust =
        new JsonObject()
            .put("version", 1)
            .put("name", "it")
            .put(
                "issuers",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("id", f.issuerId(tenant))
                            .put("name", new JsonObject().put("nl", tenant))
                            .put("credential_types", new JsonArray().add("microcredential"))
                            .put("jwks", new JsonObject(meta.body()).getJsonObject("jwks"))));
    TrustList list = TrustList.parse(trust.encode().getBytes(StandardCharsets.UTF_8));
    BoundedHttpClient http = BoundedHttpClient.builder().allowLoopbackHttp(true).build();
    TrustedStatusSource status =
        TrustedStatusSource.builder(
                uri -> http.get(URI.create(uri), "application/statuslist+jwt").bodyText())
            .build();
    return VerificationEngine.builder(list).statusSource(status).build();
  }

  @Test
  void fullFlow_withAndWithoutPin_verifiesThenRevoked() throws Exception {
    for (boolean pin : new boolean[] {false, true}) {
      JsonObject award = f.award("school-a", keyA, pin);
      assertEquals(pin, award.getJsonObject("offer").containsKey("tx_code"));
      String sdJwt = f.collect("school-a", award, holder());
      VerificationReport report = verifier("school-a").verify(sdJwt);
      assertEquals(Verdict.VALID, report.verdict(), report.toJson().toString());

      JsonObject fetched =
          new JsonObject(
              f.get("/api/v1/tenants/school-a/awards/" + award.getString("id"), keyA).body());
      String credentialId = fetched.getJsonArray("credentials").getJsonObject(0).getString("id");
      assertEquals("redeemed", fetched.getJsonArray("offers").getJsonObject(0).getString("state"));

      HttpResponse<String> rev =
          f.post(
              "/api/v1/tenants/school-a/credentials/" + credentialId + "/revoke",
              keyA,
              "application/json",
              "{\"reason\":\"fraude\"}");
      assertEquals(200, rev.statusCode(), rev.body());
      assertEquals(Verdict.REVOKED, verifier("school-a").verify(sdJwt).verdict());

      HttpResponse<String> again =
          f.post(
              "/api/v1/tenants/school-a/credentials/" + credentialId + "/reinstate",
              keyA,
              "application/json",
              "{\"reason\":\"oops\"}");
      assertEquals(409, again.statusCode());
      assertEquals("credential_revoked", new JsonObject(again.body()).getString("code"));
    }
  }

  @Test
  void suspendAndReinstate_statusFollows() throws Exception {
    JsonObject award = f.award("school-a", keyA, false);
    String sdJwt = f.collect("school-a", award, holder());
    String id =
        new JsonObject(
                f.get("/api/v1/tenants/school-a/awards/" + award.getString("id"), keyA).body())
            .getJsonArray("credentials")
            .getJsonObject(0)
            .getString("id");
    f.post(
        "/api/v1/tenants/school-a/credentials/" + id + "/suspend",
        keyA,
        "application/json",
        "{\"reason\":\"onderzoek\"}");
    assertEquals(Verdict.SUSPENDED, verifier("school-a").verify(sdJwt).verdict());
    f.post(
        "/api/v1/tenants/school-a/credentials/" + id + "/reinstate",
        keyA,
        "application/json",
        "{\"reason\":\"klaar\"}");
    assertEquals(Verdict.VALID, verifier("school-a").verify(sdJwt).verdict());
  }

  @Test
  void statusListToken_headersAndEtag() throws Exception {
    f.collect("school-a", f.award("school-a", keyA, false), holder());
    HttpResponse<String> r = f.get("/t/school-a/status/1", null);
    assertEquals(200, r.statusCode());
    assertEquals(
        "application/statuslist+jwt", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("public, max-age=300", r.headers().firstValue("Cache-Control").orElseThrow());
    String etag = r.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again =
        IssuerFixture.HTTP.send(
            java.net.http.HttpRequest.newBuilder(URI.create(f.base + "/t/school-a/status/1"))
                .header("If-None-Match", etag)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(304, again.statusCode());
    assertEquals(404, f.get("/t/school-a/status/99", null).statusCode());
  }

  @Test
  void metadata_issuerAndAuthorizationServer() throws Exception {
    JsonObject md =
        new JsonObject(f.get("/.well-known/openid-credential-issuer/t/school-a", null).body());
    assertEquals(f.issuerId("school-a"), md.getString("credential_issuer"));
    assertEquals(f.issuerId("school-a") + "/nonce", md.getString("nonce_endpoint"));
    JsonObject mc =
        md.getJsonObject("credential_configurations_supported").getJsonObject("microcredential");
    assertEquals("dc+sd-jwt", mc.getString("format"));
    assertEquals("https://leerbewijs.nl/vct/microcredential", mc.getString("vct"));
    assertEquals(
        "ES256",
        mc.getJsonObject("proof_types_supported")
            .getJsonObject("jwt")
            .getJsonArray("proof_signing_alg_values_supported")
            .getString(0));
    assertTrue(
        md.getJsonObject("credential_configurations_supported").containsKey("mbo-certificaat"));
    JsonObject as =
        new JsonObject(f.get("/.well-known/oauth-authorization-server/t/school-a", null).body());
    assertEquals(f.issuerId("school-a"), as.getString("issuer"));
    assertEquals(true, as.getBoolean("pre-authorized_grant_anonymous_access_supported"));
  }

  @Test
  void offerByReference_fetchedTwice_andQrPng() throws Exception {
    JsonObject award = f.award("school-a", keyA, true);
    String url = award.getJsonObject("offer").getString("credential_offer_uri");
    JsonObject first = new JsonObject(f.get(url, null).body());
    JsonObject second = new JsonObject(f.get(url, null).body());
    assertEquals(first, second);
    assertEquals(
        preAuthorizedCode(award),
        first
            .getJsonObject("grants")
            .getJsonObject("urn:ietf:params:oauth:grant-type:pre-authorized_code")
            .getString("pre-authorized_code"));
    HttpResponse<byte[]> png =
        IssuerFixture.HTTP.send(
            java.net.http.HttpRequest.newBuilder(
                    URI.create(award.getJsonObject("offer").getString("qr_png")))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals("image/png", png.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(
        award.getJsonObject("offer").getString("uri"),
        nl.leerbewijs.core.qr.QrImages.read(png.body()));
    assertEquals(
        404,
        f.get(f.issuerId("school-a") + "/offers/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", null)
            .statusCode());
  }

  @Test
  void token_replayedCode_invalidGrant() throws Exception {
    JsonObject award = f.award("school-a", keyA, false);
    assertEquals(200, f.token("school-a", preAuthorizedCode(award), null).statusCode());
    HttpResponse<String> again = f.token("school-a", preAuthorizedCode(award), null);
    assertEquals(400, again.statusCode());
    assertEquals("invalid_grant", new JsonObject(again.body()).getString("error"));
    assertEquals(
        "invalid_grant",
        new JsonObject(f.token("school-a", "nonsense", null).body()).getString("error"));
  }

  @Test
  void token_pinBruteForce_locksOffer() throws Exception {
    JsonObject award = f.award("school-a", keyA, true);
    String pin = award.getJsonObject("offer").getString("tx_code");
    String wrong = pin.equals("000000") ? "000001" : "000000";
    HttpResponse<String> missing = f.token("school-a", preAuthorizedCode(award), null);
    assertEquals("invalid_request", new JsonObject(missing.body()).getString("error"));
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> r = f.token("school-a", preAuthorizedCode(award), wrong);
      assertEquals(400, r.statusCode());
      assertEquals("invalid_grant", new JsonObject(r.body()).getString("error"));
    }
    HttpResponse<String> right = f.token("school-a", preAuthorizedCode(award), pin);
    assertEquals("invalid_grant", new JsonObject(right.body()).getString("error"));
    JsonObject fetched =
        new JsonObject(
            f.get("/api/v1/tenants/school-a/awards/" + award.getString("id"), keyA).body());
    assertEquals("dead", fetched.getJsonArray("offers").getJsonObject(0).getString("state"));
  }

  @Test
  void token_pinOnOfferWithoutPin_invalidRequest() throws Exception {
    JsonObject award = f.award("school-a", keyA, false);
    HttpResponse<String> r = f.token("school-a", preAuthorizedCode(award), "123456");
    assertEquals("invalid_request", new JsonObject(r.body()).getString("error"));
  }

  @Test
  void credential_reusedNonce_invalidNonce() throws Exception {
    String nonce = f.nonce("school-a");
    KeyPair h = holder();
    String at1 = accessToken(f.award("school-a", keyA, false));
    assertEquals(
        200,
        f.credential(
                "school-a",
                at1,
                "microcredential",
                proof(h, f.issuerId("school-a"), nonce, Instant.now()))
            .statusCode());
    String at2 = accessToken(f.award("school-a", keyA, false));
    HttpResponse<String> r =
        f.credential(
            "school-a",
            at2,
            "microcredential",
            proof(h, f.issuerId("school-a"), nonce, Instant.now()));
    assertEquals(400, r.statusCode());
    assertEquals("invalid_nonce", new JsonObject(r.body()).getString("error"));
    // the token was not spent by the failed request
    assertEquals(
        200,
        f.credential(
                "school-a",
                at2,
                "microcredential",
                proof(h, f.issuerId("school-a"), f.nonce("school-a"), Instant.now()))
            .statusCode());
  }

  @Test
  void credential_badProofs_invalidProof() throws Exception {
    String at = accessToken(f.award("school-a", keyA, false));
    KeyPair h = holder();
    String iss = f.issuerId("school-a");
    String good = proof(h, iss, f.nonce("school-a"), Instant.now());
    String badSig =
        good.substring(0, good.lastIndexOf('.') + 1)
            + proof(holder(), iss, "x", Instant.now()).substring(good.lastIndexOf('.') + 1);
    String[] bad = {
      badSig,
      proof(h, "https://other.example", f.nonce("school-a"), Instant.now()),
      proof(h, iss, f.nonce("school-a"), Instant.now().minusSeconds(3600)),
      proof(h, iss, null, Instant.now()),
      "not.a.jwt"
    };
    for (String p : bad) {
      HttpResponse<String> r = f.credential("school-a", at, "microcredential", p);
      assertEquals(400, r.statusCode(), r.body());
      assertEquals("invalid_proof", new JsonObject(r.body()).getString("error"), r.body());
    }
    HttpResponse<String> noProofs =
        f.post(
            "/t/school-a/credential",
            at,
            "application/json",
            "{\"credential_configuration_id\":\"microcredential\"}");
    assertEquals("invalid_proof", new JsonObject(noProofs.body()).getString("error"));
    HttpResponse<String> unknown = f.credential("school-a", at, "diploma", good);
    assertEquals(
        "unknown_credential_configuration", new JsonObject(unknown.body()).getString("error"));
    HttpResponse<String> malformed = f.post("/t/school-a/credential", at, "application/json", "{");
    assertEquals("invalid_credential_request", new JsonObject(malformed.body()).getString("error"));
  }

  @Test
  void credential_secondCall_invalidToken_andUnknownToken() throws Exception {
    JsonObject award = f.award("school-a", keyA, false);
    String at = accessToken(award);
    KeyPair h = holder();
    assertEquals(
        200,
        f.credential(
                "school-a",
                at,
                "microcredential",
                proof(h, f.issuerId("school-a"), f.nonce("school-a"), Instant.now()))
            .statusCode());
    HttpResponse<String> again =
        f.credential(
            "school-a",
            at,
            "microcredential",
            proof(h, f.issuerId("school-a"), f.nonce("school-a"), Instant.now()));
    assertEquals(401, again.statusCode());
    assertEquals("invalid_token", new JsonObject(again.body()).getString("error"));
    HttpResponse<String> unknown =
        f.credential(
            "school-a",
            "bogus",
            "microcredential",
            proof(h, f.issuerId("school-a"), f.nonce("school-a"), Instant.now()));
    assertEquals(401, unknown.statusCode());
    // a token of school A is unknown at school B
    String atA = accessToken(f.award("school-a", keyA, false));
    HttpResponse<String> cross =
        f.credential(
            "school-b",
            atA,
            "microcredential",
            proof(h, f.issuerId("school-b"), f.nonce("school-b"), Instant.now()));
    assertEquals(401, cross.statusCode());
  }

  @Test
  void credential_boundToProofKey_signedWithCurrentKid() throws Exception {
    KeyPair h = holder();
    String sdJwt = f.collect("school-a", f.award("school-a", keyA, false), h);
    var jwt = SdJwt.parse(sdJwt);
    assertNotEquals(null, jwt);
    JsonObject payload =
        new JsonObject(
            new String(
                java.util.Base64.getUrlDecoder().decode(sdJwt.split("\\.")[1]),
                StandardCharsets.UTF_8));
    assertEquals(f.issuerId("school-a"), payload.getString("iss"));
    assertEquals(
        nl.leerbewijs.core.sdjwt.EcPublicJwk.toJwk(
                (java.security.interfaces.ECPublicKey) h.getPublic())
            .get("x")
            .asText(),
        payload.getJsonObject("cnf").getJsonObject("jwk").getString("x"));
    assertTrue(
        payload
            .getJsonObject("status")
            .getJsonObject("status_list")
            .getString("uri")
            .startsWith(f.issuerId("school-a") + "/status/"));
  }

  @Test
  void keyRotation_oldCredentialStillVerifies_newUsesNewKid() throws Exception {
    String old = f.collect("school-b", f.award("school-b", keyB, false), holder());
    String oldKid =
        new JsonObject(
                new String(
                    java.util.Base64.getUrlDecoder().decode(old.split("\\.")[0]),
                    StandardCharsets.UTF_8))
            .getString("kid");
    IssuerFixture.await(f.ctx.signingKeys().rotate("school-b", IssuerFixture.ADMIN, "it"));
    Thread.sleep(nl.leerbewijs.issuer.signingkey.ActiveSigners.TTL_MILLIS + 200);
    String fresh = f.collect("school-b", f.award("school-b", keyB, false), holder());
    String newKid =
        new JsonObject(
                new String(
                    java.util.Base64.getUrlDecoder().decode(fresh.split("\\.")[0]),
                    StandardCharsets.UTF_8))
            .getString("kid");
    assertNotEquals(oldKid, newKid);
    VerificationEngine v = verifier("school-b");
    assertEquals(Verdict.VALID, v.verify(old).verdict());
    assertEquals(Verdict.VALID, v.verify(fresh).verdict());
  }

  @Test
  void withdrawAward_killsOfferAndRevokes() throws Exception {
    JsonObject collected = f.award("school-a", keyA, false);
    String sdJwt = f.collect("school-a", collected, holder());
    HttpResponse<String> w =
        f.post(
            "/api/v1/tenants/school-a/awards/" + collected.getString("id") + "/withdraw",
            keyA,
            "application/json",
            "{\"reason\":\"ten onrechte\"}");
    assertEquals(200, w.statusCode(), w.body());
    assertEquals(Verdict.REVOKED, verifier("school-a").verify(sdJwt).verdict());
    JsonObject open = f.award("school-a", keyA, false);
    f.post(
        "/api/v1/tenants/school-a/awards/" + open.getString("id") + "/withdraw",
        keyA,
        "application/json",
        "{\"reason\":\"x\"}");
    assertEquals(
        "invalid_grant",
        new JsonObject(f.token("school-a", preAuthorizedCode(open), null).body())
            .getString("error"));
  }

  private static String accessToken(JsonObject award) throws Exception {
    HttpResponse<String> t =
        f.token(
            "school-a",
            preAuthorizedCode(award),
            award.getJsonObject("offer").getString("tx_code"));
    assertEquals(200, t.statusCode(), t.body());
    return new JsonObject(t.body()).getString("access_token");
  }
}
