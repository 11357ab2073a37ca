package nl.leerbewijs.core.trust;

import static nl.leerbewijs.core.trust.TrustListFixture.HS;
import static nl.leerbewijs.core.trust.TrustListFixture.ROC;
import static nl.leerbewijs.core.trust.TrustListFixture.bytes;
import static nl.leerbewijs.core.trust.TrustListFixture.issuer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import nl.leerbewijs.core.json.Base64Url;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.core.keys.TestPki;
import org.junit.jupiter.api.Test;

class TrustListParseTest {

  private final TrustListFixture f = new TrustListFixture();

  @Test
  void parse_validList_exposesIssuers() {
    TrustList list = TrustList.parse(bytes(f.json()));

    assertEquals("test trust list", list.name());
    TrustedIssuer roc = list.issuer(ROC).orElseThrow();
    assertEquals("ROC Test", roc.displayName("nl"));
    assertEquals(Optional.of("99XA"), roc.identifiers().brin());
    assertEquals(Optional.of("00000003999990010000"), roc.identifiers().oin());
    assertEquals(Optional.of("99999001"), roc.identifiers().kvk());
    assertEquals(List.of("mbo-certificaat", "praktijkverklaring"), roc.credentialTypes());
    assertEquals(f.rocKid, roc.pinnedKeys().get(0).kid());
    assertEquals(List.of(f.ca), roc.trustAnchors());
    assertEquals(List.of(ROC + "/"), roc.statusListUriPrefixes());
    assertEquals(
        List.of("https://status.example/hs/"),
        list.issuer(HS).orElseThrow().statusListUriPrefixes());
    assertTrue(list.issuer("https://issuer.example/t/other").isEmpty());
    assertTrue(list.issuer(ROC + "/").isEmpty(), "exact match only");
  }

  @Test
  void allowsType_onlyListedTypes() {
    TrustList list = TrustList.parse(bytes(f.json()));
    assertTrue(list.allowsType(ROC, "mbo-certificaat"));
    assertFalse(list.allowsType(ROC, "microcredential"));
    assertTrue(list.allowsType(HS, "microcredential"));
    assertFalse(list.allowsType("https://unknown.example", "microcredential"));
  }

  @Test
  void parse_emptyIssuers_isAnEmptyList() {
    ObjectNode root = f.json();
    root.putArray("issuers");
    assertTrue(TrustList.parse(bytes(root)).issuers().isEmpty());
  }

  // ------------------------------------------------------------ document-level rules

  @Test
  void parse_notJson_namesDocument() {
    assertField("$", "{\"version\":1,".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parse_tooLarge_namesDocument() {
    byte[] big = new byte[TrustListFormat.MAX_BYTES + 1];
    assertField("$", big);
  }

  @Test
  void parse_unknownVersion_namesVersion() {
    assertField("version", r -> r.put("version", 2));
    assertField("version", r -> r.put("version", "1"));
    assertField("version", r -> r.remove("version"));
  }

  @Test
  void parse_missingName_namesName() {
    assertField("name", r -> r.remove("name"));
  }

  @Test
  void parse_unknownTopLevelMember_namesIt() {
    assertField("trust_everyone", r -> r.put("trust_everyone", true));
  }

  @Test
  void parse_issuersNotArray_namesIssuers() {
    assertField("issuers", r -> r.put("issuers", "all"));
  }

  @Test
  void parse_duplicateMember_namesDocument() {
    String json = new String(bytes(f.json()), StandardCharsets.UTF_8);
    String dup = "{\"name\":\"other\"," + json.substring(1);
    assertField("$", dup.getBytes(StandardCharsets.UTF_8));
  }

  // ------------------------------------------------------------ issuer rules

  @Test
  void parse_duplicateIssuerId_namesSecondIssuersId() {
    assertField("issuers[1].id", r -> issuer(r, 1).put("id", ROC));
  }

  @Test
  void parse_httpIssuerId_namesId() {
    assertField("issuers[0].id", r -> issuer(r, 0).put("id", "http://issuer.example/t/roc"));
  }

  @Test
  void parse_httpLoopbackIssuerId_allowedForTests() {
    ObjectNode root = f.json();
    issuer(root, 0).put("id", "http://127.0.0.1:8443/t/roc");
    issuer(root, 1).put("id", "http://localhost:8080/t/hs");
    TrustList list = TrustList.parse(bytes(root));
    assertTrue(list.issuer("http://127.0.0.1:8443/t/roc").isPresent());
  }

  @Test
  void parse_issuerIdWithUserInfoFragmentOrQuery_namesId() {
    assertField("issuers[0].id", r -> issuer(r, 0).put("id", "https://user@issuer.example/t/roc"));
    assertField("issuers[0].id", r -> issuer(r, 0).put("id", "https://issuer.example/t/roc#x"));
    assertField("issuers[0].id", r -> issuer(r, 0).put("id", "https://issuer.example/t/roc?x=1"));
    assertField("issuers[0].id", r -> issuer(r, 0).put("id", "issuer.example/t/roc"));
    assertField("issuers[0].id", r -> issuer(r, 0).remove("id"));
  }

  @Test
  void parse_unknownIssuerMember_namesIt() {
    assertField("issuers[1].trust_level", r -> issuer(r, 1).put("trust_level", "high"));
  }

  @Test
  void parse_missingOrBadName_namesName() {
    assertField("issuers[0].name", r -> issuer(r, 0).remove("name"));
    assertField("issuers[0].name", r -> issuer(r, 0).put("name", "ROC"));
    assertField("issuers[0].name.NL!", r -> issuer(r, 0).putObject("name").put("NL!", "ROC"));
    assertField("issuers[0].name.nl", r -> issuer(r, 0).putObject("name").put("nl", " "));
  }

  @Test
  void parse_badIdentifiers_namesIdentifier() {
    assertField("issuers[0].identifiers.brin", r -> ids(r).put("brin", "25pz"));
    assertField("issuers[0].identifiers.oin", r -> ids(r).put("oin", "123"));
    assertField("issuers[0].identifiers.kvk", r -> ids(r).put("kvk", "1234567A"));
    assertField("issuers[0].identifiers.vat", r -> ids(r).put("vat", "NL0001"));
  }

  @Test
  void parse_unknownCredentialType_namesIndex() {
    assertField(
        "issuers[0].credential_types[1]",
        r -> issuer(r, 0).putArray("credential_types").add("mbo-certificaat").add("diploma"));
  }

  @Test
  void parse_missingOrDuplicateCredentialTypes_namesField() {
    assertField("issuers[0].credential_types", r -> issuer(r, 0).remove("credential_types"));
    assertField("issuers[0].credential_types", r -> issuer(r, 0).putArray("credential_types"));
    assertField(
        "issuers[0].credential_types[1]",
        r ->
            issuer(r, 0)
                .putArray("credential_types")
                .add("microcredential")
                .add("microcredential"));
  }

  @Test
  void parse_privateKeyInJwks_refusedNamingD() {
    assertField(
        "issuers[0].jwks.keys[0].d",
        r -> {
          KeyPair kp = TestPki.p256();
          ObjectNode jwk = EcKeys.toPublicJwk((ECPublicKey) kp.getPublic(), "k");
          jwk.put("d", Base64Url.encode(fixed(((ECPrivateKey) kp.getPrivate()).getS())));
          issuer(r, 0).putObject("jwks").putArray("keys").add(jwk);
        });
  }

  @Test
  void parse_symmetricKeyInJwks_refusedNamingK() {
    assertField(
        "issuers[0].jwks.keys[0].k",
        r ->
            issuer(r, 0)
                .putObject("jwks")
                .putArray("keys")
                .addObject()
                .put("kty", "oct")
                .put("k", "c2VjcmV0"));
  }

  @Test
  void parse_nonP256KeyInJwks_namesKey() {
    assertField(
        "issuers[0].jwks.keys[0]",
        r ->
            issuer(r, 0)
                .putObject("jwks")
                .putArray("keys")
                .addObject()
                .put("kty", "RSA")
                .put("n", "AQAB")
                .put("e", "AQAB"));
  }

  @Test
  void parse_jwkForEncryption_namesUse() {
    assertField("issuers[0].jwks.keys[0].use", r -> firstJwk(r).put("use", "enc"));
    assertField("issuers[0].jwks.keys[0].alg", r -> firstJwk(r).put("alg", "ES384"));
  }

  @Test
  void parse_duplicateKid_namesKid() {
    assertField(
        "issuers[0].jwks.keys[1].kid",
        r -> {
          ObjectNode other = EcKeys.toPublicJwk((ECPublicKey) TestPki.p256().getPublic(), f.rocKid);
          ((com.fasterxml.jackson.databind.node.ArrayNode) issuer(r, 0).get("jwks").get("keys"))
              .add(other);
        });
  }

  @Test
  void parse_jwksWithoutKeysArray_namesKeys() {
    assertField("issuers[0].jwks.keys", r -> issuer(r, 0).putObject("jwks"));
  }

  @Test
  void parse_badPemAnchor_namesAnchorIndex() {
    assertField(
        "issuers[1].x509_trust_anchors[0]",
        r ->
            issuer(r, 1)
                .putArray("x509_trust_anchors")
                .add("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
    assertField(
        "issuers[1].x509_trust_anchors[0]",
        r -> issuer(r, 1).putArray("x509_trust_anchors").add("not pem"));
  }

  @Test
  void parse_nonCaAnchor_namesAnchor() {
    KeyPair kp = TestPki.p256();
    String leafPem = TestPki.pem(TestPki.selfSignedLeaf("leaf", kp, HS));
    assertField(
        "issuers[1].x509_trust_anchors[0]",
        r -> issuer(r, 1).putArray("x509_trust_anchors").add(leafPem));
  }

  @Test
  void parse_twoCertificatesInOneAnchorEntry_namesAnchor() {
    String two = TestPki.pem(f.ca) + TestPki.pem(f.ca);
    assertField(
        "issuers[1].x509_trust_anchors[0]",
        r -> issuer(r, 1).putArray("x509_trust_anchors").add(two));
  }

  @Test
  void parse_issuerWithoutAnyKey_namesIssuer() {
    assertField("issuers[1]", r -> issuer(r, 1).remove("x509_trust_anchors"));
  }

  @Test
  void parse_keysFromMetadataWithoutPinnedKeys_accepted() {
    ObjectNode root = f.json();
    issuer(root, 1).remove("x509_trust_anchors");
    issuer(root, 1).put("keys_from_metadata", true);
    TrustList list = TrustList.parse(bytes(root));
    TrustedIssuer hs = list.issuer(HS).orElseThrow();
    assertTrue(hs.keysFromMetadata());
    assertTrue(hs.pinnedKeys().isEmpty() && hs.trustAnchors().isEmpty());
    assertFalse(list.issuer(ROC).orElseThrow().keysFromMetadata(), "off unless asked for");
  }

  @Test
  void parse_keysFromMetadataFalseWithoutKeys_namesIssuer() {
    assertField(
        "issuers[1]",
        r -> {
          issuer(r, 1).remove("x509_trust_anchors");
          issuer(r, 1).put("keys_from_metadata", false);
        });
  }

  @Test
  void parse_keysFromMetadataNotBoolean_namesIt() {
    assertField(
        "issuers[1].keys_from_metadata", r -> issuer(r, 1).put("keys_from_metadata", "yes"));
    assertField("issuers[1].keys_from_metadata", r -> issuer(r, 1).put("keys_from_metadata", 1));
  }

  @Test
  void parse_badStatusListPrefix_namesPrefix() {
    assertField(
        "issuers[1].status_list_uri_prefixes[0]",
        r -> issuer(r, 1).putArray("status_list_uri_prefixes").add("http://status.example/hs/"));
    assertField(
        "issuers[1].status_list_uri_prefixes[0]",
        r -> issuer(r, 1).putArray("status_list_uri_prefixes").add("https://status.example/hs"));
    assertField(
        "issuers[1].status_list_uri_prefixes[0]",
        r -> issuer(r, 1).putArray("status_list_uri_prefixes").add("https://status.example"));
    assertField(
        "issuers[1].status_list_uri_prefixes",
        r -> issuer(r, 1).putArray("status_list_uri_prefixes"));
  }

  @Test
  void parse_issuerNotObject_namesIndex() {
    assertField(
        "issuers[1]",
        r ->
            ((com.fasterxml.jackson.databind.node.ArrayNode) r.get("issuers"))
                .set(1, r.textNode("x")));
  }

  // ------------------------------------------------------------ status list URIs

  @Test
  void statusListUriAllowed_defaultPrefixIsIssuerIdSlash() {
    TrustList list = TrustList.parse(bytes(f.json()));
    assertTrue(list.statusListUriAllowed(ROC, ROC + "/status/3"));
    assertTrue(list.statusListUriAllowed(ROC, "HTTPS://ISSUER.EXAMPLE:443/t/roc/status/3?v=2"));
  }

  @Test
  void statusListUriAllowed_hostileUris_refused() {
    TrustList list = TrustList.parse(bytes(f.json()));
    List<String> hostile =
        List.of(
            "https://issuer.example/t/rocmn/status/1", // sibling path sharing a string prefix
            "https://issuer.example/t/roc", // the prefix without slash
            "https://issuer.example.evil.test/t/roc/status/1",
            "https://issuer.example:8443/t/roc/status/1",
            "http://issuer.example/t/roc/status/1",
            "https://evil.test@issuer.example/t/roc/status/1",
            "https://issuer.example/t/roc/../../admin",
            "https://issuer.example/t/roc/%2e%2e/admin",
            "https://issuer.example/t/roc/a%2Fb",
            "https://issuer.example/t/roc/status#frag",
            "file:///etc/passwd",
            "not a uri",
            "");
    for (String uri : hostile) {
      assertFalse(list.statusListUriAllowed(ROC, uri), uri);
    }
    assertFalse(list.statusListUriAllowed(ROC, null));
    assertFalse(list.statusListUriAllowed("https://unknown.example", ROC + "/status/1"));
  }

  @Test
  void statusListUriAllowed_repeatedQueries_sameAnswers() {
    // Decisions are remembered; the remembered answer must be the computed one, per issuer.
    TrustList list = TrustList.parse(bytes(f.json()));
    for (int round = 0; round < 3; round++) {
      assertTrue(list.statusListUriAllowed(ROC, ROC + "/status/3"));
      assertFalse(list.statusListUriAllowed(ROC, "https://issuer.example/t/rocmn/status/1"));
      assertFalse(list.statusListUriAllowed("https://unknown.example", ROC + "/status/3"));
      assertFalse(list.statusListUriAllowed(ROC, ROC + "/status/" + "x".repeat(600) + "/../a"));
      assertTrue(list.statusListUriAllowed(ROC, ROC + "/status/" + "x".repeat(600)));
    }
    for (int i = 0; i < 3000; i++) { // beyond the remembered number
      assertTrue(list.statusListUriAllowed(ROC, ROC + "/status/" + i));
      assertFalse(list.statusListUriAllowed(ROC, "https://evil.test/t/roc/status/" + i));
    }
  }

  @Test
  void statusListUriAllowed_explicitPrefixReplacesDefault() {
    TrustList list = TrustList.parse(bytes(f.json()));
    assertTrue(list.statusListUriAllowed(HS, "https://status.example/hs/lists/1"));
    assertFalse(list.statusListUriAllowed(HS, HS + "/status/1"));
  }

  // ------------------------------------------------------------ helpers

  private ObjectNode ids(ObjectNode root) {
    return (ObjectNode) issuer(root, 0).get("identifiers");
  }

  private ObjectNode firstJwk(ObjectNode root) {
    return (ObjectNode) issuer(root, 0).get("jwks").get("keys").get(0);
  }

  private void assertField(String field, Consumer<ObjectNode> mutation) {
    ObjectNode root = f.json();
    mutation.accept(root);
    assertField(field, bytes(root));
  }

  private static void assertField(String field, byte[] json) {
    TrustListException e = assertThrows(TrustListException.class, () -> TrustList.parse(json));
    assertEquals(field, e.field(), e.getMessage());
  }

  private static byte[] fixed(java.math.BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }
}
