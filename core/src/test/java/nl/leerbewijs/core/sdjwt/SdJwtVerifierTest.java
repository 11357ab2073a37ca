package nl.leerbewijs.core.sdjwt;

import static nl.leerbewijs.core.sdjwt.Rfc9901VectorsTest.codes;
import static nl.leerbewijs.core.sdjwt.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import nl.leerbewijs.core.jose.JwsSigner;
import nl.leerbewijs.core.json.Base64Url;
import nl.leerbewijs.core.json.Json;
import org.junit.jupiter.api.Test;

/** Every MUST of RFC 9901 section 7.1 and 7.3, each broken on purpose. */
class SdJwtVerifierTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final KeyPair ISSUER = TestSupport.p256();
  private static final KeyPair HOLDER = TestSupport.p256();
  private static final JwsSigner ISSUER_SIGNER = TestSupport.signer(ISSUER);
  private static final JwsSigner HOLDER_SIGNER = TestSupport.signer(HOLDER);

  private static final SdJwtVerifier NO_KB =
      SdJwtVerifier.builder()
          .clock(Clock.fixed(NOW, ZoneOffset.UTC))
          .keyBindingRequired(false)
          .build();

  private static final SdJwtVerifier KB =
      SdJwtVerifier.builder()
          .clock(Clock.fixed(NOW, ZoneOffset.UTC))
          .expectedAudience("https://verifier.example")
          .expectedNonce("n-123")
          .build();

  private static Disclosure prop(String name, String value) {
    return Disclosure.create(
        "salt-" + name, name, TextNode.valueOf(value), DisclosureFormat.COMPACT);
  }

  private static Disclosure element(String value) {
    return Disclosure.createArrayElement(
        "salt-" + value, TextNode.valueOf(value), DisclosureFormat.COMPACT);
  }

  /** Signs a payload template in which {D0}, {D1}... stand for the digests of the disclosures. */
  private static SdJwt token(String payloadTemplate, Disclosure... disclosures) throws Exception {
    String payload = payloadTemplate;
    for (int i = 0; i < disclosures.length; i++) {
      payload = payload.replace("{D" + i + "}", disclosures[i].digest());
    }
    StringBuilder b =
        new StringBuilder(
            ISSUER_SIGNER.sign(
                ISSUER_SIGNER.header("example+sd-jwt"), payload.getBytes(StandardCharsets.UTF_8)));
    b.append('~');
    for (Disclosure d : disclosures) {
      b.append(d.encoded()).append('~');
    }
    return SdJwt.parse(b.toString());
  }

  private static SdJwt withDisclosures(SdJwt base, Disclosure... disclosures) throws Exception {
    StringBuilder b = new StringBuilder(base.issuerSigned().compact()).append('~');
    for (Disclosure d : disclosures) {
      b.append(d.encoded()).append('~');
    }
    return SdJwt.parse(b.toString());
  }

  private static String cnf() {
    return "\"cnf\":{\"jwk\":"
        + Json.mapper()
            .valueToTree(
                EcPublicJwk.toJwk((java.security.interfaces.ECPublicKey) HOLDER.getPublic()))
        + "}";
  }

  private static SdJwt bound(SdJwt presentation, String aud, String nonce, Instant iat)
      throws Exception {
    return SdJwt.parse(SdJwtPresenter.withKeyBinding(presentation, HOLDER_SIGNER, aud, nonce, iat));
  }

  private static SdJwt boundOk() throws Exception {
    Disclosure a = prop("a", "1");
    return bound(
        token("{\"_sd\":[\"{D0}\"]," + cnf() + "}", a), "https://verifier.example", "n-123", NOW);
  }

  @Test
  void verify_wellFormed_verifiedWithProcessedClaims() throws Exception {
    Disclosure a = prop("a", "1");
    Disclosure e = element("x");
    SdJwtVerification v =
        NO_KB.verify(
            token(
                "{\"_sd\":[\"{D0}\"],\"arr\":[{\"...\":\"{D1}\"},\"plain\"],\"_sd_alg\":\"sha-256\"}",
                a,
                e),
            ISSUER.getPublic());
    assertTrue(v.isVerified(), v.failures().toString());
    assertEquals(json("{\"arr\":[\"x\",\"plain\"],\"a\":\"1\"}"), v.verified().claims());
    assertEquals(List.of("arr", 0), v.verified().disclosedClaims().get(0).path());
    assertEquals(e, v.verified().disclosedClaims().get(0).disclosure());
    assertEquals(List.of("a"), v.verified().disclosedClaims().get(1).path());
  }

  @Test
  void verify_undisclosedAndDecoyDigests_removedAndCounted() throws Exception {
    Disclosure a = prop("a", "1");
    Disclosure b = prop("b", "2");
    Disclosure e = element("x");
    SdJwt full =
        token("{\"_sd\":[\"{D0}\",\"{D1}\",\"decoy\"],\"arr\":[{\"...\":\"{D2}\"}]}", a, b, e);
    SdJwtVerification v = NO_KB.verify(withDisclosures(full, a), ISSUER.getPublic());
    assertTrue(v.isVerified(), v.failures().toString());
    assertEquals(json("{\"arr\":[],\"a\":\"1\"}"), v.verified().claims());
    assertEquals(3, v.verified().undisclosedDigestCount());
  }

  @Test
  void verify_unreferencedDisclosure_rejected() throws Exception {
    SdJwt t = token("{\"_sd\":[\"{D0}\"]}", prop("a", "1"));
    SdJwtVerification v =
        NO_KB.verify(withDisclosures(t, prop("a", "1"), prop("b", "2")), ISSUER.getPublic());
    assertEquals(List.of("digests.unreferenced_disclosure"), codes(v));
  }

  @Test
  void verify_nestedDisclosureWithoutParent_unreferenced() throws Exception {
    Disclosure child = prop("c", "1");
    Disclosure parent =
        Disclosure.create(
            "p",
            "parent",
            json("{\"_sd\":[\"" + child.digest() + "\"]}"),
            DisclosureFormat.COMPACT);
    SdJwt t = token("{\"_sd\":[\"{D0}\"]}", parent, child);
    assertTrue(NO_KB.verify(t, ISSUER.getPublic()).isVerified());
    SdJwtVerification v = NO_KB.verify(withDisclosures(t, child), ISSUER.getPublic());
    assertEquals(List.of("digests.unreferenced_disclosure"), codes(v));
  }

  @Test
  void verify_digestTwiceInSd_duplicateDigest() throws Exception {
    SdJwtVerification v =
        NO_KB.verify(token("{\"_sd\":[\"{D0}\",\"{D0}\"]}", prop("a", "1")), ISSUER.getPublic());
    assertEquals(List.of("digests.duplicate_digest"), codes(v));
  }

  @Test
  void verify_digestInSdAndInArray_duplicateDigest() throws Exception {
    Disclosure a = prop("a", "1");
    SdJwtVerification v =
        NO_KB.verify(
            token("{\"_sd\":[\"{D0}\"],\"arr\":[{\"...\":\"{D0}\"}]}", a), ISSUER.getPublic());
    assertTrue(codes(v).contains("digests.duplicate_digest"), codes(v).toString());
  }

  @Test
  void verify_undisclosedDigestRepeated_duplicateDigest() throws Exception {
    SdJwtVerification v =
        NO_KB.verify(
            token("{\"_sd\":[\"decoy\"],\"o\":{\"_sd\":[\"decoy\"]}}"), ISSUER.getPublic());
    assertEquals(List.of("digests.duplicate_digest"), codes(v));
  }

  @Test
  void verify_sameDisclosureTwice_duplicateDigest() throws Exception {
    Disclosure a = prop("a", "1");
    SdJwt t = token("{\"_sd\":[\"{D0}\"]}", a);
    SdJwtVerification v = NO_KB.verify(withDisclosures(t, a, a), ISSUER.getPublic());
    assertEquals(List.of("digests.duplicate_digest"), codes(v));
  }

  @Test
  void verify_disclosedNameExistsAsPlainClaim_claimConflict() throws Exception {
    SdJwtVerification v =
        NO_KB.verify(
            token("{\"_sd\":[\"{D0}\"],\"a\":\"plain\"}", prop("a", "1")), ISSUER.getPublic());
    assertEquals(List.of("digests.claim_conflict"), codes(v));
  }

  @Test
  void verify_twoDisclosuresSameName_claimConflict() throws Exception {
    Disclosure a1 = prop("a", "1");
    Disclosure a2 =
        Disclosure.create("other", "a", TextNode.valueOf("2"), DisclosureFormat.COMPACT);
    SdJwtVerification v =
        NO_KB.verify(token("{\"_sd\":[\"{D0}\",\"{D1}\"]}", a1, a2), ISSUER.getPublic());
    assertEquals(List.of("digests.claim_conflict"), codes(v));
  }

  @Test
  void verify_arrayElementDisclosureInSd_wrongShape() throws Exception {
    SdJwtVerification v =
        NO_KB.verify(token("{\"_sd\":[\"{D0}\"]}", element("x")), ISSUER.getPublic());
    assertEquals(List.of("digests.wrong_disclosure_shape"), codes(v));
  }

  @Test
  void verify_objectDisclosureInArray_wrongShape() throws Exception {
    SdJwtVerification v =
        NO_KB.verify(token("{\"arr\":[{\"...\":\"{D0}\"}]}", prop("a", "1")), ISSUER.getPublic());
    assertEquals(List.of("digests.wrong_disclosure_shape"), codes(v));
  }

  @Test
  void verify_sdNotArray_malformed() throws Exception {
    SdJwtVerification v = NO_KB.verify(token("{\"_sd\":\"x\"}"), ISSUER.getPublic());
    assertEquals(List.of("digests.malformed_sd"), codes(v));
  }

  @Test
  void verify_sdWithNonString_malformed() throws Exception {
    SdJwtVerification v = NO_KB.verify(token("{\"_sd\":[1]}"), ISSUER.getPublic());
    assertEquals(List.of("digests.malformed_sd"), codes(v));
  }

  @Test
  void verify_ellipsisNotString_malformed() throws Exception {
    SdJwtVerification v = NO_KB.verify(token("{\"arr\":[{\"...\":1}]}"), ISSUER.getPublic());
    assertEquals(List.of("digests.malformed_sd"), codes(v));
  }

  @Test
  void verify_unsupportedSdAlg_rejected() throws Exception {
    SdJwtVerification v =
        NO_KB.verify(
            token("{\"_sd\":[\"{D0}\"],\"_sd_alg\":\"sha-512\"}", prop("a", "1")),
            ISSUER.getPublic());
    assertEquals(List.of("digests.unsupported_sd_alg"), codes(v));
  }

  @Test
  void verify_deeplyNestedDisclosures_tooDeep() throws Exception {
    Disclosure[] chain = new Disclosure[DisclosureResolver.MAX_DEPTH + 10];
    Disclosure inner = prop("leaf", "x");
    chain[0] = inner;
    for (int i = 1; i < chain.length; i++) {
      chain[i] =
          Disclosure.create(
              "s" + i,
              "n",
              json("{\"_sd\":[\"" + chain[i - 1].digest() + "\"]}"),
              DisclosureFormat.COMPACT);
    }
    StringBuilder text =
        new StringBuilder(
            ISSUER_SIGNER.sign(
                ISSUER_SIGNER.header(null),
                ("{\"_sd\":[\"" + chain[chain.length - 1].digest() + "\"]}")
                    .getBytes(StandardCharsets.UTF_8)));
    text.append('~');
    for (Disclosure d : chain) {
      text.append(d.encoded()).append('~');
    }
    SdJwtVerification v = NO_KB.verify(SdJwt.parse(text.toString()), ISSUER.getPublic());
    assertTrue(codes(v).contains("structure.too_deep"), codes(v).toString());
  }

  @Test
  void verify_tamperedPayload_signatureInvalid() throws Exception {
    SdJwt t = token("{\"a\":1}");
    String[] parts = t.issuerSigned().compact().split("\\.");
    String forged =
        parts[0]
            + "."
            + Base64Url.encode("{\"a\":2}".getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2]
            + "~";
    assertEquals(
        List.of("signature.invalid"), codes(NO_KB.verify(SdJwt.parse(forged), ISSUER.getPublic())));
  }

  @Test
  void verify_otherIssuerKey_signatureInvalid() throws Exception {
    assertEquals(
        List.of("signature.invalid"),
        codes(NO_KB.verify(token("{\"a\":1}"), TestSupport.p256().getPublic())));
  }

  @Test
  void verify_algNone_algNotAllowed() throws Exception {
    String header = Base64Url.encode("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
    String payload = Base64Url.encode("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    SdJwt t = SdJwt.parse(header + "." + payload + ".~");
    assertEquals(List.of("signature.alg_not_allowed"), codes(NO_KB.verify(t, ISSUER.getPublic())));
  }

  @Test
  void verify_algHs256_algNotAllowed() throws Exception {
    String header = Base64Url.encode("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
    String payload = Base64Url.encode("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    SdJwt t = SdJwt.parse(header + "." + payload + "." + Base64Url.encode(new byte[32]) + "~");
    assertEquals(List.of("signature.alg_not_allowed"), codes(NO_KB.verify(t, ISSUER.getPublic())));
  }

  @Test
  void verify_expired_validityExpired() throws Exception {
    long exp = NOW.minus(Duration.ofMinutes(5)).getEpochSecond();
    assertEquals(
        List.of("validity.expired"),
        codes(NO_KB.verify(token("{\"exp\":" + exp + "}"), ISSUER.getPublic())));
  }

  @Test
  void verify_expiredWithinSkew_verified() throws Exception {
    long exp = NOW.minusSeconds(30).getEpochSecond();
    assertTrue(NO_KB.verify(token("{\"exp\":" + exp + "}"), ISSUER.getPublic()).isVerified());
  }

  @Test
  void verify_nbfInFuture_notYetValid() throws Exception {
    long nbf = NOW.plus(Duration.ofHours(1)).getEpochSecond();
    assertEquals(
        List.of("validity.not_yet_valid"),
        codes(NO_KB.verify(token("{\"nbf\":" + nbf + "}"), ISSUER.getPublic())));
  }

  @Test
  void verify_expNotNumber_invalidClaim() throws Exception {
    assertEquals(
        List.of("structure.invalid_claim"),
        codes(NO_KB.verify(token("{\"exp\":\"soon\"}"), ISSUER.getPublic())));
  }

  @Test
  void verify_keyBindingValid_verified() throws Exception {
    SdJwtVerification v = KB.verify(boundOk(), ISSUER.getPublic());
    assertTrue(v.isVerified(), v.failures().toString());
    assertTrue(v.verified().keyBindingVerified());
    assertEquals(HOLDER.getPublic(), v.verified().holderKey().orElseThrow());
  }

  @Test
  void verify_keyBindingRequiredButAbsent_missing() throws Exception {
    SdJwtVerification v = KB.verify(token("{" + cnf() + "}"), ISSUER.getPublic());
    assertEquals(List.of("key_binding.missing"), codes(v));
  }

  @Test
  void verify_keyBindingSignedByOtherKey_badSignature() throws Exception {
    SdJwt p = token("{" + cnf() + "}");
    SdJwt t =
        SdJwt.parse(
            SdJwtPresenter.withKeyBinding(
                p,
                TestSupport.signer(TestSupport.p256()),
                "https://verifier.example",
                "n-123",
                NOW));
    assertEquals(List.of("key_binding.bad_signature"), codes(KB.verify(t, ISSUER.getPublic())));
  }

  @Test
  void verify_disclosureDroppedAfterKeyBinding_sdHashMismatch() throws Exception {
    Disclosure a = prop("a", "1");
    Disclosure b = prop("b", "2");
    SdJwt t =
        bound(
            token("{\"_sd\":[\"{D0}\",\"{D1}\"]," + cnf() + "}", a, b),
            "https://verifier.example",
            "n-123",
            NOW);
    String text = t.serialize().replace(b.encoded() + "~", "");
    assertEquals(
        List.of("key_binding.sd_hash_mismatch"),
        codes(KB.verify(SdJwt.parse(text), ISSUER.getPublic())));
  }

  @Test
  void verify_keyBindingWrongAudience_audMismatch() throws Exception {
    SdJwt t = bound(token("{" + cnf() + "}"), "https://evil.example", "n-123", NOW);
    assertEquals(List.of("key_binding.aud_mismatch"), codes(KB.verify(t, ISSUER.getPublic())));
  }

  @Test
  void verify_keyBindingWrongNonce_nonceMismatch() throws Exception {
    SdJwt t = bound(token("{" + cnf() + "}"), "https://verifier.example", "replayed", NOW);
    assertEquals(List.of("key_binding.nonce_mismatch"), codes(KB.verify(t, ISSUER.getPublic())));
  }

  @Test
  void verify_keyBindingTooOld_iatOutOfWindow() throws Exception {
    SdJwt t =
        bound(
            token("{" + cnf() + "}"),
            "https://verifier.example",
            "n-123",
            NOW.minus(Duration.ofMinutes(30)));
    assertEquals(List.of("key_binding.iat_out_of_window"), codes(KB.verify(t, ISSUER.getPublic())));
  }

  @Test
  void verify_keyBindingFromFuture_iatOutOfWindow() throws Exception {
    SdJwt t =
        bound(
            token("{" + cnf() + "}"),
            "https://verifier.example",
            "n-123",
            NOW.plus(Duration.ofMinutes(10)));
    assertEquals(List.of("key_binding.iat_out_of_window"), codes(KB.verify(t, ISSUER.getPublic())));
  }

  @Test
  void verify_keyBindingWrongTyp_wrongTyp() throws Exception {
    SdJwt p = token("{" + cnf() + "}");
    ObjectNode claims = Json.object();
    claims.put("iat", NOW.getEpochSecond());
    claims.put("aud", "https://verifier.example");
    claims.put("nonce", "n-123");
    claims.put("sd_hash", Sha256.digest(p.withoutKeyBinding()));
    String kb = HOLDER_SIGNER.sign(HOLDER_SIGNER.header("JWT"), Json.write(claims));
    assertEquals(
        List.of("key_binding.wrong_typ"),
        codes(KB.verify(SdJwt.parse(p.withoutKeyBinding() + kb), ISSUER.getPublic())));
  }

  @Test
  void verify_keyBindingMissingSdHash_missingClaim() throws Exception {
    SdJwt p = token("{" + cnf() + "}");
    ObjectNode claims = Json.object();
    claims.put("iat", NOW.getEpochSecond());
    claims.put("aud", "https://verifier.example");
    claims.put("nonce", "n-123");
    String kb = HOLDER_SIGNER.sign(HOLDER_SIGNER.header("kb+jwt"), Json.write(claims));
    assertEquals(
        List.of("key_binding.missing_claim"),
        codes(KB.verify(SdJwt.parse(p.withoutKeyBinding() + kb), ISSUER.getPublic())));
  }

  @Test
  void verify_keyBindingRequiredNoCnf_missingCnf() throws Exception {
    SdJwt t = bound(token("{\"a\":1}"), "https://verifier.example", "n-123", NOW);
    assertEquals(List.of("key_binding.missing_cnf"), codes(KB.verify(t, ISSUER.getPublic())));
  }

  @Test
  void verify_cnfJwkWithPrivateKey_invalidCnf() throws Exception {
    ObjectNode jwk = EcPublicJwk.toJwk((java.security.interfaces.ECPublicKey) HOLDER.getPublic());
    jwk.put("d", "AAAA");
    SdJwt t =
        bound(token("{\"cnf\":{\"jwk\":" + jwk + "}}"), "https://verifier.example", "n-123", NOW);
    assertEquals(List.of("key_binding.invalid_cnf"), codes(KB.verify(t, ISSUER.getPublic())));
  }

  @Test
  void verify_cnfJwkPointNotOnCurve_invalidCnf() throws Exception {
    ObjectNode jwk = EcPublicJwk.toJwk((java.security.interfaces.ECPublicKey) HOLDER.getPublic());
    jwk.put("y", jwk.get("x").textValue());
    SdJwt t =
        bound(token("{\"cnf\":{\"jwk\":" + jwk + "}}"), "https://verifier.example", "n-123", NOW);
    assertEquals(List.of("key_binding.invalid_cnf"), codes(KB.verify(t, ISSUER.getPublic())));
  }

  @Test
  void verify_noKeyBindingCnfPointNotOnCurve_invalidCnf() throws Exception {
    // Without key binding the holder key is not imported, but it is still checked.
    ObjectNode jwk = EcPublicJwk.toJwk((java.security.interfaces.ECPublicKey) HOLDER.getPublic());
    jwk.put("y", jwk.get("x").textValue());
    SdJwt t = token("{\"cnf\":{\"jwk\":" + jwk + "}}");
    assertEquals(List.of("key_binding.invalid_cnf"), codes(NO_KB.verify(t, ISSUER.getPublic())));
  }

  @Test
  void verify_noKeyBindingValidCnf_holderKeyAvailable() throws Exception {
    java.security.interfaces.ECPublicKey holder =
        (java.security.interfaces.ECPublicKey) HOLDER.getPublic();
    SdJwt t = token("{\"cnf\":{\"jwk\":" + EcPublicJwk.toJwk(holder) + "}}");
    SdJwtVerification v = NO_KB.verify(t, ISSUER.getPublic());
    assertTrue(v.isVerified(), v.failures().toString());
    assertEquals(holder.getW(), v.verified().holderKey().orElseThrow().getW());
    assertFalse(v.verified().keyBindingVerified());
  }

  @Test
  void verify_keyBindingPresentButNotRequired_stillChecked() throws Exception {
    SdJwt t =
        bound(
            token("{" + cnf() + "}"),
            "https://verifier.example",
            "n-123",
            NOW.minus(Duration.ofDays(1)));
    assertEquals(
        List.of("key_binding.iat_out_of_window"), codes(NO_KB.verify(t, ISSUER.getPublic())));
  }

  @Test
  void verify_failureMessages_neverContainDisclosedValues() throws Exception {
    Disclosure secret = prop("bsn", "123456782");
    SdJwt t = token("{\"_sd\":[\"{D0}\"],\"bsn\":\"x\"}", secret);
    SdJwtVerification v = NO_KB.verify(t, ISSUER.getPublic());
    assertFalse(v.isVerified());
    for (SdJwtFailure f : v.failures()) {
      assertFalse(f.message().contains("123456782"), f.message());
      assertFalse(f.message().contains(secret.salt()), f.message());
    }
  }

  @Test
  void failure_codes_combineCheckAndReason() {
    SdJwtFailure f =
        new SdJwtFailure.KeyBinding(SdJwtFailure.KeyBinding.Reason.IAT_OUT_OF_WINDOW, "m");
    assertEquals("key_binding", f.check());
    assertEquals("key_binding.iat_out_of_window", f.code());
    assertEquals(
        Set.of("structure", "signature", "digests", "key_binding", "validity"),
        Set.of(
            new SdJwtFailure.Structure(SdJwtFailure.Structure.Reason.TOO_DEEP, "").check(),
            new SdJwtFailure.Signature(SdJwtFailure.Signature.Reason.INVALID, "").check(),
            new SdJwtFailure.Digests(SdJwtFailure.Digests.Reason.MALFORMED_SD, "").check(),
            f.check(),
            new SdJwtFailure.Validity(SdJwtFailure.Validity.Reason.EXPIRED, "").check()));
  }
}
