package nl.leerbewijs.wallet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import nl.leerbewijs.core.jose.CompactJws;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.core.keys.KeyLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wallet receive} against offers and issuers that are broken or hostile. Every test also
 * checks that the wallet file is byte-identical afterwards. The happy path runs against the real
 * issuer in the end-to-end test.
 */
class ReceiveHostileTest {

  @TempDir Path tmp;
  WalletHarness h;
  byte[] before;
  final AtomicReference<String> tokenRequest = new AtomicReference<>();
  final AtomicReference<String> credentialRequest = new AtomicReference<>();

  @BeforeEach
  void setUp() throws Exception {
    h = new WalletHarness(tmp);
    h.init();
    before = h.walletBytes();
    String iss = h.issuerId();
    ObjectNode meta = Json.object();
    meta.put("credential_issuer", iss);
    meta.put("credential_endpoint", iss + "/credential");
    meta.put("nonce_endpoint", iss + "/nonce");
    ObjectNode cfg =
        meta.putObject("credential_configurations_supported").putObject("microcredential");
    cfg.put("format", "dc+sd-jwt");
    cfg.put("vct", "https://leerbewijs.nl/vct/microcredential");
    h.server.json("/.well-known/openid-credential-issuer/t/hs-voorbeeld", 200, meta.toString());
    h.server.json(
        "/.well-known/oauth-authorization-server/t/hs-voorbeeld",
        200,
        "{\"issuer\":\"" + iss + "\",\"token_endpoint\":\"" + iss + "/token\"}");
    h.server.json("/t/hs-voorbeeld/nonce", 200, "{\"c_nonce\":\"nonce-1\"}");
    tokenOk();
  }

  @AfterEach
  void tearDown() throws Exception {
    h.close();
  }

  private void assertUnchanged() throws Exception {
    assertArrayEquals(before, h.walletBytes(), "the wallet file must be byte-identical");
  }

  private void tokenOk() {
    h.server.on(
        "/t/hs-voorbeeld/token",
        ex -> {
          tokenRequest.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          FakeServer.send(
              ex, 200, "application/json", "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}");
        });
  }

  private void credentialAnswer(int status, String body) {
    h.server.on(
        "/t/hs-voorbeeld/credential",
        ex -> {
          credentialRequest.set(
              new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          FakeServer.send(ex, status, "application/json", body);
        });
  }

  private String offer(boolean pin) {
    String grant =
        "{\"pre-authorized_code\":\"code-123\""
            + (pin ? ",\"tx_code\":{\"length\":4,\"input_mode\":\"numeric\"}" : "")
            + "}";
    String json =
        "{\"credential_issuer\":\""
            + h.issuerId()
            + "\",\"credential_configuration_ids\":[\"microcredential\"],\"grants\":{\"urn:ietf:params:oauth:grant-type:pre-authorized_code\":"
            + grant
            + "}}";
    return "openid-credential-offer://?credential_offer="
        + URLEncoder.encode(json, StandardCharsets.UTF_8);
  }

  private String offerByReference(String path) {
    return "openid-credential-offer://?credential_offer_uri="
        + URLEncoder.encode(h.server.base() + path, StandardCharsets.UTF_8);
  }

  @Test
  void receive_garbageOffers_usageErrorAndNothingChanged() throws Exception {
    String[] garbage = {
      "",
      "hallo",
      "https://school.example/aanbod",
      "openid-credential-offer://",
      "openid-credential-offer://?foo=bar",
      "openid-credential-offer://?credential_offer=%7B&credential_offer_uri=x",
      "openid-credential-offer://?credential_offer=niet-json",
      "openid-credential-offer://?credential_offer=%ZZ",
      "openid-credential-offer://?credential_offer=%7B%7D",
      "openid-credential-offer://?credential_offer=%5B1%5D",
      "openid-credential-offer://?credential_offer=" + "A".repeat(70_000),
      "openid-credential-offer://?credential_offer={\"credential_issuer\":\"x\",\"credential_configuration_ids\":[],\"grants\":{}}",
    };
    for (String g : garbage) {
      WalletHarness.Run r = h.run("receive", g);
      assertEquals(ExitCodes.USAGE, r.rc(), g + ": " + r.all());
      assertTrue(r.err().contains("geen geldige aanbod-link"), r.err());
      assertFalse(r.err().contains("Exception"), r.err());
    }
    assertUnchanged();
  }

  @Test
  void receive_authorizationCodeOnlyOffer_unsupported() throws Exception {
    String json =
        "{\"credential_issuer\":\""
            + h.issuerId()
            + "\",\"credential_configuration_ids\":[\"microcredential\"],\"grants\":{\"authorization_code\":{}}}";
    WalletHarness.Run r =
        h.run(
            "receive",
            "openid-credential-offer://?credential_offer="
                + URLEncoder.encode(json, StandardCharsets.UTF_8));
    assertEquals(ExitCodes.FAILURE, r.rc());
    assertTrue(r.err().contains("niet wordt ondersteund"), r.err());
    assertUnchanged();
  }

  @Test
  void receive_offerUriAnswersNonsense_failureAndNothingChanged() throws Exception {
    h.server.on("/offer", ex -> FakeServer.send(ex, 200, "text/html", "<html>Welkom!</html>"));
    WalletHarness.Run r = h.run("receive", offerByReference("/offer"));
    assertEquals(ExitCodes.FAILURE, r.rc(), r.all());
    assertTrue(r.err().contains("niet begrijpt"), r.err());
    assertUnchanged();
  }

  @Test
  void receive_offerUriAnswersHugeBody_failureAndNothingChanged() throws Exception {
    h.server.on(
        "/offer",
        ex -> {
          ex.getResponseHeaders().set("Content-Type", "application/json");
          ex.sendResponseHeaders(200, 0); // chunked: no Content-Length to refuse up front
          byte[] chunk = new byte[64 * 1024];
          java.util.Arrays.fill(chunk, (byte) ' ');
          try (var os = ex.getResponseBody()) {
            for (int i = 0; i < 64; i++) {
              os.write(chunk);
            }
          }
        });
    WalletHarness.Run r = h.run("receive", offerByReference("/offer"), "-v");
    assertEquals(ExitCodes.FAILURE, r.rc(), r.all());
    assertTrue(r.err().contains("more than"), r.err());
    assertUnchanged();
  }

  @Test
  void receive_slowIssuer_timesOutAndNothingChanged() throws Exception {
    h.requestTimeout = Duration.ofMillis(500);
    h.server.on(
        "/offer",
        ex -> {
          try {
            Thread.sleep(3000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          FakeServer.send(ex, 200, "application/json", "{}");
        });
    WalletHarness.Run r = h.run("receive", offerByReference("/offer"));
    assertEquals(ExitCodes.FAILURE, r.rc(), r.all());
    assertTrue(r.err().contains("niet bereikbaar"), r.err());
    assertUnchanged();
  }

  @Test
  void receive_offerUriOverPlainHttpToOtherHost_refused() throws Exception {
    WalletHarness.Run r =
        h.run(
            "receive",
            "openid-credential-offer://?credential_offer_uri=http%3A%2F%2Fschool.example%2Foffer",
            "-v");
    assertEquals(ExitCodes.FAILURE, r.rc(), r.all());
    assertTrue(r.err().contains("only https"), r.err());
    assertUnchanged();
  }

  @Test
  void receive_metadataNamesAnotherIssuer_refused() throws Exception {
    h.server.json(
        "/.well-known/openid-credential-issuer/t/hs-voorbeeld",
        200,
        "{\"credential_issuer\":\"https://evil.example\",\"credential_endpoint\":\"x\",\"credential_configurations_supported\":{}}");
    assertEquals(ExitCodes.FAILURE, h.run("receive", offer(false)).rc());
    assertNull(tokenRequest.get(), "no code sent to a server that is not the issuer");
    assertUnchanged();
  }

  @Test
  void receive_expiredOrUsedOffer_saysSo() throws Exception {
    h.server.json(
        "/t/hs-voorbeeld/token",
        400,
        "{\"error\":\"invalid_grant\",\"error_description\":\"pre-authorized code expired\"}");
    WalletHarness.Run r = h.run("receive", offer(false));
    assertEquals(ExitCodes.FAILURE, r.rc());
    assertTrue(r.err().contains("verlopen of al gebruikt"), r.err());
    assertTrue(
        h.run("receive", offer(false), "--lang", "en")
            .err()
            .contains("expired or was already used"));
    assertUnchanged();
  }

  @Test
  void receive_wrongPin_saysAttemptsLeft() throws Exception {
    h.server.on(
        "/t/hs-voorbeeld/token",
        ex -> {
          tokenRequest.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          FakeServer.send(
              ex,
              400,
              "application/json",
              "{\"error\":\"invalid_grant\",\"error_description\":\"wrong tx_code; 2 attempts left\"}");
        });
    WalletHarness.Run r = h.run("receive", offer(true), "--tx-code", "0000");
    assertEquals(ExitCodes.USAGE, r.rc(), r.all());
    assertTrue(r.err().contains("nog 2 keer"), r.err());
    assertTrue(tokenRequest.get().contains("tx_code=0000"), tokenRequest.get());
    assertTrue(tokenRequest.get().contains("pre-authorized_code=code-123"));
    assertFalse(r.all().contains("code-123"), "the code is never printed");
    assertUnchanged();
  }

  @Test
  void receive_pinNeededWithoutTerminal_usageErrorWithoutContactingIssuer() throws Exception {
    WalletHarness.Run r = h.run("receive", offer(true));
    assertEquals(ExitCodes.USAGE, r.rc());
    assertTrue(r.err().contains("pincode"), r.err());
    assertNull(tokenRequest.get());
    assertUnchanged();
  }

  @Test
  void receive_pinAskedInTerminal_sentToTokenEndpoint() throws Exception {
    h.env.remove(WalletContext.PASSPHRASE_ENV);
    h.terminal = new ScriptedTerminal(true, WalletHarness.PASSPHRASE, "4711");
    credentialAnswer(400, "{\"error\":\"credential_request_denied\"}");
    WalletHarness.Run r = h.run("receive", offer(true));
    assertEquals(ExitCodes.FAILURE, r.rc(), r.all());
    assertTrue(tokenRequest.get().contains("tx_code=4711"));
    assertTrue(((ScriptedTerminal) h.terminal).prompts.toString().contains("4 tekens"));
    assertUnchanged();
  }

  @Test
  void receive_garbageCredential_verificationFailed() throws Exception {
    credentialAnswer(200, "{\"credentials\":[{\"credential\":\"dit.is.geen~leerbewijs~\"}]}");
    WalletHarness.Run r = h.run("receive", offer(false));
    assertEquals(ExitCodes.VERIFICATION_FAILED, r.rc(), r.all());
    assertUnchanged();
  }

  @Test
  void receive_credentialForAnotherWallet_rejected_andProofIsWellFormed() throws Exception {
    KeyPair other = EcKeys.generateP256();
    String cred = h.issue((ECPublicKey) other.getPublic(), 1);
    credentialAnswer(200, "{\"credentials\":[{\"credential\":\"" + cred + "\"}]}");
    WalletHarness.Run r = h.run("receive", offer(false));
    assertEquals(ExitCodes.VERIFICATION_FAILED, r.rc(), r.all());
    assertTrue(r.err().contains("andere wallet"), r.err());
    assertUnchanged();

    // What the issuer received: OpenID4VCI 1.0 sections 8.2 and appendix F.1.
    ObjectNode req = Json.parseObject(credentialRequest.get().getBytes(StandardCharsets.UTF_8));
    assertEquals("microcredential", req.get("credential_configuration_id").asText());
    CompactJws proof = CompactJws.parse(req.get("proofs").get("jwt").get(0).asText(), "proof");
    assertEquals("openid4vci-proof+jwt", proof.typ());
    assertEquals("ES256", proof.alg());
    ECPublicKey jwk = KeyLoader.publicKeyFromJwk(proof.header().get("jwk").toString());
    assertTrue(EcKeys.samePublicKey(h.holderKey(), jwk));
    ObjectNode claims = proof.payloadObject();
    assertEquals(h.issuerId(), claims.get("aud").asText());
    assertEquals("nonce-1", claims.get("nonce").asText());
    assertTrue(claims.get("iat").isIntegralNumber());
  }

  @Test
  void receive_deferredIssuance_saysNotSupported() throws Exception {
    credentialAnswer(202, "{\"transaction_id\":\"t1\",\"interval\":60}");
    WalletHarness.Run r = h.run("receive", offer(false));
    assertEquals(ExitCodes.FAILURE, r.rc());
    assertTrue(r.err().contains("later"), r.err());
    assertUnchanged();
  }

  @Test
  void receive_invalidNonceTwice_retriesOnceThenGivesUp() throws Exception {
    credentialAnswer(400, "{\"error\":\"invalid_nonce\"}");
    WalletHarness.Run r = h.run("receive", offer(false));
    assertEquals(ExitCodes.FAILURE, r.rc());
    assertEquals(2, h.server.hits.get("/t/hs-voorbeeld/nonce"));
    assertEquals(2, h.server.hits.get("/t/hs-voorbeeld/credential"));
    assertUnchanged();
  }

  @Test
  void receive_nonsenseFromEveryEndpoint_protocolErrorNeverCrash() throws Exception {
    String[] bodies = {
      "[]",
      "null",
      "{\"access_token\":5}",
      "<xml/>",
      "{\"credentials\":\"x\"}",
      "{\"credentials\":[{\"credential\":{}}]}"
    };
    for (String b : bodies) {
      h.server.json("/t/hs-voorbeeld/token", 200, "{\"access_token\":\"a\"}");
      credentialAnswer(200, b);
      WalletHarness.Run r = h.run("receive", offer(false));
      assertEquals(ExitCodes.FAILURE, r.rc(), b + ": " + r.all());
      h.server.json("/t/hs-voorbeeld/token", 200, b);
      r = h.run("receive", offer(false));
      assertEquals(ExitCodes.FAILURE, r.rc(), b + ": " + r.all());
      assertFalse(r.err().contains("Exception"), r.err());
    }
    assertUnchanged();
  }

  @Test
  void receive_escapeSequencesInIssuerText_neverReachTheTerminal() throws Exception {
    String evil =
        "{\"error\":\"invalid_grant\",\"error_description\":\"\\u001b[2J\\u001b]0;pwned\\u0007 wrong tx_code\"}";
    h.server.json("/t/hs-voorbeeld/token", 400, evil);
    WalletHarness.Run r = h.run("receive", offer(true), "--tx-code", "1", "-v");
    assertFalse(r.all().contains("\u001b"), r.all());
    assertUnchanged();
  }
}
