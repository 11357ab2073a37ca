package nl.leerbewijs.core.sdjwt;

import static nl.leerbewijs.core.sdjwt.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.leerbewijs.core.jose.JwsSigner;
import org.junit.jupiter.api.Test;

/** Issuance with nested and array paths, then holder selection with parents kept. */
class SdJwtIssuerPresenterTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final KeyPair ISSUER = TestSupport.p256();
  private static final SdJwtVerifier VERIFIER =
      SdJwtVerifier.builder()
          .clock(Clock.fixed(NOW, ZoneOffset.UTC))
          .keyBindingRequired(false)
          .build();

  private static final ObjectNode CLAIMS =
      json(
          "{\"iss\":\"https://school.example\",\"title\":\"Lasser\","
              + "\"learner\":{\"name\":\"Jan\",\"birthdate\":\"2001-02-03\"},"
              + "\"skills\":[{\"name\":\"TIG\",\"level\":3},{\"name\":\"MIG\",\"level\":2}],"
              + "\"tags\":[\"a\",\"b\"]}");

  private static final Set<List<Object>> PATHS =
      Set.of(
          ClaimPath.of("learner"),
          ClaimPath.of("learner", "birthdate"),
          ClaimPath.of("skills", ClaimPath.ALL_ELEMENTS),
          ClaimPath.of("skills", ClaimPath.ALL_ELEMENTS, "level"),
          ClaimPath.of("tags", 1),
          ClaimPath.of("title"));

  private static SdJwtIssuer issuer(int minDecoys, int maxDecoys) {
    return SdJwtIssuer.builder(TestSupport.signer(ISSUER)).decoys(minDecoys, maxDecoys).build();
  }

  private static SdJwt issue() throws Exception {
    return SdJwt.parse(
        issuer(0, 2).issue(TestSupport.signer(ISSUER).header("example+sd-jwt"), CLAIMS, PATHS));
  }

  private static Set<List<Object>> paths(VerifiedSdJwt v) {
    Set<List<Object>> out = new HashSet<>();
    v.disclosedClaims().forEach(c -> out.add(c.path()));
    return out;
  }

  @Test
  void issue_thenVerifyAll_claimsRoundTrip() throws Exception {
    SdJwt sdJwt = issue();
    assertEquals(1 + 1 + 2 + 2 + 1 + 1, sdJwt.disclosures().size());
    SdJwtVerification v = VERIFIER.verify(sdJwt, ISSUER.getPublic());
    assertTrue(v.isVerified(), v.failures().toString());
    assertEquals(CLAIMS, v.verified().claims());
  }

  @Test
  void issue_payload_hidesSelectiveClaimsAndSortsDigests() throws Exception {
    ObjectNode payload = issue().issuerPayload();
    assertFalse(payload.has("title"));
    assertFalse(payload.has("learner"));
    assertEquals("https://school.example", payload.get("iss").textValue());
    assertEquals("sha-256", payload.get("_sd_alg").textValue());
    List<String> sd = new ArrayList<>();
    payload.get("_sd").forEach(d -> sd.add(d.textValue()));
    List<String> sorted = new ArrayList<>(sd);
    sorted.sort(null);
    assertEquals(sorted, sd);
    assertTrue(sd.size() >= 2 && sd.size() <= 4, "2 claims plus 0-2 decoys");
    assertEquals("a", payload.get("tags").get(0).textValue());
    assertTrue(payload.get("tags").get(1).has("..."));
  }

  @Test
  void issue_decoys_countedAsUndisclosed() throws Exception {
    SdJwtIssuer withDecoys = issuer(3, 3);
    SdJwt sdJwt =
        SdJwt.parse(
            withDecoys.issue(
                TestSupport.signer(ISSUER).header(null),
                json("{\"a\":1}"),
                Set.of(ClaimPath.of("a"))));
    assertEquals(4, sdJwt.issuerPayload().get("_sd").size());
    VerifiedSdJwt v = VERIFIER.verify(sdJwt, ISSUER.getPublic()).verified();
    assertEquals(3, v.undisclosedDigestCount());
  }

  @Test
  void issue_salts_random128BitAndUnique() throws Exception {
    Set<String> salts = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      for (Disclosure d : issue().disclosures()) {
        assertEquals(22, d.salt().length());
        assertTrue(salts.add(d.salt()));
      }
    }
  }

  @Test
  void issue_compactFormat_noWhitespaceInDisclosures() throws Exception {
    for (Disclosure d : issue().disclosures()) {
      String json =
          new String(
              nl.leerbewijs.core.json.Base64Url.decode(d.encoded()),
              java.nio.charset.StandardCharsets.UTF_8);
      assertFalse(json.contains(", "), json.replaceAll("\"[^\"]*\"", "\"_\""));
    }
  }

  @Test
  void issue_reservedClaimName_rejected() {
    SdJwtIssuer i = issuer(0, 0);
    assertThrows(IllegalArgumentException.class, () -> i.encode(json("{\"_sd\":[]}"), Set.of()));
    assertThrows(
        IllegalArgumentException.class, () -> i.encode(json("{\"a\":{\"...\":1}}"), Set.of()));
    assertThrows(
        IllegalArgumentException.class, () -> i.encode(json("{\"_sd_alg\":\"x\"}"), Set.of()));
  }

  /**
   * A reserved name is refused wherever it sits: in plain claims, inside a disclosed object, inside
   * a disclosed array element, inside a nested disclosure; and the message names it.
   */
  @Test
  void issue_reservedNameAnywhere_rejectedWithItsName() {
    SdJwtIssuer i = issuer(0, 2);
    String[] claims = {
      "{\"a\":{\"b\":{\"_sd\":1}}}",
      "{\"a\":[1,{\"...\":\"x\"}]}",
      "{\"a\":[[{\"b\":{\"...\":2}}]]}",
      "{\"...\":{\"c\":1},\"a\":{\"b\":1}}"
    };
    List<Set<List<Object>>> plans =
        List.of(
            Set.of(),
            Set.of(ClaimPath.of("a")),
            Set.of(ClaimPath.of("a", ClaimPath.ALL_ELEMENTS)),
            Set.of(ClaimPath.of("a"), ClaimPath.of("a", "b")),
            Set.of(ClaimPath.of("a"), ClaimPath.of("a", ClaimPath.ALL_ELEMENTS)));
    for (String c : claims) {
      for (Set<List<Object>> paths : plans) {
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> i.encode(json(c), paths), c);
        assertTrue(
            e.getMessage().contains("'_sd'") || e.getMessage().contains("'...'"), e.getMessage());
      }
    }
  }

  /**
   * An issuance that fails halfway (here in the caller's leading claims, as an SD-JWT VC's holder
   * key on the wrong curve does) gives back the pooled writers it had filled in part; the next
   * issuances on the thread take them again and must come out whole.
   */
  @Test
  void issue_afterAFailureHalfway_nextIssuanceIsWhole() throws Exception {
    JwsSigner signer = TestSupport.signer(ISSUER);
    SdJwtIssuer.LeadingClaims failing =
        out -> {
          out.name("lead").string("written before the failure");
          throw new IllegalArgumentException("holder key is not a P-256 key");
        };
    for (int round = 0; round < 40; round++) {
      assertThrows(
          IllegalArgumentException.class,
          () ->
              issuer(2, 2)
                  .issue(
                      signer.prepare(signer.header(null)),
                      failing,
                      CLAIMS,
                      DisclosurePlan.of(PATHS)));
      SdJwt good = SdJwt.parse(issuer(0, 2).issue(signer.header(null), CLAIMS, PATHS));
      SdJwtVerification v = VERIFIER.verify(good, ISSUER.getPublic());
      assertTrue(v.isVerified(), v.failures().toString());
      assertEquals(CLAIMS, v.verified().claims());
    }
  }

  @Test
  void issue_malformedPath_rejected() {
    SdJwtIssuer i = issuer(0, 0);
    assertThrows(IllegalArgumentException.class, () -> i.encode(CLAIMS, Set.of(List.of())));
    assertThrows(IllegalArgumentException.class, () -> i.encode(CLAIMS, Set.of(List.of(-1))));
    assertThrows(IllegalArgumentException.class, () -> i.encode(CLAIMS, Set.of(List.of(1.5))));
  }

  @Test
  void issue_pathMatchingNothing_ignored() {
    SdJwtIssuer.Encoded e =
        issuer(0, 0)
            .encode(json("{\"a\":1}"), Set.of(ClaimPath.of("missing"), ClaimPath.of("a", "x")));
    assertEquals(json("{\"a\":1,\"_sd_alg\":\"sha-256\"}"), e.payload());
  }

  @Test
  void select_nestedClaim_keepsParentAutomatically() throws Exception {
    SdJwt p = SdJwtPresenter.select(issue(), Set.of(ClaimPath.of("learner", "birthdate")));
    VerifiedSdJwt v = VERIFIER.verify(p, ISSUER.getPublic()).verified();
    assertEquals(Set.of(List.of("learner"), List.of("learner", "birthdate")), paths(v));
    assertEquals(
        json("{\"birthdate\":\"2001-02-03\",\"name\":\"Jan\"}"), v.claims().get("learner"));
    assertFalse(v.claims().has("title"));
  }

  @Test
  void select_parentOnly_keepsNestedDisclosuresHidden() throws Exception {
    // Disclosing the learner (the name) must not also disclose the birth date nested inside it.
    SdJwt p = SdJwtPresenter.select(issue(), Set.of(ClaimPath.of("learner")));
    VerifiedSdJwt v = VERIFIER.verify(p, ISSUER.getPublic()).verified();
    assertEquals(json("{\"name\":\"Jan\"}"), v.claims().get("learner"));
  }

  @Test
  void select_plainArray_selectsEachElementButNotWhatIsNestedInside() throws Exception {
    SdJwt p = SdJwtPresenter.select(issue(), Set.of(ClaimPath.of("skills")));
    VerifiedSdJwt v = VERIFIER.verify(p, ISSUER.getPublic()).verified();
    assertEquals(
        json("{\"s\":[{\"name\":\"TIG\"},{\"name\":\"MIG\"}]}").get("s"), v.claims().get("skills"));
  }

  @Test
  void select_parentAndNested_includesBoth() throws Exception {
    SdJwt p =
        SdJwtPresenter.select(
            issue(),
            Set.of(
                ClaimPath.of("skills"),
                ClaimPath.of("skills", ClaimPath.ALL_ELEMENTS, "level"),
                ClaimPath.of("learner", "birthdate")));
    VerifiedSdJwt v = VERIFIER.verify(p, ISSUER.getPublic()).verified();
    assertEquals(CLAIMS.get("skills"), v.claims().get("skills"));
    assertEquals(CLAIMS.get("learner"), v.claims().get("learner"));
  }

  @Test
  void select_oneArrayElement_otherRemoved() throws Exception {
    SdJwt p = SdJwtPresenter.select(issue(), Set.of(ClaimPath.of("skills", 1, "name")));
    VerifiedSdJwt v = VERIFIER.verify(p, ISSUER.getPublic()).verified();
    JsonNode skills = v.claims().get("skills");
    assertEquals(1, skills.size());
    assertEquals(json("{\"name\":\"MIG\"}"), skills.get(0));
  }

  @Test
  void select_nothing_onlyPlainClaims() throws Exception {
    SdJwt p = SdJwtPresenter.select(issue(), Set.of());
    assertEquals(0, p.disclosures().size());
    VerifiedSdJwt v = VERIFIER.verify(p, ISSUER.getPublic()).verified();
    assertEquals(
        json("{\"iss\":\"https://school.example\",\"skills\":[],\"tags\":[\"a\"]}"), v.claims());
  }

  @Test
  void selectAll_keepsEveryDisclosureWithoutKeyBinding() throws Exception {
    SdJwt all = issue();
    assertEquals(all.serialize(), SdJwtPresenter.selectAll(all).serialize());
  }

  @Test
  void withKeyBinding_sdHashOverPresentedText_verifies() throws Exception {
    KeyPair holder = TestSupport.p256();
    ObjectNode claims = CLAIMS.deepCopy();
    claims
        .putObject("cnf")
        .set("jwk", EcPublicJwk.toJwk((java.security.interfaces.ECPublicKey) holder.getPublic()));
    SdJwt issued =
        SdJwt.parse(issuer(1, 1).issue(TestSupport.signer(ISSUER).header(null), claims, PATHS));
    SdJwt selected = SdJwtPresenter.select(issued, Set.of(ClaimPath.of("title")));
    String presented =
        SdJwtPresenter.withKeyBinding(
            selected, TestSupport.signer(holder), "aud-1", "nonce-1", NOW);
    SdJwt parsed = SdJwt.parse(presented);
    assertEquals(selected.serialize(), parsed.withoutKeyBinding());
    SdJwtVerification v =
        VERIFIER.toBuilder()
            .keyBindingRequired(true)
            .expectedAudience("aud-1")
            .expectedNonce("nonce-1")
            .build()
            .verify(parsed, ISSUER.getPublic());
    assertTrue(v.isVerified(), v.failures().toString());
    assertEquals("Lasser", v.verified().claims().get("title").textValue());
    assertThrows(
        IllegalArgumentException.class,
        () -> SdJwtPresenter.withKeyBinding(parsed, TestSupport.signer(holder), "a", "n", NOW));
  }

  @Test
  void disclosedClaims_fullCredential_pathsOfEveryDisclosure() throws Exception {
    Set<List<Object>> paths = new HashSet<>();
    SdJwtPresenter.disclosedClaims(issue()).forEach(c -> paths.add(c.path()));
    assertEquals(
        Set.of(
            List.of("title"),
            List.of("learner"),
            List.of("learner", "birthdate"),
            List.of("skills", 0),
            List.of("skills", 0, "level"),
            List.of("skills", 1),
            List.of("skills", 1, "level"),
            List.of("tags", 1)),
        paths);
  }

  @Test
  void claimPath_parse_dotsAndWildcards() {
    assertEquals(ClaimPath.of("skills", null, "name"), ClaimPath.parse("skills.*.name"));
    assertThrows(IllegalArgumentException.class, () -> ClaimPath.parse("a..b"));
    assertNotEquals(ClaimPath.of("a"), ClaimPath.of("a", null));
  }
}
