package nl.leerbewijs.core.vc;

import static nl.leerbewijs.core.sdjwt.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.authlete.sd.Disclosure;
import com.authlete.sd.SDJWT;
import com.authlete.sd.SDObjectBuilder;
import com.authlete.sd.SDObjectDecoder;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.sdjwt.ClaimPath;
import nl.leerbewijs.core.sdjwt.EcPublicJwk;
import nl.leerbewijs.core.sdjwt.SdJwt;
import nl.leerbewijs.core.sdjwt.SdJwtPresenter;
import nl.leerbewijs.core.sdjwt.TestSupport;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with an independent SD-JWT implementation, Authlete's {@code
 * com.authlete:sd-jwt} (Java), with Nimbus and the JDK's default provider for its signatures. Both
 * directions: it parses and decodes what core issues and presents, and core verifies what it issues
 * and presents.
 */
class AuthleteInteropTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String VCT = "https://leerbewijs.nl/vct/microcredential/v1";
  private static final String AUD = "https://werkgever.example";
  private static final String NONCE = "n-0S6_WzA2Mj";

  /** Keys from the JDK's default provider, independent of core's CryptoProvider. */
  private static KeyPair jdkP256() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static Map<String, Object> toMap(ObjectNode node) {
    return Json.mapper().convertValue(node, new TypeReference<LinkedHashMap<String, Object>>() {});
  }

  /** Through JSON text, so that numbers get the same node types as in a parsed token. */
  private static ObjectNode toNode(Map<String, Object> map) {
    return (ObjectNode) Json.parse(Json.write(map));
  }

  @Test
  void coreIssuesAndPresents_authleteParsesDecodesAndChecksSdHash() throws Exception {
    KeyPair issuer = TestSupport.p256();
    KeyPair holder = TestSupport.p256();
    SdJwtVcIssuer vcIssuer =
        SdJwtVcIssuer.builder(TestSupport.signer(issuer), "https://roc.example")
            .kid("k1")
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    ObjectNode claims =
        json(
            "{\"title\":\"Lassen\",\"learner\":{\"name\":\"Sanne\",\"birthdate\":\"2002-05-01\"},"
                + "\"skills\":[\"TIG\",\"MIG\",\"MAG\"]}");
    String issued =
        vcIssuer.issue(
            VCT,
            claims,
            Set.of(
                ClaimPath.of("learner"),
                ClaimPath.of("learner", "birthdate"),
                ClaimPath.of("skills", ClaimPath.ALL_ELEMENTS),
                ClaimPath.of("title")),
            (ECPublicKey) holder.getPublic(),
            new StatusReference(7, "https://roc.example/status/1"),
            null);
    SdJwt selected =
        SdJwtPresenter.select(
            SdJwt.parse(issued),
            Set.of(ClaimPath.of("learner", "birthdate"), ClaimPath.of("skills", 1)));
    String presented =
        SdJwtPresenter.withKeyBinding(selected, TestSupport.signer(holder), AUD, NONCE, NOW);

    SDJWT theirs = SDJWT.parse(presented);
    assertEquals(selected.issuerSigned().compact(), theirs.getCredentialJwt());
    assertEquals(selected.disclosures().size(), theirs.getDisclosures().size());
    for (int i = 0; i < theirs.getDisclosures().size(); i++) {
      Disclosure d = theirs.getDisclosures().get(i);
      assertEquals(selected.disclosures().get(i).encoded(), d.getDisclosure());
      assertEquals(selected.disclosures().get(i).digest(), d.digest());
    }
    JWSObject credential = JWSObject.parse(theirs.getCredentialJwt());
    assertTrue(credential.verify(new ECDSAVerifier((ECPublicKey) issuer.getPublic())));
    JWSObject kb = JWSObject.parse(theirs.getBindingJwt());
    assertTrue(kb.verify(new ECDSAVerifier((ECPublicKey) holder.getPublic())));
    assertEquals("kb+jwt", kb.getHeader().getType().getType());
    assertEquals(theirs.getSDHash(), kb.getPayload().toJSONObject().get("sd_hash"));

    Map<String, Object> decoded =
        new SDObjectDecoder()
            .decode(credential.getPayload().toJSONObject(), theirs.getDisclosures());
    decoded.remove("_sd_alg");
    ObjectNode ours =
        SdJwtVcVerifier.builder()
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .expectedAudience(AUD)
            .expectedNonce(NONCE)
            .build()
            .verify(SdJwt.parse(presented), issuer.getPublic())
            .verified()
            .claims();
    assertEquals(ours, toNode(decoded));
    assertEquals(json("{\"name\":\"Sanne\",\"birthdate\":\"2002-05-01\"}"), ours.get("learner"));
    assertEquals(1, ours.get("skills").size());
    assertEquals("MIG", ours.get("skills").get(0).textValue());
  }

  @Test
  void authleteIssuesAndPresents_coreVerifies() throws Exception {
    KeyPair issuer = jdkP256();
    KeyPair holder = jdkP256();

    SDObjectBuilder learner = new SDObjectBuilder();
    learner.putClaim("name", "Sanne");
    Disclosure birthdate = learner.putSDClaim("birthdate", "2002-05-01");
    Map<String, Object> learnerObject = learner.build(false);

    Disclosure tig = new Disclosure("TIG");
    Disclosure mig = new Disclosure("MIG");
    List<Object> skills = new ArrayList<>();
    skills.add(tig.toArrayElement());
    skills.add(mig.toArrayElement());

    SDObjectBuilder top = new SDObjectBuilder();
    top.putClaim("iss", "https://roc.example");
    top.putClaim("iat", NOW.getEpochSecond());
    top.putClaim("vct", VCT);
    top.putClaim("cnf", Map.of("jwk", toMap(EcPublicJwk.toJwk((ECPublicKey) holder.getPublic()))));
    top.putClaim("skills", skills);
    Disclosure title = top.putSDClaim("title", "Lassen");
    Disclosure learnerDisclosure = top.putSDClaim("learner", learnerObject);
    top.putDecoyDigests(2);
    Map<String, Object> payload = top.build(true);

    JWSObject credential =
        new JWSObject(
            new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dc+sd-jwt")).build(),
            new Payload(payload));
    credential.sign(new ECDSASigner((ECPrivateKey) issuer.getPrivate()));
    String credentialJwt = credential.serialize();

    List<Disclosure> presentedDisclosures = List.of(learnerDisclosure, birthdate, mig);
    String sdHash = new SDJWT(credentialJwt, presentedDisclosures).getSDHash();
    Map<String, Object> kbClaims = new LinkedHashMap<>();
    kbClaims.put("iat", NOW.getEpochSecond());
    kbClaims.put("aud", AUD);
    kbClaims.put("nonce", NONCE);
    kbClaims.put("sd_hash", sdHash);
    JWSObject kb =
        new JWSObject(
            new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("kb+jwt")).build(),
            new Payload(kbClaims));
    kb.sign(new ECDSASigner((ECPrivateKey) holder.getPrivate()));
    String presentation = new SDJWT(credentialJwt, presentedDisclosures, kb.serialize()).toString();

    SdJwtVcVerification v =
        SdJwtVcVerifier.builder()
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .expectedAudience(AUD)
            .expectedNonce(NONCE)
            .build()
            .verify(SdJwt.parse(presentation), issuer.getPublic());
    assertTrue(v.isVerified(), v.failures().toString());
    VerifiedSdJwtVc c = v.verified();
    assertTrue(c.keyBindingVerified());
    assertEquals(VCT, c.vct());
    assertEquals(
        json("{\"name\":\"Sanne\",\"birthdate\":\"2002-05-01\"}"), c.claims().get("learner"));
    assertEquals(json("{\"a\":[\"MIG\"]}").get("a"), c.claims().get("skills"));
    assertTrue(!c.claims().has("title"));
    assertEquals(
        Set.of(List.of("learner"), List.of("learner", "birthdate"), List.of("skills", 0)),
        Set.copyOf(c.disclosedPaths()));
    // title, TIG and the two decoys stay hidden
    assertEquals(4, c.undisclosedDigestCount());
    assertTrue(title.getDisclosure().length() > 0);
  }
}
