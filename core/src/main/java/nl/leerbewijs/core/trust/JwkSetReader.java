package nl.leerbewijs.core.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.core.keys.IssuerKey;
import nl.leerbewijs.core.keys.KeyFormatException;
import nl.leerbewijs.core.keys.KeyLoader;

/**
 * Reads a JWK Set (RFC 7517 section 5) of P-256 signing keys: the one reader behind the keys a
 * trust list pins and the keys an issuer publishes in its metadata. Private key members are
 * refused; a key's {@code kid} must be a non-empty string when present (else its RFC 7638
 * thumbprint) and unique. A key that is not an ES256 signing key is refused in a trust list (which
 * we write) and skipped in an issuer's document (which may list keys for other uses).
 */
final class JwkSetReader {

  /** What to do with a key that is not an EC P-256 key for ES256 signatures. */
  enum Foreign {
    REFUSE,
    SKIP
  }

  /**
   * What is wrong ({@code reason}) and where ({@code field}, a path like {@code jwks.keys[1].d}).
   */
  static final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String field;
    final String reason;

    Problem(String field, String reason) {
      super(field + ": " + reason, null, false, false);
      this.field = field;
      this.reason = reason;
    }
  }

  private JwkSetReader() {}

  /**
   * @param at the set's own field name, or {@code "$"} for a whole document
   * @param maxKeys most keys accepted in the set
   * @throws Problem naming the field and what is wrong
   */
  static List<IssuerKey> read(JsonNode set, String at, Foreign foreign, int maxKeys) {
    String prefix = at.equals("$") ? "" : at + ".";
    if (set == null || !set.isObject()) {
      throw new Problem(at, "must be a JWK Set object");
    }
    JsonNode keys = set.get(TrustListFormat.KEYS);
    if (keys == null || !keys.isArray()) {
      throw new Problem(prefix + TrustListFormat.KEYS, "must be an array");
    }
    if (keys.size() > maxKeys) {
      throw new Problem(
          prefix + TrustListFormat.KEYS, "has " + keys.size() + " keys, more than " + maxKeys);
    }
    List<IssuerKey> out = new ArrayList<>();
    Set<String> kids = new HashSet<>();
    for (int i = 0; i < keys.size(); i++) {
      String field = prefix + TrustListFormat.KEYS + "[" + i + "]";
      IssuerKey key = key(keys.get(i), field, foreign);
      if (key == null) {
        continue;
      }
      if (!kids.add(key.kid())) {
        throw new Problem(field + ".kid", "duplicate kid " + TrustListFormat.printable(key.kid()));
      }
      out.add(key);
    }
    return out;
  }

  /** The key, or null when it is foreign and foreign keys are skipped. */
  private static IssuerKey key(JsonNode jwk, String field, Foreign foreign) {
    if (!jwk.isObject()) {
      throw new Problem(field, "must be a JWK object");
    }
    for (String secret : TrustListFormat.PRIVATE_JWK_MEMBERS) {
      if (jwk.has(secret)) {
        throw new Problem(
            field + "." + secret, "private key material ('" + secret + "') is never accepted");
      }
    }
    String problem = null;
    String where = field;
    if (!"EC".equals(jwk.path("kty").textValue()) || !"P-256".equals(jwk.path("crv").textValue())) {
      problem = "must be an EC P-256 key";
    } else if (jwk.has("use") && !"sig".equals(jwk.get("use").textValue())) {
      problem = "must be \"sig\" when present";
      where = field + ".use";
    } else if (jwk.has("alg") && !EcKeys.ES256.equals(jwk.get("alg").textValue())) {
      problem = "must be \"ES256\" when present";
      where = field + ".alg";
    }
    if (problem != null) {
      if (foreign == Foreign.SKIP) {
        return null;
      }
      throw new Problem(where, problem);
    }
    ObjectNode bare = Json.object();
    for (String m : List.of("kty", "crv", "x", "y")) {
      bare.set(m, jwk.get(m));
    }
    ECPublicKey key;
    try {
      key = KeyLoader.publicKeyFromJwk(bare.toString());
    } catch (KeyFormatException e) {
      throw new Problem(field, e.getMessage());
    }
    JsonNode kid = jwk.get("kid");
    if (kid == null) {
      return IssuerKey.of(key);
    }
    if (!kid.isTextual() || kid.textValue().isBlank()) {
      throw new Problem(field + ".kid", "must be a non-empty string");
    }
    return new IssuerKey(kid.textValue(), key, List.of());
  }
}
