package nl.leerbewijs.keys.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.core.keys.KeyLoader;
import nl.leerbewijs.core.keys.SigningKey;
import nl.leerbewijs.core.trust.TrustList;

/**
 * DEVELOPMENT ONLY. Loads the committed example keys, certificates and trust list from the
 * classpath ({@value #RESOURCE_DIR}), for tests and local development of the other modules.
 *
 * <p>Every private key here is public in git. Never use any of it in production; production keys
 * come from the operator's configuration.
 */
public final class ExampleKeys {

  /** The fictitious mbo school, trusted in the example trust list. */
  public static final String ROC_VOORBEELD = "roc-voorbeeld";

  /** The fictitious hogeschool, trusted in the example trust list. */
  public static final String HS_VOORBEELD = "hs-voorbeeld";

  /** A school NOT in the trust list, certified by its own CA, for "issuer not trusted" tests. */
  public static final String UNTRUSTED_SCHOOL = "untrusted-school";

  /** Classpath directory of the example material. */
  public static final String RESOURCE_DIR = "/leerbewijs/keys-example/";

  static final String ROOT_CA_NAME = "leerbewijs DEVELOPMENT ONLY root CA";
  static final String UNTRUSTED_CA_NAME = "leerbewijs DEVELOPMENT ONLY untrusted CA";
  static final String ROOT_CA_CERT_FILE = "DEVELOPMENT-ONLY-root-ca-certificate.pem";
  static final String ROOT_CA_KEY_FILE = "DEVELOPMENT-ONLY-root-ca-private-key.pem";
  static final String UNTRUSTED_CA_CERT_FILE = "DEVELOPMENT-ONLY-untrusted-ca-certificate.pem";
  static final String TRUST_LIST_FILE = "trust-list.json";

  private ExampleKeys() {}

  /**
   * DEVELOPMENT ONLY: an example school with its signing key and certificate chain.
   *
   * @param name the school's short name (its directory-style slug)
   * @param displayName the school's (fictitious) name
   * @param issuerId its credential issuer id, the {@code iss} of its credentials
   * @param signingKey private key, kid (RFC 7638 thumbprint), public key and chain [leaf, CA]
   */
  public record School(String name, String displayName, String issuerId, SigningKey signingKey) {

    public ECPrivateKey privateKey() {
      return signingKey.privateKey();
    }

    public ECPublicKey publicKey() {
      return signingKey.issuerKey().publicKey();
    }

    public String kid() {
      return signingKey.kid();
    }

    /** Leaf (issuer certificate) first, then the CA that signed it. */
    public List<X509Certificate> certificateChain() {
      return signingKey.issuerKey().certificateChain();
    }

    /** The chain as a JWS {@code x5c} header value. */
    public List<String> x5c() {
      return signingKey.issuerKey().x5c();
    }

    /** The public JWK (with kid) as JSON text. */
    public String publicJwkJson() {
      return EcKeys.toPublicJwkJson(publicKey(), kid());
    }

    @Override
    public String toString() {
      return "School[" + name + ", " + issuerId + ", kid=" + kid() + "]";
    }
  }

  /**
   * An example school by name: {@value #ROC_VOORBEELD}, {@value #HS_VOORBEELD} or {@value
   * #UNTRUSTED_SCHOOL}.
   */
  public static School school(String name) {
    ExampleSchool s = ExampleSchool.bySlug(Objects.requireNonNull(name, "name"));
    SigningKey key = KeyLoader.signingKeyFromPem(read(s.privateKeyFile()), read(s.chainFile()));
    return new School(s.slug, s.displayName, s.issuerId(), key);
  }

  /** The school that is not in the example trust list. */
  public static School untrusted() {
    return school(UNTRUSTED_SCHOOL);
  }

  /** The names of the schools in the example trust list. */
  public static List<String> trustedSchoolNames() {
    return List.of(ROC_VOORBEELD, HS_VOORBEELD);
  }

  /** The example trust list (both trusted schools: pinned JWKs and the root CA as anchor). */
  public static String trustListJson() {
    return read(TRUST_LIST_FILE);
  }

  /** The example trust list, parsed. */
  public static TrustList trustList() {
    return TrustList.parse(trustListJson().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The example trust list with issuer ids replaced, e.g. by {@code http://127.0.0.1:<port>/t/...}
   * for a test server on a random port. Pinned keys still resolve; x5c chains no longer do, because
   * the certificates name the original ids.
   *
   * @param issuerIdsBySchool school name to the id to use instead
   */
  public static String trustListJsonWithIssuerIds(Map<String, String> issuerIdsBySchool) {
    ObjectNode root = Json.parseObject(trustListJson().getBytes(StandardCharsets.UTF_8));
    for (JsonNode issuer : root.get("issuers")) {
      for (Map.Entry<String, String> e : issuerIdsBySchool.entrySet()) {
        if (ExampleSchool.bySlug(e.getKey()).issuerId().equals(issuer.get("id").asText())) {
          ((ObjectNode) issuer).put("id", e.getValue());
        }
      }
    }
    return new String(Json.write(root), StandardCharsets.UTF_8);
  }

  /** The DEVELOPMENT ONLY root CA certificate (the trust anchor of the trusted schools). */
  public static X509Certificate rootCaCertificate() {
    return KeyLoader.certificatesFromPem(read(ROOT_CA_CERT_FILE)).get(0);
  }

  /** The DEVELOPMENT ONLY root CA private key, for tests that mint extra certificates. */
  public static ECPrivateKey rootCaPrivateKey() {
    return KeyLoader.privateKeyFromPem(read(ROOT_CA_KEY_FILE));
  }

  /** The CA that certified the untrusted school; it is in no trust list. */
  public static X509Certificate untrustedCaCertificate() {
    return KeyLoader.certificatesFromPem(read(UNTRUSTED_CA_CERT_FILE)).get(0);
  }

  private static String read(String file) {
    String path = RESOURCE_DIR + file;
    try (InputStream in = ExampleKeys.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(
            "example resource " + path + " is missing; regenerate as keys-example/README.md says");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read example resource " + path, e);
    }
  }
}
