package nl.leerbewijs.core.trust;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.core.keys.TestPki;

/** A valid two-issuer trust list built in memory, for tests to mutate. */
final class TrustListFixture {

  static final String ROC = "https://issuer.example/t/roc";
  static final String HS = "https://issuer.example/t/hs";

  final KeyPair caKp = TestPki.p256();
  final X509Certificate ca = TestPki.ca("Test Root CA", caKp);
  final KeyPair rocKey = TestPki.p256();
  final KeyPair hsKey = TestPki.p256();
  final String rocKid = EcKeys.thumbprint((ECPublicKey) rocKey.getPublic());

  /** ROC: pinned key + CA; HS: CA only. */
  ObjectNode json() {
    ObjectNode root = Json.object();
    root.put("version", 1);
    root.put("name", "test trust list");
    ArrayNode issuers = root.putArray("issuers");

    ObjectNode roc = issuers.addObject();
    roc.put("id", ROC);
    roc.putObject("name").put("nl", "ROC Test").put("en", "ROC Test");
    roc.putObject("identifiers")
        .put("brin", "99XA")
        .put("oin", "00000003999990010000")
        .put("kvk", "99999001");
    roc.putArray("credential_types").add("mbo-certificaat").add("praktijkverklaring");
    roc.putObject("jwks")
        .putArray("keys")
        .add(EcKeys.toPublicJwk((ECPublicKey) rocKey.getPublic(), null));
    roc.putArray("x509_trust_anchors").add(TestPki.pem(ca));

    ObjectNode hs = issuers.addObject();
    hs.put("id", HS);
    hs.putObject("name").put("nl", "Hogeschool Test");
    hs.putArray("credential_types").add("microcredential");
    hs.putArray("x509_trust_anchors").add(TestPki.pem(ca));
    hs.putArray("status_list_uri_prefixes").add("https://status.example/hs/");
    return root;
  }

  static ObjectNode issuer(ObjectNode root, int i) {
    return (ObjectNode) root.get("issuers").get(i);
  }

  static byte[] bytes(ObjectNode root) {
    return Json.write(root);
  }
}
