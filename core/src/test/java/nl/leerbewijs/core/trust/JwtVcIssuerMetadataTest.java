package nl.leerbewijs.core.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Optional;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.core.keys.IssuerKey;
import org.junit.jupiter.api.Test;

/** The metadata document rules of draft-ietf-oauth-sd-jwt-vc, "JWT VC Issuer Metadata". */
class JwtVcIssuerMetadataTest {

  static final String ISS = "https://example.com";

  final KeyPair k1 = EcKeys.generateP256();
  final KeyPair k2 = EcKeys.generateP256();

  /**
   * The draft's first example ("JWT VC Issuer Metadata Response", the configuration including
   * {@code jwks}), verbatim apart from whitespace.
   */
  static final String SPEC_EXAMPLE_JWKS =
      "{\"issuer\":\"https://example.com\",\"jwks\":{\"keys\":["
          + "{\"kid\":\"doc-signer-05-25-2022\",\"kty\":\"EC\",\"crv\":\"P-256\","
          + "\"x\":\"b28d4MwZMjw8-00CG4xfnn9SLMVMM19SlqZpVb_uNtQ\","
          + "\"y\":\"Xv5zWwuoaTgdS6hV43yI6gBwTnjukmFQQnJ_kCxzqk8\"},"
          + "{\"kid\":\"doc-signer-06-05-2025\",\"kty\":\"EC\",\"crv\":\"P-256\","
          + "\"x\":\"DfjUx4WHBds61vGbqUQhsy3FGX13fAS13QWh2EHIkX8\","
          + "\"y\":\"NfqJt9Kp0EA93xq9ysO80DRZ_hCGlISz-pYLgv4RFvg\"}]}}";

  /** The draft's second example, the configuration including {@code jwks_uri}. */
  static final String SPEC_EXAMPLE_JWKS_URI =
      "{\"issuer\":\"https://example.com\","
          + "\"jwks_uri\":\"https://jwt-vc-issuer.example.com/my_public_keys.jwks\"}";

  @Test
  void parse_specExampleWithJwks_twoKeysByKid() throws Exception {
    JwtVcIssuerMetadata m = JwtVcIssuerMetadata.parse(bytes(SPEC_EXAMPLE_JWKS), ISS);
    assertEquals(ISS, m.issuer());
    assertEquals(
        List.of("doc-signer-05-25-2022", "doc-signer-06-05-2025"),
        m.keys().stream().map(IssuerKey::kid).toList());
    assertEquals(Optional.empty(), m.jwksUri());
  }

  @Test
  void parse_specExampleWithJwksUri_uriNoKeys() throws Exception {
    JwtVcIssuerMetadata m = JwtVcIssuerMetadata.parse(bytes(SPEC_EXAMPLE_JWKS_URI), ISS);
    assertEquals(
        Optional.of(URI.create("https://jwt-vc-issuer.example.com/my_public_keys.jwks")),
        m.jwksUri());
    assertTrue(m.keys().isEmpty());
  }

  @Test
  void parse_issuerNotIdentical_refused() {
    // "The issuer value returned MUST be identical to the iss value of the JWT."
    assertRefused("not the credential issuer", doc("https://example.com/", jwks(k1)));
    assertRefused("not the credential issuer", doc("https://EXAMPLE.com", jwks(k1)));
    assertRefused("'issuer' is missing", withoutIssuer(doc(ISS, jwks(k1))));
  }

  @Test
  void parse_bothOrNeitherJwksAndJwksUri_refused() {
    ObjectNode both = doc(ISS, jwks(k1));
    both.put("jwks_uri", "https://example.com/keys");
    assertRefused("both 'jwks' and 'jwks_uri'", both);
    ObjectNode neither = Json.object();
    neither.put("issuer", ISS);
    assertRefused("neither 'jwks' nor 'jwks_uri'", neither);
  }

  @Test
  void parse_badJwksUri_refused() {
    ObjectNode d = Json.object().put("issuer", ISS);
    d.put("jwks_uri", 7);
    assertRefused("'jwks_uri' is not a string", d);
    assertRefused("not an absolute URL", Json.object().put("issuer", ISS).put("jwks_uri", "/k"));
    assertRefused("not a URL", Json.object().put("issuer", ISS).put("jwks_uri", "https://a b"));
  }

  @Test
  void parse_notJsonObject_refused() {
    for (String body : List.of("not json", "[]", "\"x\"", "{\"issuer\":1,\"issuer\":2}", "")) {
      IssuerMetadataException e =
          assertThrows(
              IssuerMetadataException.class,
              () -> JwtVcIssuerMetadata.parse(bytes(body), ISS),
              body);
      assertTrue(e.getMessage().startsWith("not a JSON object"), e.getMessage());
    }
  }

  @Test
  void parse_privateKeyMaterial_wholeDocumentRefused() {
    ObjectNode d = doc(ISS, jwks(k1, k2));
    key(d, 1).put("d", "AAAA");
    assertRefused("jwks.keys[1].d: private key material ('d')", d);
    ObjectNode k = doc(ISS, jwks(k1));
    key(k, 0).put("k", "AAAA");
    assertRefused("private key material ('k')", k);
  }

  @Test
  void parse_ecKeyThatDoesNotLoad_refusedNamingIt() {
    ObjectNode d = doc(ISS, jwks(k1));
    key(d, 0).put("x", "AAAA");
    assertRefused("jwks.keys[0]", d);
  }

  @Test
  void parse_otherKeyTypesAndUses_skipped() throws Exception {
    ObjectNode d = doc(ISS, jwks(k1, k2));
    ArrayNode keys = (ArrayNode) d.get("jwks").get("keys");
    keys.addObject().put("kty", "RSA").put("kid", "rsa").put("n", "AQAB").put("e", "AQAB");
    key(d, 1).put("use", "enc");
    ObjectNode es384 = EcKeys.toPublicJwk((ECPublicKey) EcKeys.generateP256().getPublic(), "x");
    es384.put("alg", "ES384");
    keys.add(es384);
    JwtVcIssuerMetadata m = JwtVcIssuerMetadata.parse(Json.write(d), ISS);
    assertEquals(List.of("k1"), m.keys().stream().map(IssuerKey::kid).toList());
  }

  @Test
  void parse_noUsableKey_refused() {
    ObjectNode d = doc(ISS, jwks(k1));
    key(d, 0).put("use", "enc");
    assertRefused("no usable EC P-256 signing key", d);
    ObjectNode empty = Json.object();
    empty.putArray("keys");
    assertRefused("no usable EC P-256 signing key", doc(ISS, empty));
  }

  @Test
  void parse_duplicateKidOrTooManyKeys_refused() {
    ObjectNode d = doc(ISS, jwks(k1, k2));
    key(d, 1).put("kid", "k1");
    assertRefused("duplicate kid k1", d);
    ObjectNode many = Json.object();
    ArrayNode keys = many.putArray("keys");
    for (int i = 0; i <= JwtVcIssuerMetadata.MAX_KEYS; i++) {
      keys.add(EcKeys.toPublicJwk((ECPublicKey) k1.getPublic(), "k" + i));
    }
    assertRefused("more than " + JwtVcIssuerMetadata.MAX_KEYS, doc(ISS, many));
  }

  @Test
  void parse_kid_defaultsToThumbprintAndMustNotBeEmpty() throws Exception {
    ObjectNode d = doc(ISS, jwks(k1));
    key(d, 0).remove("kid");
    assertEquals(
        EcKeys.thumbprint((ECPublicKey) k1.getPublic()),
        JwtVcIssuerMetadata.parse(Json.write(d), ISS).keys().get(0).kid());
    key(d, 0).put("kid", "");
    assertRefused("jwks.keys[0].kid: must be a non-empty string", d);
  }

  @Test
  void parse_jwksNotAKeySet_refused() {
    assertRefused("jwks.keys: must be an array", doc(ISS, Json.object().put("keys", "x")));
    ObjectNode d = doc(ISS, jwks(k1));
    ((ArrayNode) d.get("jwks").get("keys")).add("x");
    assertRefused("jwks.keys[1]: must be a JWK object", d);
  }

  @Test
  void parseJwkSet_documentAtJwksUri() throws Exception {
    List<IssuerKey> keys = JwtVcIssuerMetadata.parseJwkSet(Json.write(jwks(k1, k2)));
    assertEquals(2, keys.size());
    assertTrue(EcKeys.samePublicKey((ECPublicKey) k2.getPublic(), keys.get(1).publicKey()));
    IssuerMetadataException e =
        assertThrows(
            IssuerMetadataException.class,
            () -> JwtVcIssuerMetadata.parseJwkSet(bytes("{\"keys\":{}}")));
    assertTrue(e.getMessage().contains("keys: must be an array"), e.getMessage());
  }

  @Test
  void parse_serverTextInMessages_shortenedWithoutControlCharacters() {
    IssuerMetadataException e =
        assertThrows(
            IssuerMetadataException.class,
            () ->
                JwtVcIssuerMetadata.parse(
                    Json.write(doc("https://evil.example/\u001b[2J" + "x".repeat(200), jwks(k1))),
                    ISS));
    assertTrue(e.getMessage().contains("https://evil.example/?[2J"), e.getMessage());
    assertTrue(e.getMessage().length() < 200, e.getMessage());
  }

  // ------------------------------------------------------------ helpers

  ObjectNode jwks(KeyPair... keys) {
    ObjectNode set = Json.object();
    ArrayNode arr = set.putArray("keys");
    for (int i = 0; i < keys.length; i++) {
      arr.add(EcKeys.toPublicJwk((ECPublicKey) keys[i].getPublic(), "k" + (i + 1)));
    }
    return set;
  }

  static ObjectNode doc(String issuer, ObjectNode jwks) {
    ObjectNode d = Json.object();
    d.put("issuer", issuer);
    d.set("jwks", jwks);
    return d;
  }

  static ObjectNode withoutIssuer(ObjectNode d) {
    d.remove("issuer");
    return d;
  }

  static ObjectNode key(ObjectNode doc, int i) {
    return (ObjectNode) doc.get("jwks").get("keys").get(i);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static void assertRefused(String expected, ObjectNode doc) {
    IssuerMetadataException e =
        assertThrows(
            IssuerMetadataException.class, () -> JwtVcIssuerMetadata.parse(Json.write(doc), ISS));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
