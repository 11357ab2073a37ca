package nl.leerbewijs.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Map;
import nl.leerbewijs.core.jose.JwsAlgorithm;
import nl.leerbewijs.core.jose.JwsSigner;
import nl.leerbewijs.core.sdjwt.SdJwt;
import nl.leerbewijs.core.sdjwt.SdJwtPresenter;
import nl.leerbewijs.issuer.IssuerFixture;
import nl.leerbewijs.issuer.apikey.Scope;
import nl.leerbewijs.issuer.config.IssuerConfig;
import nl.leerbewijs.issuer.signingkey.ActiveSigners;
import nl.leerbewijs.verifier.config.VerifierConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verifier trusts a school whose trust list entry pins no key ({@code keys_from_metadata}): the
 * keys come from the real issuer's {@code /.well-known/jwt-vc-issuer/t/<tenant>}. Credentials
 * verify, a revoked one stays revoked (its status list token is checked with the same keys), and a
 * key rotated in on the issuer is picked up by one refetch.
 */
@Timeout(120)
class IssuerMetadataKeysIT {

  static final String TENANT = "hs-voorbeeld";
  static IssuerFixture issuer;
  static Employer employer;
  static String verifierUrl;
  static String schoolKey;

  @TempDir static Path shared;

  @BeforeAll
  static void start() throws Exception {
    issuer = IssuerFixture.start("e2e_metadata", Map.of(IssuerConfig.STATUS_LIST_TTL_SECONDS, "1"));
    issuer.tenant(TENANT, "microcredential");
    schoolKey = issuer.apiKey(TENANT, Scope.ISSUE, Scope.REVOKE, Scope.ADMIN);

    employer =
        Employer.start(
            shared,
            issuer.issuerId(TENANT),
            school -> school.put("keys_from_metadata", true), // no jwks, no anchors
            Map.of(VerifierConfig.METADATA_MIN_INTERVAL, "1s"));
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

  @Test
  void keysFromIssuerMetadata_validRevokedAndRotatedKeyPickedUp() throws Exception {
    KeyPair holder = IssuerFixture.holder();
    JsonObject firstAward = issuer.award(TENANT, schoolKey, false);
    String first = present(issuer.collect(TENANT, firstAward, holder), holder);
    JsonObject secondAward = issuer.award(TENANT, schoolKey, false);
    String second = present(issuer.collect(TENANT, secondAward, holder), holder);

    JsonNode report = verify(first);
    assertEquals("valid", report.path("verdict").asText(), report.toString());
    JsonNode trusted = check(report, "trusted_issuer");
    assertEquals("trusted_issuer.trusted", trusted.path("code").asText());
    assertTrue(
        trusted.path("message").asText().contains("jwt-vc-issuer-metadata"), report.toString());
    assertEquals("pass", check(report, "status").path("outcome").asText(), report.toString());
    assertEquals("valid", verify(second).path("verdict").asText());

    // the school revokes the second one: revoked, through a status list checked with the same keys
    HttpResponse<String> revoked =
        issuer.post(
            "/api/v1/tenants/" + TENANT + "/credentials/" + credentialId(secondAward) + "/revoke",
            schoolKey,
            "application/json",
            "{\"reason\":\"e2e: metadata keys\"}");
    assertEquals(200, revoked.statusCode(), revoked.body());
    pollVerdict(second, "revoked");
    assertEquals("valid", verify(first).path("verdict").asText());

    // the school rotates its key: a credential under the new kid is verified after one refetch,
    // the old key stays published, so earlier credentials stay valid (and revoked stays revoked)
    HttpResponse<String> rotated =
        issuer.post(
            "/api/v1/tenants/" + TENANT + "/signing-keys/rotate",
            schoolKey,
            "application/json",
            "{\"reason\":\"e2e: rotation\"}");
    assertEquals(201, rotated.statusCode(), rotated.body());
    String newKid = new JsonObject(rotated.body()).getString("kid");
    // The issuer keeps signing with the previous (still published) key for a few seconds.
    Thread.sleep(ActiveSigners.TTL_MILLIS + 200);
    String third =
        present(issuer.collect(TENANT, issuer.award(TENANT, schoolKey, false), holder), holder);
    assertEquals(newKid, SdJwt.parse(third).issuerSigned().kid(), "signed with the new key");
    // more than the verifier's refetch interval (1 s) has passed: the unknown kid refetches at once
    JsonNode rotatedReport = verify(third);
    assertEquals("valid", rotatedReport.path("verdict").asText(), rotatedReport.toString());
    assertEquals("valid", verify(first).path("verdict").asText());
    assertEquals("revoked", verify(second).path("verdict").asText());
  }

  /** Every claim disclosed, key binding for this verifier. */
  static String present(String credential, KeyPair holder) throws Exception {
    return SdJwtPresenter.withKeyBinding(
        SdJwtPresenter.selectAll(SdJwt.parse(credential)),
        new JwsSigner(holder.getPrivate(), JwsAlgorithm.ES256),
        verifierUrl,
        "e2e-nonce",
        Instant.now().minusSeconds(1));
  }

  static String credentialId(JsonObject award) throws Exception {
    HttpResponse<String> r =
        issuer.get("/api/v1/tenants/" + TENANT + "/awards/" + award.getString("id"), schoolKey);
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body()).getJsonArray("credentials").getJsonObject(0).getString("id");
  }

  static JsonNode verify(String presentation) throws Exception {
    return employer.verifyText(presentation);
  }

  static JsonNode pollVerdict(String presentation, String expected) throws Exception {
    return employer.pollVerdict(presentation, expected);
  }

  static JsonNode check(JsonNode report, String name) {
    return Employer.check(report, name);
  }
}
