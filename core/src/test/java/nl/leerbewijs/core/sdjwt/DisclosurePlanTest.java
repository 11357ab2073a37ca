package nl.leerbewijs.core.sdjwt;

import static nl.leerbewijs.core.sdjwt.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.security.KeyPair;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.leerbewijs.core.jose.JwsSigner;
import nl.leerbewijs.core.json.Base64Url;
import nl.leerbewijs.core.json.Json;
import org.junit.jupiter.api.Test;

/** Compiled plans, issuance without copies and the hand-written disclosure JSON. */
class DisclosurePlanTest {

  private static final KeyPair ISSUER = TestSupport.p256();

  private static final Set<List<Object>> PATHS =
      Set.of(
          ClaimPath.of("learner"),
          ClaimPath.of("learner", "birthdate"),
          ClaimPath.of("skills", ClaimPath.ALL_ELEMENTS),
          ClaimPath.of("tags", 1));

  private static ObjectNode claims() {
    return json(
        "{\"iss\":\"https://school.example\",\"title\":\"Lasser \\\"TIG\\\"\\n\u00e9\","
            + "\"learner\":{\"name\":\"Jan\",\"birthdate\":\"2001-02-03\"},"
            + "\"skills\":[{\"name\":\"TIG\",\"level\":3},{\"name\":\"MIG\",\"level\":2.5}],"
            + "\"tags\":[\"a\",\"b\"]}");
  }

  /** A salt source replaying fixed salts. */
  private static SaltSource fixedSalts() {
    Deque<String> salts = new ArrayDeque<>();
    for (int i = 0; i < 100; i++) {
      salts.add("salt-" + i);
    }
    return salts::pop;
  }

  private static SdJwtIssuer issuer(JwsSigner signer) {
    return SdJwtIssuer.builder(signer).saltSource(fixedSalts()).decoys(0, 0).build();
  }

  @Test
  void of_malformedPath_rejected() {
    Set<List<Object>> bad = Set.of(List.of("a", -1));
    assertThrows(IllegalArgumentException.class, () -> DisclosurePlan.of(bad));
    assertThrows(IllegalArgumentException.class, () -> DisclosurePlan.of(Set.of(List.of())));
  }

  @Test
  void of_mutableInput_planUnaffectedByLaterChanges() {
    List<Object> path = new ArrayList<>(List.of("learner"));
    Set<List<Object>> paths = new HashSet<>();
    paths.add(path);
    DisclosurePlan plan = DisclosurePlan.of(paths);
    path.set(0, "title");
    paths.add(List.of("tags"));
    assertEquals(Set.of(List.of("learner")), plan.paths());
    assertThrows(UnsupportedOperationException.class, () -> plan.paths().clear());
  }

  @Test
  void issueWithPlan_sameAsWithPaths() throws Exception {
    JwsSigner signer = TestSupport.signer(ISSUER);
    SdJwt a = SdJwt.parse(issuer(signer).issue(signer.header("example+sd-jwt"), claims(), PATHS));
    SdJwt b =
        SdJwt.parse(
            issuer(signer)
                .issue(
                    signer.prepare(signer.header("example+sd-jwt")),
                    claims(),
                    DisclosurePlan.of(PATHS)));
    assertEquals(a.issuerPayload(), b.issuerPayload());
    assertEquals(a.disclosures(), b.disclosures());
    assertEquals(a.issuerSigned().encodedHeader(), b.issuerSigned().encodedHeader());
    SdJwtVerification v =
        SdJwtVerifier.builder().keyBindingRequired(false).build().verify(b, ISSUER.getPublic());
    assertTrue(v.isVerified(), v.failures().toString());
    assertEquals(claims(), v.verified().claims());
  }

  @Test
  void issue_claimsNotModified() {
    JwsSigner signer = TestSupport.signer(ISSUER);
    ObjectNode claims = claims();
    issuer(signer).issue(signer.prepare(signer.header(null)), claims, DisclosurePlan.of(PATHS));
    assertEquals(claims(), claims);
  }

  @Test
  void encode_resultSharesNothingWithClaims() {
    ObjectNode claims = claims();
    SdJwtIssuer.Encoded e =
        issuer(TestSupport.signer(ISSUER)).encode(claims, DisclosurePlan.of(PATHS));
    ((ObjectNode) claims.get("learner")).put("name", "Piet");
    ((ArrayNode) claims.get("skills")).removeAll();
    ((ObjectNode) claims).put("title", "changed");
    boolean sawJan = false;
    for (Disclosure d : e.disclosures()) {
      if (d.claimName().orElse("").equals("learner")) {
        assertEquals("Jan", d.value().get("name").textValue());
        sawJan = true;
      }
    }
    assertTrue(sawJan);
    assertEquals("Lasser \"TIG\"\n\u00e9", e.payload().get("title").textValue());
  }

  @Test
  void issue_reservedKeyDeepInClaims_rejected() {
    JwsSigner signer = TestSupport.signer(ISSUER);
    DisclosurePlan plan = DisclosurePlan.of(PATHS);
    for (String bad :
        List.of(
            "{\"a\":[{\"b\":{\"_sd\":[]}}]}",
            "{\"a\":[[{\"...\":\"x\"}]]}",
            "{\"_sd_alg\":\"sha-256\"}")) {
      assertThrows(
          IllegalArgumentException.class,
          () -> issuer(signer).issue(signer.prepare(signer.header(null)), json(bad), plan),
          bad);
    }
  }

  @Test
  void prepare_headerOfOtherSigner_rejected() {
    JwsSigner a = TestSupport.signer(ISSUER);
    JwsSigner b = TestSupport.signer(ISSUER);
    JwsSigner.PreparedHeader h = a.prepare(a.header(null));
    assertThrows(
        IllegalArgumentException.class,
        () -> issuer(b).issue(h, claims(), DisclosurePlan.of(PATHS)));
  }

  @Test
  void compactJson_sameBytesAsJackson() throws Exception {
    List<JsonNode> values =
        List.of(
            TextNode.valueOf("Jan"),
            TextNode.valueOf("\u00e9\"\\\n\u0001\ud83d\ude00"),
            json("{\"name\":\"TIG\",\"level\":3,\"x\":[1.5,null,true,{\"...\":\"d\"}]}"),
            Json.parse("[1E400, -0.0, 12345678901234567890]"));
    for (JsonNode value : values) {
      for (String name : Arrays.asList("given_name", "na\"me\u2028", null)) {
        ArrayNode array = Json.mapper().createArrayNode();
        array.add("salt\u0000\"");
        if (name != null) {
          array.add(name);
        }
        array.add(value);
        assertArrayEquals(
            Json.mapper().writeValueAsBytes(array),
            Base64Url.decode(
                Disclosure.createOwned("salt\u0000\"", name, value, DisclosureFormat.COMPACT)
                    .encoded()),
            array.toString());
      }
    }
  }

  @Test
  void create_compact_decodesToSameArray() throws Exception {
    JsonNode value = json("{\"name\":\"TIG\",\"level\":3}");
    Disclosure d = Disclosure.create("c2FsdA", "skill", value, DisclosureFormat.COMPACT);
    JsonNode decoded = Json.parse(Base64Url.decode(d.encoded()));
    assertEquals("c2FsdA", decoded.get(0).textValue());
    assertEquals("skill", decoded.get(1).textValue());
    assertEquals(value, decoded.get(2));
    Disclosure parsed = Disclosure.parse(d.encoded(), "d");
    assertEquals(d.digest(), parsed.digest());
    assertFalse(d.isArrayElement());
  }
}
