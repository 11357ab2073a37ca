package nl.leerbewijs.core.vc;

import static nl.leerbewijs.core.sdjwt.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.jose.JwsSigner;
import nl.leerbewijs.core.json.Base64Url;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.sdjwt.ClaimPath;
import nl.leerbewijs.core.sdjwt.EcPublicJwk;
import nl.leerbewijs.core.sdjwt.SdJwt;
import nl.leerbewijs.core.sdjwt.SdJwtIssuer;
import nl.leerbewijs.core.sdjwt.SdJwtPresenter;
import nl.leerbewijs.core.sdjwt.TestSupport;
import org.junit.jupiter.api.Test;

/** SD-JWT VC issuance, presentation and verification (draft-ietf-oauth-sd-jwt-vc). */
class SdJwtVcTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final KeyPair ISSUER = TestSupport.p256();
  private static final KeyPair HOLDER = TestSupport.p256();
  private static final JwsSigner ISSUER_SIGNER = TestSupport.signer(ISSUER);
  private static final String VCT = "https://leerbewijs.nl/vct/microcredential/v1";
  private static final String AUD = "https://werkgever.example";
  private static final String NONCE = "nonce-42";

  private static final SdJwtVcIssuer ISSUER_VC =
      SdJwtVcIssuer.builder(ISSUER_SIGNER, "https://roc.example").kid("key-1").clock(CLOCK).build();

  private static final SdJwtVcVerifier VERIFIER =
      SdJwtVcVerifier.builder().clock(CLOCK).expectedAudience(AUD).expectedNonce(NONCE).build();

  private static final SdJwtVcVerifier VERIFIER_NO_KB =
      VERIFIER.toBuilder().keyBindingRequired(false).build();

  private static final ObjectNode CLAIMS =
      json(
          "{\"title\":\"Lassen MIG/MAG\",\"ects\":3,"
              + "\"learner\":{\"given_name\":\"Sanne\",\"family_name\":\"de Vries\",\"birthdate\":\"2002-05-01\"}}");

  private static final Set<List<Object>> SD =
      Set.of(
          ClaimPath.of("learner"),
          ClaimPath.of("learner", "birthdate"),
          ClaimPath.of("learner", "family_name"),
          ClaimPath.of("ects"));

  private static String issue() {
    return ISSUER_VC.issue(
        VCT,
        CLAIMS,
        SD,
        (ECPublicKey) HOLDER.getPublic(),
        new StatusReference(4711, "https://roc.example/status/1"),
        NOW.plus(Duration.ofDays(365)));
  }

  private static SdJwt present(
      String issued, Set<List<Object>> paths, String aud, String nonce, Instant iat)
      throws Exception {
    SdJwt selected = SdJwtPresenter.select(SdJwt.parse(issued), paths);
    return SdJwt.parse(
        SdJwtPresenter.withKeyBinding(selected, TestSupport.signer(HOLDER), aud, nonce, iat));
  }

  private static List<String> codes(SdJwtVcVerification v) {
    List<String> out = new ArrayList<>();
    v.failures().forEach(f -> out.add(f.code()));
    return out;
  }

  private static ObjectNode decode(String part) {
    return (ObjectNode) Json.parse(Base64Url.decode(part));
  }

  @Test
  void issue_headerAndPayload_compactAndAsProfiled() throws Exception {
    SdJwt sdJwt = SdJwt.parse(issue());
    assertEquals(
        json("{\"alg\":\"ES256\",\"typ\":\"dc+sd-jwt\",\"kid\":\"key-1\"}"),
        sdJwt.issuerSigned().header());
    String payloadJson = new String(sdJwt.issuerSigned().payload(), StandardCharsets.UTF_8);
    assertFalse(
        payloadJson.contains(", ") || payloadJson.contains(": ") || payloadJson.contains("\n"),
        "no whitespace between JSON tokens");
    ObjectNode payload = sdJwt.issuerPayload();
    assertEquals("https://roc.example", payload.get("iss").textValue());
    assertEquals(NOW.getEpochSecond(), payload.get("iat").longValue());
    assertEquals(VCT, payload.get("vct").textValue());
    assertEquals(4, payload.get("cnf").get("jwk").size(), "cnf.jwk has only kty, crv, x, y");
    assertEquals(
        json("{\"status_list\":{\"idx\":4711,\"uri\":\"https://roc.example/status/1\"}}"),
        payload.get("status"));
    assertEquals("Lassen MIG/MAG", payload.get("title").textValue());
    assertFalse(payload.has("learner"));
    assertFalse(payload.has("ects"));
  }

  /**
   * The issuer's claims are written straight into the payload bytes, not through a claims tree: the
   * text has them after {@code _sd}, in a fixed order, ahead of the caller's claims, and the holder
   * key is the JWK that {@link EcPublicJwk#toJwk} makes, whichever provider made the key.
   */
  @Test
  void issue_issuerClaims_writtenInOrderBeforeTheCallersClaims() throws Exception {
    for (KeyPair holder : new KeyPair[] {HOLDER, bouncyCastleP256()}) {
      ECPublicKey holderKey = (ECPublicKey) holder.getPublic();
      String issued =
          ISSUER_VC.issue(
              VCT,
              CLAIMS,
              SD,
              holderKey,
              new StatusReference(4711, "https://roc.example/status/1"),
              NOW.plus(Duration.ofDays(365)));
      SdJwt sdJwt = SdJwt.parse(issued);
      String text = new String(sdJwt.issuerSigned().payload(), StandardCharsets.UTF_8);
      String expectedEnd =
          "],\"iss\":\"https://roc.example\",\"iat\":"
              + NOW.getEpochSecond()
              + ",\"exp\":"
              + NOW.plus(Duration.ofDays(365)).getEpochSecond()
              + ",\"vct\":\""
              + VCT
              + "\",\"cnf\":{\"jwk\":"
              + new String(Json.write(EcPublicJwk.toJwk(holderKey)), StandardCharsets.UTF_8)
              + "},\"status\":{\"status_list\":{\"idx\":4711,"
              + "\"uri\":\"https://roc.example/status/1\"}},\"title\":\"Lassen MIG/MAG\",\"_sd_alg\":\"sha-256\"}";
      assertTrue(text.startsWith("{\"_sd\":["), text);
      assertEquals(expectedEnd, text.substring(text.indexOf("],")));
      assertEquals(EcPublicJwk.toJwk(holderKey), sdJwt.issuerPayload().get("cnf").get("jwk"));
      assertEquals(holderKey.getW(), EcPublicJwk.fromJwk(EcPublicJwk.toJwk(holderKey)).getW());
    }
  }

  /** Without holder key, status, expiry or disclosable claims, only iss, iat and vct lead. */
  @Test
  void issue_minimal_onlyTheRequiredIssuerClaims() throws Exception {
    String issued = ISSUER_VC.issue(VCT, json("{\"title\":\"t\"}"), Set.of(), null, null, null);
    String text = new String(SdJwt.parse(issued).issuerSigned().payload(), StandardCharsets.UTF_8);
    assertEquals(
        "{\"iss\":\"https://roc.example\",\"iat\":"
            + NOW.getEpochSecond()
            + ",\"vct\":\""
            + VCT
            + "\",\"title\":\"t\",\"_sd_alg\":\"sha-256\"}",
        text);
  }

  /** A holder key on another curve is refused by name, and the next issuance is unaffected. */
  @Test
  void issue_holderKeyNotP256_refusedAndNextIssuanceWhole() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", CryptoProvider.get());
    g.initialize(new ECGenParameterSpec("secp384r1"));
    ECPublicKey p384 = (ECPublicKey) g.generateKeyPair().getPublic();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ISSUER_VC.issue(VCT, CLAIMS, SD, p384, null, null));
    assertEquals("holder key is not a P-256 key", e.getMessage());
    SdJwt sdJwt = SdJwt.parse(issue());
    assertTrue(
        VERIFIER_NO_KB.verify(sdJwt, ISSUER.getPublic()).isVerified(),
        "the issuance after the refused one verifies");
  }

  private static KeyPair bouncyCastleP256() {
    try {
      KeyPairGenerator g =
          KeyPairGenerator.getInstance("EC", CryptoProvider.of(CryptoProvider.Kind.BOUNCY_CASTLE));
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void issue_withX5c_headerCarriesChain() throws Exception {
    SdJwtVcIssuer i =
        SdJwtVcIssuer.builder(ISSUER_SIGNER, "https://roc.example")
            .x5c(List.of("MIIBxTCCAWug"))
            .clock(CLOCK)
            .build();
    SdJwt sdJwt = SdJwt.parse(i.issue(VCT, CLAIMS, SD, null, null, null));
    assertEquals(List.of("MIIBxTCCAWug"), sdJwt.issuerSigned().x5c());
    assertFalse(sdJwt.issuerSigned().hasHeader("kid"));
  }

  @Test
  void issue_reservedClaimOrPath_rejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ISSUER_VC.issue(VCT, json("{\"iss\":\"x\"}"), Set.of(), null, null, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> ISSUER_VC.issue(VCT, json("{\"vct\":\"x\"}"), Set.of(), null, null, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> ISSUER_VC.issue(VCT, CLAIMS, Set.of(ClaimPath.of("vct")), null, null, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> ISSUER_VC.issue("", CLAIMS, Set.of(), null, null, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> ISSUER_VC.issue(VCT, CLAIMS, Set.of(), null, null, NOW));
  }

  @Test
  void verify_presentSubsetWithKeyBinding_verified() throws Exception {
    SdJwt p = present(issue(), Set.of(ClaimPath.of("learner", "family_name")), AUD, NONCE, NOW);
    SdJwtVcVerification v = VERIFIER.verify(p, ISSUER.getPublic());
    assertTrue(v.isVerified(), v.failures().toString());
    VerifiedSdJwtVc c = v.verified();
    assertEquals(VCT, c.vct());
    assertEquals("https://roc.example", c.issuer());
    assertEquals(NOW, c.issuedAt());
    assertEquals(NOW.plus(Duration.ofDays(365)), c.expiresAt().orElseThrow());
    assertEquals(
        new StatusReference(4711, "https://roc.example/status/1"), c.status().orElseThrow());
    assertEquals(HOLDER.getPublic(), c.holderKey().orElseThrow());
    assertTrue(c.keyBindingVerified());
    assertEquals(
        json("{\"given_name\":\"Sanne\",\"family_name\":\"de Vries\"}"), c.claims().get("learner"));
    assertFalse(c.claims().has("ects"));
    assertEquals(
        List.of(List.of("learner"), List.of("learner", "family_name")), c.disclosedPaths());
    assertTrue(c.undisclosedDigestCount() >= 2);
  }

  @Test
  void verify_allDisclosedWithoutKeyBinding_verifiedWhenNotRequired() throws Exception {
    SdJwtVcVerification v = VERIFIER_NO_KB.verify(SdJwt.parse(issue()), ISSUER.getPublic());
    assertTrue(v.isVerified(), v.failures().toString());
    assertEquals(3, v.verified().claims().get("ects").intValue());
    assertFalse(v.verified().keyBindingVerified());
  }

  @Test
  void verify_withoutKeyBindingWhenRequired_missing() throws Exception {
    assertEquals(
        List.of("key_binding.missing"),
        codes(VERIFIER.verify(SdJwt.parse(issue()), ISSUER.getPublic())));
  }

  @Test
  void verify_tamperedIssuerPayload_signatureInvalid() throws Exception {
    String issued = issue();
    String[] jws = issued.substring(0, issued.indexOf('~')).split("\\.");
    ObjectNode payload = decode(jws[1]);
    payload.put("title", "Lassen (master)");
    String forged =
        jws[0]
            + "."
            + Base64Url.encode(Json.write(payload))
            + "."
            + jws[2]
            + issued.substring(issued.indexOf('~'));
    assertEquals(
        List.of("signature.invalid"),
        codes(VERIFIER_NO_KB.verify(SdJwt.parse(forged), ISSUER.getPublic())));
  }

  @Test
  void verify_tamperedSignature_signatureInvalid() throws Exception {
    String issued = issue();
    int dot = issued.lastIndexOf('.', issued.indexOf('~'));
    char c = issued.charAt(dot + 5);
    String forged =
        issued.substring(0, dot + 5) + (c == 'A' ? 'B' : 'A') + issued.substring(dot + 6);
    assertEquals(
        List.of("signature.invalid"),
        codes(VERIFIER_NO_KB.verify(SdJwt.parse(forged), ISSUER.getPublic())));
  }

  @Test
  void verify_replacedDisclosure_unreferenced() throws Exception {
    SdJwt issued = SdJwt.parse(issue());
    nl.leerbewijs.core.sdjwt.Disclosure fake =
        nl.leerbewijs.core.sdjwt.Disclosure.create(
            "AAAAAAAAAAAAAAAAAAAAAA",
            "ects",
            json("{\"v\":30}").get("v"),
            nl.leerbewijs.core.sdjwt.DisclosureFormat.COMPACT);
    String text = issued.issuerSigned().compact() + "~" + fake.encoded() + "~";
    assertEquals(
        List.of("digests.unreferenced_disclosure"),
        codes(VERIFIER_NO_KB.verify(SdJwt.parse(text), ISSUER.getPublic())));
  }

  @Test
  void verify_tamperedKeyBindingPayload_badSignature() throws Exception {
    SdJwt p = present(issue(), Set.of(), AUD, NONCE, NOW);
    String kb = p.keyBinding().orElseThrow().compact();
    String[] parts = kb.split("\\.");
    ObjectNode claims = decode(parts[1]);
    claims.put("nonce", "other");
    String forged =
        p.withoutKeyBinding()
            + parts[0]
            + "."
            + Base64Url.encode(Json.write(claims))
            + "."
            + parts[2];
    SdJwtVcVerification v =
        VERIFIER.toBuilder()
            .expectedNonce("other")
            .build()
            .verify(SdJwt.parse(forged), ISSUER.getPublic());
    assertEquals(List.of("key_binding.bad_signature"), codes(v));
  }

  @Test
  void verify_wrongTyp_rejected() throws Exception {
    SdJwtIssuer plain = SdJwtIssuer.builder(ISSUER_SIGNER).build();
    ObjectNode claims =
        json(
            "{\"iss\":\"https://roc.example\",\"iat\":"
                + NOW.getEpochSecond()
                + ",\"vct\":\""
                + VCT
                + "\"}");
    String t = plain.issue(ISSUER_SIGNER.header("JWT"), claims, Set.of());
    assertEquals(
        List.of("structure.wrong_typ"),
        codes(VERIFIER_NO_KB.verify(SdJwt.parse(t), ISSUER.getPublic())));
  }

  @Test
  void verify_legacyTyp_onlyWhenAccepted() throws Exception {
    SdJwtIssuer plain = SdJwtIssuer.builder(ISSUER_SIGNER).build();
    ObjectNode claims =
        json(
            "{\"iss\":\"https://roc.example\",\"iat\":"
                + NOW.getEpochSecond()
                + ",\"vct\":\""
                + VCT
                + "\"}");
    SdJwt t = SdJwt.parse(plain.issue(ISSUER_SIGNER.header("vc+sd-jwt"), claims, Set.of()));
    assertEquals(
        List.of("structure.wrong_typ"), codes(VERIFIER_NO_KB.verify(t, ISSUER.getPublic())));
    assertTrue(
        VERIFIER_NO_KB.toBuilder()
            .acceptLegacyTyp(true)
            .build()
            .verify(t, ISSUER.getPublic())
            .isVerified());
  }

  @Test
  void verify_missingVct_rejected() throws Exception {
    SdJwtIssuer plain = SdJwtIssuer.builder(ISSUER_SIGNER).build();
    ObjectNode claims =
        json("{\"iss\":\"https://roc.example\",\"iat\":" + NOW.getEpochSecond() + "}");
    SdJwt t = SdJwt.parse(plain.issue(ISSUER_SIGNER.header("dc+sd-jwt"), claims, Set.of()));
    assertEquals(
        List.of("structure.missing_claim"), codes(VERIFIER_NO_KB.verify(t, ISSUER.getPublic())));
  }

  @Test
  void verify_vctSelectivelyDisclosed_rejected() throws Exception {
    SdJwtIssuer plain = SdJwtIssuer.builder(ISSUER_SIGNER).build();
    ObjectNode claims =
        json(
            "{\"iss\":\"https://roc.example\",\"iat\":"
                + NOW.getEpochSecond()
                + ",\"vct\":\""
                + VCT
                + "\"}");
    SdJwt t =
        SdJwt.parse(
            plain.issue(ISSUER_SIGNER.header("dc+sd-jwt"), claims, Set.of(ClaimPath.of("vct"))));
    assertEquals(
        List.of("structure.missing_claim", "structure.claim_disclosed"),
        codes(VERIFIER_NO_KB.verify(t, ISSUER.getPublic())));
  }

  @Test
  void verify_expSelectivelyDisclosed_claimDisclosed() throws Exception {
    SdJwtIssuer plain = SdJwtIssuer.builder(ISSUER_SIGNER).build();
    long exp = NOW.plus(Duration.ofDays(1)).getEpochSecond();
    ObjectNode claims =
        json(
            "{\"iss\":\"https://roc.example\",\"iat\":"
                + NOW.getEpochSecond()
                + ",\"vct\":\""
                + VCT
                + "\",\"exp\":"
                + exp
                + "}");
    SdJwt t =
        SdJwt.parse(
            plain.issue(ISSUER_SIGNER.header("dc+sd-jwt"), claims, Set.of(ClaimPath.of("exp"))));
    assertEquals(
        List.of("structure.claim_disclosed"), codes(VERIFIER_NO_KB.verify(t, ISSUER.getPublic())));
  }

  @Test
  void verify_expired_validityExpired() throws Exception {
    SdJwtVcIssuer past =
        SdJwtVcIssuer.builder(ISSUER_SIGNER, "https://roc.example")
            .clock(Clock.fixed(NOW.minus(Duration.ofDays(400)), ZoneOffset.UTC))
            .build();
    String t = past.issue(VCT, CLAIMS, SD, null, null, NOW.minus(Duration.ofDays(35)));
    assertEquals(
        List.of("validity.expired"),
        codes(VERIFIER_NO_KB.verify(SdJwt.parse(t), ISSUER.getPublic())));
  }

  @Test
  void verify_nbfInFuture_notYetValid() throws Exception {
    String t =
        ISSUER_VC.issue(
            VCT,
            json("{\"nbf\":" + NOW.plus(Duration.ofDays(2)).getEpochSecond() + "}"),
            Set.of(),
            null,
            null,
            null);
    assertEquals(
        List.of("validity.not_yet_valid"),
        codes(VERIFIER_NO_KB.verify(SdJwt.parse(t), ISSUER.getPublic())));
  }

  @Test
  void verify_iatInFuture_issuedInFuture() throws Exception {
    SdJwtVcIssuer future =
        SdJwtVcIssuer.builder(ISSUER_SIGNER, "https://roc.example")
            .clock(Clock.fixed(NOW.plus(Duration.ofHours(2)), ZoneOffset.UTC))
            .build();
    String t = future.issue(VCT, CLAIMS, SD, null, null, null);
    assertEquals(
        List.of("validity.issued_in_future"),
        codes(VERIFIER_NO_KB.verify(SdJwt.parse(t), ISSUER.getPublic())));
  }

  @Test
  void verify_keyBindingWrongNonce_nonceMismatch() throws Exception {
    SdJwt p = present(issue(), Set.of(), AUD, "old-nonce", NOW);
    assertEquals(
        List.of("key_binding.nonce_mismatch"), codes(VERIFIER.verify(p, ISSUER.getPublic())));
  }

  @Test
  void verify_keyBindingWrongAudience_audMismatch() throws Exception {
    SdJwt p = present(issue(), Set.of(), "https://other.example", NONCE, NOW);
    assertEquals(
        List.of("key_binding.aud_mismatch"), codes(VERIFIER.verify(p, ISSUER.getPublic())));
  }

  @Test
  void verify_keyBindingTooOld_iatOutOfWindow() throws Exception {
    SdJwt p = present(issue(), Set.of(), AUD, NONCE, NOW.minus(Duration.ofMinutes(20)));
    assertEquals(
        List.of("key_binding.iat_out_of_window"), codes(VERIFIER.verify(p, ISSUER.getPublic())));
  }

  @Test
  void verify_keyBindingByOtherHolder_badSignature() throws Exception {
    SdJwt selected = SdJwtPresenter.select(SdJwt.parse(issue()), Set.of());
    SdJwt p =
        SdJwt.parse(
            SdJwtPresenter.withKeyBinding(
                selected, TestSupport.signer(TestSupport.p256()), AUD, NONCE, NOW));
    assertEquals(
        List.of("key_binding.bad_signature"), codes(VERIFIER.verify(p, ISSUER.getPublic())));
  }

  @Test
  void verify_keyBindingRequiredNoCnf_missingCnf() throws Exception {
    String t = ISSUER_VC.issue(VCT, CLAIMS, SD, null, null, null);
    SdJwt p =
        SdJwt.parse(
            SdJwtPresenter.withKeyBinding(
                SdJwt.parse(t), TestSupport.signer(HOLDER), AUD, NONCE, NOW));
    assertEquals(List.of("key_binding.missing_cnf"), codes(VERIFIER.verify(p, ISSUER.getPublic())));
  }

  @Test
  void verify_attackerKeyInJwkHeader_signatureInvalid() throws Exception {
    // A token signed by an attacker who names his own key in the header ('jwk', 'jku', 'x5u'):
    // the verifier only ever uses the key the caller resolved for the issuer.
    KeyPair attacker = TestSupport.p256();
    JwsSigner attackerSigner = TestSupport.signer(attacker);
    ObjectNode header = attackerSigner.header("dc+sd-jwt");
    header.set("jwk", EcPublicJwk.toJwk((ECPublicKey) attacker.getPublic()));
    header.put("jku", "https://attacker.example/jwks");
    header.put("x5u", "https://attacker.example/cert.pem");
    header.put("kid", "key-1");
    ObjectNode claims =
        json(
            "{\"iss\":\"https://roc.example\",\"iat\":"
                + NOW.getEpochSecond()
                + ",\"vct\":\""
                + VCT
                + "\"}");
    SdJwt t =
        SdJwt.parse(SdJwtIssuer.builder(attackerSigner).build().issue(header, claims, Set.of()));
    assertEquals(List.of("signature.invalid"), codes(VERIFIER_NO_KB.verify(t, ISSUER.getPublic())));
  }

  @Test
  void verify_malformedStatus_invalidClaim() throws Exception {
    SdJwtIssuer plain = SdJwtIssuer.builder(ISSUER_SIGNER).build();
    for (String status :
        List.of(
            "\"x\"",
            "{}",
            "{\"status_list\":{\"idx\":-1,\"uri\":\"https://s\"}}",
            "{\"status_list\":{\"idx\":1.5,\"uri\":\"https://s\"}}",
            "{\"status_list\":{\"idx\":\"1\",\"uri\":\"https://s\"}}",
            "{\"status_list\":{\"idx\":1}}")) {
      ObjectNode claims =
          json(
              "{\"iss\":\"https://roc.example\",\"iat\":"
                  + NOW.getEpochSecond()
                  + ",\"vct\":\""
                  + VCT
                  + "\",\"status\":"
                  + status
                  + "}");
      SdJwt t = SdJwt.parse(plain.issue(ISSUER_SIGNER.header("dc+sd-jwt"), claims, Set.of()));
      assertEquals(
          List.of("structure.invalid_claim"),
          codes(VERIFIER_NO_KB.verify(t, ISSUER.getPublic())),
          status);
    }
  }

  @Test
  void verify_rfcAppendixA3PresentationAsSdJwtVc_verified() throws Exception {
    SdJwt p = SdJwt.parse(TestSupport.compactVector("appendix-a.3-presentation.txt"));
    SdJwtVcVerification v =
        SdJwtVcVerifier.builder()
            .clock(Clock.fixed(Instant.ofEpochSecond(1748454300L), ZoneOffset.UTC))
            .expectedAudience("https://verifier.example.org")
            .expectedNonce("1234567890")
            .build()
            .verify(p, TestSupport.rfcIssuerKey());
    assertTrue(v.isVerified(), v.failures().toString());
    assertEquals("urn:eudi:pid:de:1", v.verified().vct());
    assertEquals("https://pid-issuer.bund.de.example", v.verified().issuer());
  }
}
