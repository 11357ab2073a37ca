package nl.leerbewijs.core.sdjwt;

import static nl.leerbewijs.core.sdjwt.TestSupport.compactVector;
import static nl.leerbewijs.core.sdjwt.TestSupport.jsonVector;
import static nl.leerbewijs.core.sdjwt.TestSupport.rfcIssuerKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.json.Utf8JsonWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replays the examples of RFC 9901 (files under vectors/rfc9901, see its README). */
class Rfc9901VectorsTest {

  /** Between the examples' iat (1683000000) and exp (1883000000). */
  private static final Clock RFC_TIME =
      Clock.fixed(Instant.ofEpochSecond(1748454271L + 30), ZoneOffset.UTC);

  private static final SdJwtVerifier NO_KB =
      SdJwtVerifier.builder().clock(RFC_TIME).keyBindingRequired(false).build();

  private static final SdJwtVerifier KB =
      SdJwtVerifier.builder()
          .clock(RFC_TIME)
          .expectedAudience("https://verifier.example.org")
          .expectedNonce("1234567890")
          .build();

  /** Every digest string in a payload: _sd entries and "..." values, recursively. */
  private static Set<String> digestsIn(JsonNode node, Set<String> out) {
    if (node.isObject()) {
      JsonNode sd = node.get(SdJwtNames.SD);
      if (sd != null) {
        sd.forEach(d -> out.add(d.textValue()));
      }
      JsonNode dots = node.get(SdJwtNames.ARRAY_ELEMENT_DIGEST);
      if (dots != null) {
        out.add(dots.textValue());
      }
      node.forEach(v -> digestsIn(v, out));
    } else if (node.isArray()) {
      node.forEach(v -> digestsIn(v, out));
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "section-5.1-sd-jwt.txt",
        "appendix-a.1-presentation.txt",
        "appendix-a.2-presentation.txt",
        "appendix-a.3-sd-jwt.txt",
        "appendix-a.3-presentation.txt",
        "appendix-a.4-sd-jwt.txt",
        "appendix-a.4-presentation.txt"
      })
  void parse_rfcExample_everyDisclosureDigestIsInPayloadOrAnotherDisclosure(String file)
      throws Exception {
    SdJwt sdJwt = SdJwt.parse(compactVector(file));
    Set<String> digests = digestsIn(sdJwt.issuerPayload(), new HashSet<>());
    for (Disclosure d : sdJwt.disclosures()) {
      digestsIn(d.value(), digests);
    }
    for (Disclosure d : sdJwt.disclosures()) {
      assertTrue(digests.contains(d.digest()), d + " digest not referenced");
    }
  }

  @Test
  void disclosure_section4_2_1Example_digestAsInRfc() throws Exception {
    // RFC 9901 section 5.1: the given_name disclosure and its SHA-256 digest.
    Disclosure d =
        Disclosure.parse("WyIyR0xDNDJzS1F2ZUNmR2ZyeU5STjl3IiwgImdpdmVuX25hbWUiLCAiSm9obiJd", "d");
    assertEquals("2GLC42sKQveCfGfryNRN9w", d.salt());
    assertEquals("given_name", d.claimName().orElseThrow());
    assertEquals("John", d.value().textValue());
    assertEquals("jsu9yVulwQQlhFlM_3JlzMaSFzglhQG0DpfayQwLUK4", d.digest());
  }

  @Test
  void verify_section5_1AllDisclosures_processedClaimsAsInRfc() throws Exception {
    SdJwtVerification v =
        NO_KB.verify(SdJwt.parse(compactVector("section-5.1-sd-jwt.txt")), rfcIssuerKey());
    assertTrue(v.isVerified(), v.failures().toString());
    assertEquals(jsonVector("section-5.1-processed.json"), v.verified().claims());
    assertEquals(10, v.verified().disclosedClaims().size());
    assertEquals(0, v.verified().undisclosedDigestCount());
    assertTrue(v.verified().holderKey().isPresent());
  }

  @Test
  void verify_appendixA1Presentation_processedClaimsAsInRfc() throws Exception {
    SdJwtVerification v =
        NO_KB.verify(SdJwt.parse(compactVector("appendix-a.1-presentation.txt")), rfcIssuerKey());
    assertTrue(v.isVerified(), v.failures().toString());
    assertEquals(jsonVector("appendix-a.1-processed.json"), v.verified().claims());
    assertEquals(14, v.verified().undisclosedDigestCount());
  }

  @Test
  void verify_appendixA2Presentation_processedClaimsAsInRfc() throws Exception {
    SdJwtVerification v =
        NO_KB.verify(SdJwt.parse(compactVector("appendix-a.2-presentation.txt")), rfcIssuerKey());
    assertTrue(v.isVerified(), v.failures().toString());
    assertEquals(jsonVector("appendix-a.2-processed.json"), v.verified().claims());
    List<List<Object>> paths = new ArrayList<>();
    v.verified().disclosedClaims().forEach(c -> paths.add(c.path()));
    assertTrue(paths.contains(List.of("verified_claims", "verification", "evidence", 0)));
    assertTrue(paths.contains(List.of("verified_claims", "verification", "evidence", 0, "method")));
  }

  @Test
  void verify_appendixA3Issuance_processedClaimsAsInRfc() throws Exception {
    SdJwtVerification v =
        NO_KB.verify(SdJwt.parse(compactVector("appendix-a.3-sd-jwt.txt")), rfcIssuerKey());
    assertTrue(v.isVerified(), v.failures().toString());
    assertEquals(jsonVector("appendix-a.3-processed.json"), v.verified().claims());
  }

  @Test
  void verify_appendixA3PresentationWithKeyBinding_verified() throws Exception {
    SdJwt p = SdJwt.parse(compactVector("appendix-a.3-presentation.txt"));
    SdJwtVerification v = KB.verify(p, rfcIssuerKey());
    assertTrue(v.isVerified(), v.failures().toString());
    assertTrue(v.verified().keyBindingVerified());
    assertEquals(jsonVector("appendix-a.3-presentation-processed.json"), v.verified().claims());
  }

  @Test
  void verify_appendixA4PresentationWithKeyBinding_verified() throws Exception {
    SdJwt p = SdJwt.parse(compactVector("appendix-a.4-presentation.txt"));
    SdJwtVerification v = KB.verify(p, rfcIssuerKey());
    assertTrue(v.isVerified(), v.failures().toString());
    ObjectNode claims = v.verified().claims();
    assertEquals("3/3", claims.at("/credentialSubject/order").textValue());
    assertEquals("J07BX03", claims.at("/credentialSubject/vaccine/atcCode").textValue());
    assertFalse(
        claims.at("/credentialSubject").has("recipient")
            && claims.at("/credentialSubject/recipient").has("givenName"));
  }

  @Test
  void verify_appendixA4Issuance_verified() throws Exception {
    SdJwtVerification v =
        NO_KB.verify(SdJwt.parse(compactVector("appendix-a.4-sd-jwt.txt")), rfcIssuerKey());
    assertTrue(v.isVerified(), v.failures().toString());
    assertEquals(
        "Marion", v.verified().claims().at("/credentialSubject/recipient/givenName").textValue());
  }

  @Test
  void verify_appendixA3PresentationWrongNonce_nonceMismatch() throws Exception {
    SdJwt p = SdJwt.parse(compactVector("appendix-a.3-presentation.txt"));
    SdJwtVerification v = KB.toBuilder().expectedNonce("other").build().verify(p, rfcIssuerKey());
    assertEquals(List.of("key_binding.nonce_mismatch"), codes(v));
  }

  @Test
  void verify_section5_1OtherIssuerKey_signatureInvalid() throws Exception {
    SdJwtVerification v =
        NO_KB.verify(
            SdJwt.parse(compactVector("section-5.1-sd-jwt.txt")), TestSupport.p256().getPublic());
    assertEquals(List.of("signature.invalid"), codes(v));
  }

  @Test
  void issue_section5_1WithRfcSalts_disclosuresByteForByte() throws Exception {
    SdJwt rfc = SdJwt.parse(compactVector("section-5.1-sd-jwt.txt"));
    Set<List<Object>> paths = new HashSet<>();
    for (String name :
        List.of(
            "given_name",
            "family_name",
            "email",
            "phone_number",
            "phone_number_verified",
            "address",
            "birthdate",
            "updated_at")) {
      paths.add(ClaimPath.of(name));
    }
    paths.add(ClaimPath.of("nationalities", ClaimPath.ALL_ELEMENTS));
    SdJwtIssuer.Encoded encoded =
        replayIssuer(rfc).encode(jsonVector("section-5.1-user-claims.json"), paths);
    assertSameDisclosures(rfc, encoded);
    ObjectNode rfcPayload = rfc.issuerPayload();
    assertEquals(rfcPayload.get(SdJwtNames.SD), encoded.payload().get(SdJwtNames.SD));
    assertEquals(rfcPayload.get("nationalities"), encoded.payload().get("nationalities"));
    assertEquals(rfcPayload.get(SdJwtNames.SD_ALG), encoded.payload().get(SdJwtNames.SD_ALG));
  }

  @Test
  void issue_appendixA3WithRfcSalts_recursiveDisclosuresByteForByte() throws Exception {
    SdJwt rfc = SdJwt.parse(compactVector("appendix-a.3-sd-jwt.txt"));
    ObjectNode claims = jsonVector("appendix-a.3-user-claims.json");
    Set<List<Object>> paths = new HashSet<>();
    claims
        .fieldNames()
        .forEachRemaining(
            n -> {
              if (!n.equals("vct")) {
                paths.add(ClaimPath.of(n));
              }
            });
    for (String parent : List.of("address", "place_of_birth", "age_equal_or_over")) {
      claims.get(parent).fieldNames().forEachRemaining(n -> paths.add(ClaimPath.of(parent, n)));
    }
    SdJwtIssuer.Encoded encoded = replayIssuer(rfc).encode(claims, paths);
    assertSameDisclosures(rfc, encoded);
    assertEquals(rfc.issuerPayload().get(SdJwtNames.SD), encoded.payload().get(SdJwtNames.SD));
  }

  private static SdJwtIssuer replayIssuer(SdJwt rfc) {
    List<String> salts = new ArrayList<>();
    rfc.disclosures().forEach(d -> salts.add(d.salt()));
    return SdJwtIssuer.builder(TestSupport.signer(TestSupport.p256()))
        .saltSource(TestSupport.replay(salts))
        .decoys(0, 0)
        .disclosureFormat(DisclosureFormat.SPACED_ASCII)
        .build();
  }

  private static void assertSameDisclosures(SdJwt rfc, SdJwtIssuer.Encoded encoded) {
    assertEquals(rfc.disclosures().size(), encoded.disclosures().size());
    for (int i = 0; i < rfc.disclosures().size(); i++) {
      assertEquals(
          rfc.disclosures().get(i).encoded(),
          encoded.disclosures().get(i).encoded(),
          "disclosure #" + (i + 1));
    }
  }

  static List<String> codes(SdJwtVerification v) {
    List<String> out = new ArrayList<>();
    v.failures().forEach(f -> out.add(f.code()));
    return out;
  }

  @Test
  void write_spacedAscii_matchesPythonJsonDumps() {
    JsonNode n = Json.parse("{\"a\":[1,true,null,\"M\u00fcller\\n\"],\"b\":{}}");
    assertEquals(
        "{\"a\": [1, true, null, \"M\\u00fcller\\n\"], \"b\": {}}",
        Utf8JsonWriter.spacedAscii().value(n).asciiString());
  }
}
