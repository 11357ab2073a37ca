package nl.leerbewijs.core.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.core.issuance.CredentialIssuer;
import nl.leerbewijs.core.jose.JwsAlgorithm;
import nl.leerbewijs.core.jose.JwsSigner;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.core.keys.IssuerKey;
import nl.leerbewijs.core.qr.QrPayloadCodec;
import nl.leerbewijs.core.schema.CredentialValidator;
import nl.leerbewijs.core.sdjwt.ClaimPath;
import nl.leerbewijs.core.sdjwt.SdJwt;
import nl.leerbewijs.core.sdjwt.SdJwtPresenter;
import nl.leerbewijs.core.status.Status;
import nl.leerbewijs.core.status.StatusList;
import nl.leerbewijs.core.status.StatusListToken;
import nl.leerbewijs.core.trust.IssuerIdentifiers;
import nl.leerbewijs.core.trust.MutableClock;
import nl.leerbewijs.core.trust.TrustList;
import nl.leerbewijs.core.trust.TrustedIssuer;
import nl.leerbewijs.core.vc.SdJwtVcIssuer;
import nl.leerbewijs.core.vc.StatusReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine end to end, in process: real keys, real signatures, a real signed status list token
 * (the fetcher is the only stand-in: core has no HTTP, the verifier module tests that part).
 */
class VerificationEngineTest {

  static final String ISS = "https://issuer.leerbewijs.test/t/hs";
  static final String STATUS_URI = ISS + "/status/1";
  static final Instant NOW = Instant.parse("2026-06-30T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  KeyPair issuerKeys = EcKeys.generateP256();
  KeyPair holderKeys = EcKeys.generateP256();
  String kid = EcKeys.thumbprint((ECPublicKey) issuerKeys.getPublic());
  JwsSigner issuerSigner = new JwsSigner(issuerKeys.getPrivate(), JwsAlgorithm.ES256);
  StatusList statusList = new StatusList(1024, 2);
  AtomicInteger fetches = new AtomicInteger();
  StatusListFetcher fetcher;
  TrustList trustList;

  @BeforeEach
  void setUp() {
    trustList = TrustList.of("test", List.of(trusted(ISS, issuerKeys, List.of("microcredential"))));
    fetcher =
        uri -> {
          fetches.incrementAndGet();
          return statusToken(issuerSigner, kid);
        };
  }

  static TrustedIssuer trusted(String iss, KeyPair keys, List<String> types) {
    return new TrustedIssuer(
        iss,
        Map.of("nl", "Hogeschool Test", "en", "Test University"),
        IssuerIdentifiers.NONE,
        types,
        List.of(IssuerKey.of((ECPublicKey) keys.getPublic())),
        List.of(),
        List.of(iss + "/status/"));
  }

  String statusToken(JwsSigner signer, String signerKid) {
    return StatusListToken.builder(STATUS_URI, statusList)
        .keyId(signerKid)
        .issuer(ISS)
        .issuedAt(NOW.minusSeconds(60))
        .expiresAt(NOW.plus(Duration.ofDays(1)))
        .ttl(Duration.ofMinutes(10))
        .sign(signer);
  }

  static ObjectNode award(String name) throws IOException {
    try (InputStream in =
        VerificationEngineTest.class.getResourceAsStream("/leerbewijs/examples/valid/" + name)) {
      return (ObjectNode) Json.parse(in.readAllBytes());
    }
  }

  String issue(ObjectNode claims, Instant exp) {
    return issue(claims, exp, CLOCK);
  }

  String issue(ObjectNode claims, Instant exp, Clock issuedAt) {
    SdJwtVcIssuer vc = SdJwtVcIssuer.builder(issuerSigner, ISS).kid(kid).clock(issuedAt).build();
    return new CredentialIssuer(vc)
        .issue(
            CredentialType.MICROCREDENTIAL,
            claims,
            (ECPublicKey) holderKeys.getPublic(),
            new StatusReference(7, STATUS_URI),
            exp);
  }

  String credential() throws Exception {
    return issue(
        CredentialIssuer.prepare(
            new CredentialValidator(),
            CredentialType.MICROCREDENTIAL,
            award("microcredential-data-analyse-python.json")),
        null);
  }

  String present(String credential, String nonce) throws Exception {
    SdJwt selected =
        SdJwtPresenter.select(
            SdJwt.parse(credential),
            Set.of(ClaimPath.of("learner"), ClaimPath.of("skills", ClaimPath.ALL_ELEMENTS)));
    return SdJwtPresenter.withKeyBinding(
        selected,
        new JwsSigner(holderKeys.getPrivate(), JwsAlgorithm.ES256),
        "https://verifier.example",
        nonce,
        NOW.minusSeconds(5));
  }

  VerificationEngine engine() {
    return VerificationEngine.builder(trustList)
        .clock(CLOCK)
        .statusSource(TrustedStatusSource.builder(fetcher).clock(CLOCK).build())
        .build();
  }

  @Test
  void verify_validPresentation_validWithDisclosedClaims() throws Exception {
    VerificationReport r = engine().verify(present(credential(), "n-1"));
    assertEquals(Verdict.VALID, r.verdict(), () -> r.toJson().toPrettyString());
    for (CheckResult c : r.checks()) {
      assertEquals(Outcome.PASS, c.outcome(), c.toString());
    }
    DisclosedCredential d = r.credential().orElseThrow();
    assertEquals("microcredential", d.typeId());
    assertEquals("Hogeschool Test", d.issuerName());
    ObjectNode claims = d.claims();
    assertEquals("Fatima", claims.at("/learner/given_name").asText());
    assertEquals(6, claims.get("eqf").asInt());
    assertEquals(5, claims.get("skills").size());
    assertTrue(claims.at("/learner/birthdate").isMissingNode(), "birthdate not disclosed");
    assertTrue(claims.path("description").isMissingNode(), "description not disclosed");
    assertFalse(claims.has("cnf"));
    assertTrue(d.disclosedPaths().contains("/learner"));
    assertTrue(d.undisclosedCount() >= 4, "birthdate, student_id, description, outcomes hidden");
  }

  @Test
  void toJsonBytes_sameBytesAsWritingToJson_andReportUnchanged() throws Exception {
    VerificationReport r = engine().verify(present(credential(), "n-1"));
    byte[] before = nl.leerbewijs.core.json.Json.write(r.toJson());
    assertArrayEquals(before, r.toJsonBytes());
    r.toJson().withObject("/credential/claims").put("title", "changed by a caller");
    assertArrayEquals(before, r.toJsonBytes(), "toJson hands out a copy");
  }

  @Test
  void verify_qrPayload_sameAsText() throws Exception {
    String presentation = present(credential(), "n-1");
    VerificationReport r = engine().verify("  " + QrPayloadCodec.encode(presentation) + "\n");
    assertEquals(Verdict.VALID, r.verdict());
  }

  @Test
  void verify_revoked_revoked() throws Exception {
    statusList.set(7, Status.INVALID);
    VerificationReport r = engine().verify(present(credential(), "n"));
    assertEquals(Verdict.REVOKED, r.verdict());
    assertEquals(StatusCodes.REVOKED, r.check(Check.STATUS).code());
    assertTrue(r.credential().isPresent(), "the content is still shown, under a red verdict");
  }

  @Test
  void verify_suspended_suspended() throws Exception {
    statusList.set(7, Status.SUSPENDED);
    assertEquals(Verdict.SUSPENDED, engine().verify(present(credential(), "n")).verdict());
  }

  @Test
  void verify_statusListCachedForTtl_fetchedOnce() throws Exception {
    VerificationEngine e = engine();
    String p = present(credential(), "n");
    e.verify(p);
    e.verify(p);
    e.verify(p);
    assertEquals(1, fetches.get());
  }

  @Test
  void verifyWithoutFetching_statusListNotHeld_emptyAndNothingFetched() throws Exception {
    VerificationEngine e = engine();
    String p = present(credential(), "n");
    assertTrue(e.verifyWithoutFetching(p, null).isEmpty());
    assertEquals(0, fetches.get(), "the caller hands it to a thread that may fetch");
  }

  @Test
  void verifyWithoutFetching_statusListHeld_theReportVerifyGives() throws Exception {
    statusList.set(7, Status.INVALID);
    VerificationEngine e = engine();
    String p = present(credential(), "n-1");
    VerificationReport fetched = e.verify(p);
    VerificationReport held = e.verifyWithoutFetching(p, null).orElseThrow();
    assertEquals(Verdict.REVOKED, held.verdict());
    assertEquals(fetched.toJson(), held.toJson());
    assertEquals(
        e.verify(p, "n-2").toJson(), e.verifyWithoutFetching(p, "n-2").orElseThrow().toJson());
    assertEquals(Verdict.INVALID, e.verifyWithoutFetching(p, "n-2").orElseThrow().verdict());
    assertEquals(1, fetches.get());
  }

  @Test
  void verifyWithoutFetching_listPastItsTtl_emptyUntilFetchedAgain() throws Exception {
    MutableClock moving = new MutableClock(NOW);
    VerificationEngine e =
        VerificationEngine.builder(trustList)
            .clock(moving)
            .maxKeyBindingAge(Duration.ofHours(2))
            .statusSource(TrustedStatusSource.builder(fetcher).clock(moving).build())
            .build();
    String p = present(credential(), "n");
    assertEquals(Verdict.VALID, e.verify(p).verdict());
    assertTrue(e.verifyWithoutFetching(p, null).isPresent());
    moving.advance(Duration.ofMinutes(11)); // past the 10 minute ttl
    assertTrue(e.verifyWithoutFetching(p, null).isEmpty());
    assertEquals(Verdict.VALID, e.verify(p).verdict());
    assertTrue(e.verifyWithoutFetching(p, null).isPresent());
    assertEquals(2, fetches.get());
  }

  @Test
  void verifyWithoutFetching_noStatusNeeded_reportAtOnce() throws Exception {
    VerificationEngine e = engine();
    assertEquals(
        Verdict.MALFORMED,
        e.verifyWithoutFetching("not a presentation", null).orElseThrow().verdict());
    String p = present(credential(), "n");
    trustList = TrustList.of("empty", List.of());
    assertEquals(
        Verdict.UNTRUSTED_ISSUER, engine().verifyWithoutFetching(p, null).orElseThrow().verdict());
    assertEquals(0, fetches.get());
  }

  @Test
  void verify_statusListUnreachable_statusUnknown() throws Exception {
    fetcher =
        uri -> {
          throw new IOException("connection refused");
        };
    VerificationReport r = engine().verify(present(credential(), "n"));
    assertEquals(Verdict.STATUS_UNKNOWN, r.verdict());
    assertEquals(StatusCodes.UNAVAILABLE, r.check(Check.STATUS).code());
  }

  @Test
  void verify_statusListSignedBySomeoneElse_statusUnknown() throws Exception {
    KeyPair other = EcKeys.generateP256();
    fetcher =
        uri ->
            statusToken(
                new JwsSigner(other.getPrivate(), JwsAlgorithm.ES256),
                EcKeys.thumbprint((ECPublicKey) other.getPublic()));
    VerificationReport r = engine().verify(present(credential(), "n"));
    assertEquals(Verdict.STATUS_UNKNOWN, r.verdict());
    assertTrue(r.check(Check.STATUS).message().contains("status.untrusted_signer"));
  }

  @Test
  void verify_statusListForgedWithIssuerKid_statusUnknown() throws Exception {
    KeyPair other = EcKeys.generateP256();
    fetcher = uri -> statusToken(new JwsSigner(other.getPrivate(), JwsAlgorithm.ES256), kid);
    VerificationReport r = engine().verify(present(credential(), "n"));
    assertEquals(Verdict.STATUS_UNKNOWN, r.verdict());
    assertTrue(r.check(Check.STATUS).message().contains("status.bad_signature"));
  }

  @Test
  void verify_statusUriOutsideIssuer_notFetched() throws Exception {
    ObjectNode claims =
        CredentialIssuer.prepare(
            new CredentialValidator(),
            CredentialType.MICROCREDENTIAL,
            award("microcredential-data-analyse-python.json"));
    String cred =
        new CredentialIssuer(SdJwtVcIssuer.builder(issuerSigner, ISS).kid(kid).clock(CLOCK).build())
            .issue(
                CredentialType.MICROCREDENTIAL,
                claims,
                (ECPublicKey) holderKeys.getPublic(),
                new StatusReference(7, "http://169.254.169.254/latest/meta-data"),
                null);
    VerificationReport r = engine().verify(present(cred, "n"));
    assertEquals(Verdict.STATUS_UNKNOWN, r.verdict());
    assertEquals(0, fetches.get(), "no request to an address outside the issuer's");
  }

  @Test
  void verify_offlineModeWithStaleList_usesLastGoodList() throws Exception {
    MutableClock moving = new MutableClock(NOW);
    boolean[] down = {false};
    StatusListFetcher f =
        uri -> {
          if (down[0]) {
            throw new IOException("unreachable");
          }
          return statusToken(issuerSigner, kid);
        };
    VerificationEngine e =
        VerificationEngine.builder(trustList)
            .clock(moving)
            .maxKeyBindingAge(Duration.ofHours(2))
            .statusSource(TrustedStatusSource.builder(f).clock(moving).offlineMode(true).build())
            .build();
    String p = present(credential(), "n");
    assertEquals(Verdict.VALID, e.verify(p).verdict());
    down[0] = true;
    moving.advance(Duration.ofMinutes(30)); // past the 10 minute ttl
    VerificationReport r = e.verify(p);
    assertEquals(Verdict.STATUS_UNKNOWN, r.verdict());
    assertTrue(r.check(Check.STATUS).message().contains("older list"));
  }

  /**
   * While one verification fetches the successor of an expired list, others are answered from the
   * old list within the grace instead of waiting on that fetch; past the grace they wait.
   */
  @Test
  void verify_listExpiredWhileAnotherThreadRefreshes_othersUseTheOldListWithinTheGrace()
      throws Exception {
    MutableClock moving = new MutableClock(NOW);
    java.util.concurrent.Semaphore entered = new java.util.concurrent.Semaphore(0);
    java.util.concurrent.Semaphore release = new java.util.concurrent.Semaphore(0);
    StatusListFetcher slow =
        uri -> {
          if (fetches.incrementAndGet() > 1) {
            entered.release();
            release.acquireUninterruptibly();
          }
          return statusToken(issuerSigner, kid);
        };
    VerificationEngine e =
        VerificationEngine.builder(trustList)
            .clock(moving)
            .maxKeyBindingAge(Duration.ofHours(2))
            .statusSource(
                TrustedStatusSource.builder(slow)
                    .clock(moving)
                    .refreshGrace(Duration.ofSeconds(10))
                    .build())
            .build();
    String p = present(credential(), "n");
    assertEquals(Verdict.VALID, e.verify(p).verdict());
    statusList.set(7, Status.INVALID); // the next list says revoked

    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      moving.advance(Duration.ofMinutes(10).plusSeconds(5)); // past the ttl, within the grace
      java.util.concurrent.Future<VerificationReport> refresher = pool.submit(() -> e.verify(p));
      entered.acquire();
      VerificationReport meanwhile =
          org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
              Duration.ofSeconds(10), () -> e.verify(p), "waited for the other thread's fetch");
      assertEquals(Verdict.VALID, meanwhile.verdict(), "answered from the old list");
      assertEquals(2, fetches.get());
      release.release();
      assertEquals(
          Verdict.REVOKED, refresher.get(10, java.util.concurrent.TimeUnit.SECONDS).verdict());
      assertEquals(Verdict.REVOKED, e.verify(p).verdict(), "the new list is cached");

      moving.advance(Duration.ofMinutes(20)); // past the new list's ttl and the grace
      refresher = pool.submit(() -> e.verify(p));
      entered.acquire();
      java.util.concurrent.Future<VerificationReport> late = pool.submit(() -> e.verify(p));
      Thread.sleep(300);
      assertFalse(late.isDone(), "past the grace a verification waits for the fresh list");
      release.release();
      assertEquals(
          Verdict.REVOKED, refresher.get(10, java.util.concurrent.TimeUnit.SECONDS).verdict());
      assertEquals(Verdict.REVOKED, late.get(10, java.util.concurrent.TimeUnit.SECONDS).verdict());
      assertEquals(3, fetches.get(), "the waiting verification used the list just fetched");
    } finally {
      release.release(10);
      pool.shutdownNow();
    }
  }

  @Test
  void verify_tamperedDisclosure_invalid() throws Exception {
    String p = present(credential(), "n");
    String[] parts = p.split("~", -1);
    // Replace the first disclosure with one the issuer never signed.
    parts[1] =
        nl.leerbewijs.core.json.Base64Url.encode(
            "[\"c2FsdHNhbHRzYWx0\",\"learner\",{\"given_name\":\"Eve\",\"family_name\":\"X\"}]"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    VerificationReport r = engine().verify(String.join("~", parts));
    assertEquals(Verdict.INVALID, r.verdict());
    assertEquals(Outcome.FAIL, r.check(Check.DIGESTS).outcome());
  }

  @Test
  void verify_signedByUnknownIssuer_untrustedIssuer() throws Exception {
    trustList = TrustList.of("empty", List.of());
    VerificationReport r = engine().verify(present(credential(), "n"));
    assertEquals(Verdict.UNTRUSTED_ISSUER, r.verdict());
    assertEquals("trusted_issuer.unknown_issuer", r.check(Check.TRUSTED_ISSUER).code());
    assertEquals(Outcome.SKIPPED, r.check(Check.SIGNATURE).outcome());
  }

  @Test
  void verify_issuerKeyNotPinned_untrustedIssuer() throws Exception {
    trustList =
        TrustList.of(
            "other key", List.of(trusted(ISS, EcKeys.generateP256(), List.of("microcredential"))));
    VerificationReport r = engine().verify(present(credential(), "n"));
    assertEquals(Verdict.UNTRUSTED_ISSUER, r.verdict());
    assertEquals("trusted_issuer.unknown_key", r.check(Check.TRUSTED_ISSUER).code());
  }

  @Test
  void verify_typeNotAllowedForIssuer_untrustedIssuer() throws Exception {
    trustList =
        TrustList.of("mbo only", List.of(trusted(ISS, issuerKeys, List.of("mbo-certificaat"))));
    VerificationReport r = engine().verify(present(credential(), "n"));
    assertEquals(Verdict.UNTRUSTED_ISSUER, r.verdict());
    assertEquals("trusted_issuer.type_not_allowed", r.check(Check.TRUSTED_ISSUER).code());
  }

  @Test
  void verify_expired_expired() throws Exception {
    ObjectNode claims =
        CredentialIssuer.prepare(
            new CredentialValidator(),
            CredentialType.MICROCREDENTIAL,
            award("microcredential-data-analyse-python.json"));
    VerificationReport r =
        engine()
            .verify(
                present(
                    issue(
                        claims,
                        NOW.minus(Duration.ofDays(1)),
                        Clock.fixed(NOW.minus(Duration.ofDays(400)), ZoneOffset.UTC)),
                    "n"));
    assertEquals(Verdict.EXPIRED, r.verdict());
    assertEquals("validity.expired", r.check(Check.VALIDITY).code());
  }

  @Test
  void verify_wrongNonce_invalid() throws Exception {
    VerificationEngine e =
        VerificationEngine.builder(trustList)
            .clock(CLOCK)
            .statusSource(TrustedStatusSource.builder(fetcher).clock(CLOCK).build())
            .build();
    VerificationReport r = e.verify(present(credential(), "replayed"), "fresh-nonce");
    assertEquals(Verdict.INVALID, r.verdict());
    assertEquals("key_binding.nonce_mismatch", r.check(Check.KEY_BINDING).code());
  }

  @Test
  void verify_wrongAudience_invalid() throws Exception {
    VerificationEngine e =
        VerificationEngine.builder(trustList)
            .clock(CLOCK)
            .expectedAudience("https://other-verifier.example")
            .build();
    assertEquals(
        "key_binding.aud_mismatch",
        e.verify(present(credential(), "n")).check(Check.KEY_BINDING).code());
  }

  @Test
  void verify_withoutKeyBinding_validWithWarning() throws Exception {
    String noKb = SdJwt.parse(credential()).withoutKeyBinding();
    VerificationReport r = engine().verify(noKb);
    assertEquals(Verdict.VALID, r.verdict());
    assertEquals(Outcome.WARN, r.check(Check.KEY_BINDING).outcome());
    VerificationEngine strict =
        VerificationEngine.builder(trustList).clock(CLOCK).keyBindingRequired(true).build();
    assertEquals(Verdict.INVALID, strict.verify(noKb).verdict());
  }

  @Test
  void verify_trustedIssuerSignsBadEcts_schemaFails() throws Exception {
    ObjectNode claims =
        CredentialIssuer.prepare(
            new CredentialValidator(),
            CredentialType.MICROCREDENTIAL,
            award("microcredential-data-analyse-python.json"));
    claims.put("ects", 45);
    VerificationReport r = engine().verify(present(issue(claims, null), "n"));
    assertEquals(Verdict.INVALID, r.verdict());
    assertEquals("domain.ects_range", r.check(Check.SCHEMA).code());
  }

  @Test
  void verify_hostileInputs_malformedNeverThrows() throws Exception {
    String valid = present(credential(), "n");
    Random random = new Random(42);
    VerificationEngine e = engine();
    for (String s :
        List.of(
            "",
            "   ",
            "hello",
            "~~~~",
            "LB1:",
            "LB1:!!!!",
            "a.b.c~",
            valid.substring(0, valid.length() / 2),
            "x".repeat(2_000_000))) {
      assertEquals(Verdict.MALFORMED, e.verify(s).verdict(), s.length() > 40 ? "long" : s);
    }
    for (int i = 0; i < 300; i++) {
      char[] c = valid.toCharArray();
      c[random.nextInt(c.length)] = (char) (' ' + random.nextInt(95));
      VerificationReport r = e.verify(new String(c));
      assertNotNull(r.verdict());
    }
    assertEquals(Optional.empty(), e.verify("nope").credential());
  }
}
