package nl.leerbewijs.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.issuer.IssuerFixture;
import nl.leerbewijs.issuer.apikey.Scope;
import nl.leerbewijs.issuer.config.IssuerConfig;
import nl.leerbewijs.verifier.config.VerifierConfig;
import nl.leerbewijs.wallet.ExitCodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole journey with the real products in one JVM: a school awards a microcredential on a real
 * issuer (fresh PostgreSQL database), the learner collects it with the wallet (OpenID4VCI with a
 * PIN), shows it to an employer as a QR code, the employer's verifier checks it over HTTP, the
 * school revokes it, and both the verifier and the wallet see that.
 */
@Timeout(120)
class LearnerJourneyIT {

  static final String TENANT = "hs-voorbeeld";
  static IssuerFixture issuer;
  static Employer employer;
  static String verifierUrl;
  static String schoolKey;

  @TempDir static Path shared;

  @BeforeAll
  static void start() throws Exception {
    // Status list tokens live 1 s, so the verifier's status cache expires quickly after a
    // revocation.
    issuer = IssuerFixture.start("e2e", Map.of(IssuerConfig.STATUS_LIST_TTL_SECONDS, "1"));
    issuer.tenant(TENANT, "microcredential");
    schoolKey = issuer.apiKey(TENANT, Scope.ISSUE, Scope.REVOKE);

    JsonNode jwks = publishedKeys();
    employer =
        Employer.start(
            shared,
            issuer.issuerId(TENANT),
            school -> school.set("jwks", jwks),
            Map.of(
                VerifierConfig.KEY_BINDING_REQUIRED, "true",
                VerifierConfig.STATUS_TIMEOUT, "5s"));
    verifierUrl = employer.url();
  }

  @AfterAll
  static void stop() {
    try {
      if (employer != null) {
        employer.close();
      }
    } finally {
      if (issuer != null) {
        issuer.close();
      }
    }
  }

  /** The keys the issuer publishes for the tenant (its JWT VC Issuer Metadata), to pin them. */
  static JsonNode publishedKeys() throws Exception {
    HttpResponse<String> meta = issuer.get("/.well-known/jwt-vc-issuer/t/" + TENANT, null);
    assertEquals(200, meta.statusCode(), meta.body());
    ObjectNode metadata = Json.parseObject(meta.body().getBytes(StandardCharsets.UTF_8));
    assertEquals(issuer.issuerId(TENANT), metadata.path("issuer").asText());
    return metadata.get("jwks");
  }

  @Test
  void receiveShowPresentVerifyRevoke_walletAndVerifierAgree(@TempDir Path tmp) throws Exception {
    Wallet wallet = new Wallet(tmp);
    wallet.init();

    JsonObject award = award(true);
    JsonObject offer = award.getJsonObject("offer");
    String pin = offer.getString("tx_code");
    assertTrue(pin != null && pin.matches("\\d{6}"), offer.encode());

    // receive (offer by reference, as in the school's QR code) and list
    Wallet.Run received = wallet.ok("receive", offer.getString("uri"), "--tx-code", pin);
    List<JsonNode> listed = wallet.list();
    assertEquals(1, listed.size(), received.all());
    JsonNode stored = listed.get(0);
    String id = stored.path("id").asText();
    assertEquals("microcredential", stored.path("type").asText());
    assertEquals(issuer.issuerId(TENANT), stored.path("issuer").asText());
    assertEquals("Data analysis with Python", stored.path("title").asText());
    assertEquals("6", stored.path("nlqf").asText());
    assertEquals(6, stored.path("eqf").asInt());
    assertEquals(0, stored.path("ects").decimalValue().compareTo(new java.math.BigDecimal("7.5")));
    assertEquals("valid", stored.path("status").asText(), stored.toString());

    // show: title, levels, ECTS, skills
    String shown = wallet.ok("show", id.substring(0, 6)).out();
    for (String expected :
        new String[] {"Data analysis with Python", "NLQF 6", "EQF 6", "7.5", "SQL", "Statistiek"}) {
      assertTrue(shown.contains(expected), "show lacks '" + expected + "':\n" + shown);
    }

    // present: name and skills only, bound to the verifier, as text and as PNG
    Path text = tmp.resolve("presentation.txt");
    Path png = tmp.resolve("presentation.png");
    wallet.ok(
        "present",
        id,
        "--disclose",
        "name,skills",
        "--aud",
        verifierUrl,
        "--out",
        text.toString(),
        "--png",
        png.toString());
    String presentation = Files.readString(text, StandardCharsets.UTF_8).strip();
    byte[] image = Files.readAllBytes(png);

    for (JsonNode report :
        List.of(verifyText(presentation), verifyImage(image), verifyJson(presentation))) {
      assertEquals("valid", report.path("verdict").asText(), report.toString());
      JsonNode claims = report.path("credential").path("claims");
      assertEquals("Fatima", claims.path("learner").path("given_name").asText(), report.toString());
      assertEquals("El Amrani", claims.path("learner").path("family_name").asText());
      assertFalse(claims.path("learner").has("birthdate"), report.toString());
      assertFalse(claims.path("learner").has("student_id"), report.toString());
      assertFalse(claims.has("description"), report.toString());
      assertEquals(5, claims.path("skills").size(), report.toString());
      assertEquals("Data analysis with Python", claims.path("title").path("en").asText());
      assertEquals("pass", check(report, "key_binding").path("outcome").asText());
      assertEquals("pass", check(report, "status").path("outcome").asText());
    }

    // a presentation made for another employer is refused by this one
    Path other = tmp.resolve("other.txt");
    wallet.ok(
        "present", id, "--disclose", "name", "--aud", "https://ander.example", "--out", "" + other);
    JsonNode misdirected = verifyText(Files.readString(other, StandardCharsets.UTF_8).strip());
    assertEquals("invalid", misdirected.path("verdict").asText(), misdirected.toString());
    assertEquals("fail", check(misdirected, "key_binding").path("outcome").asText());

    // the school revokes
    String credentialId = issuedCredentialId(award);
    HttpResponse<String> revoked =
        issuer.post(
            "/api/v1/tenants/" + TENANT + "/credentials/" + credentialId + "/revoke",
            schoolKey,
            "application/json",
            "{\"reason\":\"e2e: diploma fraude\"}");
    assertEquals(200, revoked.statusCode(), revoked.body());

    // the verifier sees it once its cached status list (ttl 1 s) has expired
    JsonNode afterRevoke = pollVerdict(presentation, "revoked");
    assertEquals("fail", check(afterRevoke, "status").path("outcome").asText());
    assertEquals("revoked", verifyImage(image).path("verdict").asText());

    // and the wallet, after `wallet status`
    String status = wallet.ok("status").out();
    assertTrue(status.contains("REVOKED"), status);
    List<JsonNode> after = wallet.list();
    assertEquals(1, after.size());
    assertEquals("revoked", after.get(0).path("status").asText(), after.toString());
  }

  @Test
  void receive_wrongPin_refusedWithAttemptsLeft_walletUnchanged_thenRightPinWorks(@TempDir Path tmp)
      throws Exception {
    Wallet wallet = new Wallet(tmp);
    wallet.init();
    byte[] before = wallet.fileBytes();

    JsonObject offer = award(true).getJsonObject("offer");
    String pin = offer.getString("tx_code");
    String wrong = pin.equals("000000") ? "111111" : "000000";

    Wallet.Run r = wallet.run("receive", offer.getString("uri"), "--tx-code", wrong);
    assertEquals(ExitCodes.USAGE, r.rc(), r.all());
    assertTrue(r.err().contains("PIN is wrong"), r.all());
    assertTrue(r.err().contains("4 attempts left"), r.all());
    assertFalse(r.all().contains(pin), "the right PIN must not be shown");
    assertFalse(r.all().contains("Exception"), r.all());
    assertArrayEquals(before, wallet.fileBytes(), "the wallet file must not change");
    assertEquals(0, wallet.list().size());

    wallet.ok("receive", offer.getString("uri"), "--tx-code", pin);
    assertEquals(1, wallet.list().size());
  }

  @Test
  void receive_sameOfferTwice_secondRefusedAsUsed_nothingDuplicated(@TempDir Path tmp)
      throws Exception {
    Wallet wallet = new Wallet(tmp);
    wallet.init();
    JsonObject offer = award(false).getJsonObject("offer");
    assertFalse(offer.containsKey("tx_code"));
    wallet.ok("receive", offer.getString("uri_by_value"));
    assertEquals(1, wallet.list().size());
    // again by value, and by reference (the school's QR code)
    for (String uri : new String[] {offer.getString("uri_by_value"), offer.getString("uri")}) {
      byte[] before = wallet.fileBytes();
      Wallet.Run again = wallet.run("receive", uri);
      assertEquals(ExitCodes.FAILURE, again.rc(), again.all());
      assertTrue(again.err().contains("already used"), again.all());
      assertFalse(again.all().contains("Exception"), again.all());
      assertArrayEquals(before, wallet.fileBytes(), "the wallet file must not change");
      assertEquals(1, wallet.list().size());
    }
  }

  // --- the school ---

  /** The school awards the schemas module's example microcredential (institution from tenant). */
  static JsonObject award(boolean txCode) throws Exception {
    byte[] example;
    try (InputStream in =
        LearnerJourneyIT.class
            .getClassLoader()
            .getResourceAsStream(
                "leerbewijs/examples/valid/microcredential-data-analyse-python.json")) {
      example = in.readAllBytes();
    }
    ObjectNode claims = Json.parseObject(example);
    claims.remove("institution");
    ObjectNode body = Json.object();
    body.put("type", "microcredential");
    body.set("claims", claims);
    body.put("tx_code", txCode);
    HttpResponse<String> r =
        issuer.post(
            "/api/v1/tenants/" + TENANT + "/awards",
            schoolKey,
            "application/json",
            new String(Json.write(body), StandardCharsets.UTF_8));
    assertEquals(201, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  static String issuedCredentialId(JsonObject award) throws Exception {
    HttpResponse<String> r =
        issuer.get("/api/v1/tenants/" + TENANT + "/awards/" + award.getString("id"), schoolKey);
    assertEquals(200, r.statusCode(), r.body());
    JsonObject fetched = new JsonObject(r.body());
    assertEquals(1, fetched.getJsonArray("credentials").size(), r.body());
    assertEquals("redeemed", fetched.getJsonArray("offers").getJsonObject(0).getString("state"));
    return fetched.getJsonArray("credentials").getJsonObject(0).getString("id");
  }

  // --- the employer ---

  static JsonNode verifyText(String presentation) throws Exception {
    return employer.verifyText(presentation);
  }

  static JsonNode verifyJson(String presentation) throws Exception {
    return employer.verifyJson(presentation);
  }

  static JsonNode verifyImage(byte[] png) throws Exception {
    return employer.verifyImage(png);
  }

  static JsonNode pollVerdict(String presentation, String expected) throws Exception {
    return employer.pollVerdict(presentation, expected);
  }

  static JsonNode check(JsonNode report, String name) {
    return Employer.check(report, name);
  }
}
