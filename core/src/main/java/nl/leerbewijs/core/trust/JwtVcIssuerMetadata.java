package nl.leerbewijs.core.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.core.keys.IssuerKey;
import nl.leerbewijs.core.keys.KeyFormatException;
import nl.leerbewijs.core.keys.KeyLoader;

/**
 * An issuer's JWT VC Issuer Metadata (draft-ietf-oauth-sd-jwt-vc, section "JWT VC Issuer
 * Metadata"), parsed and checked: {@code issuer} identical to the expected {@code iss}, and exactly
 * one of {@code jwks} (the keys, by value) and {@code jwks_uri} (where the keys are). Other members
 * are ignored, as the draft allows.
 *
 * <p>Keys: only public EC P-256 keys whose {@code use} (when present) is {@code sig} and whose
 * {@code alg} (when present) is {@code ES256} are taken; other keys (RSA, encryption keys) are
 * skipped. A key with private members makes the whole document unusable, as do an EC P-256 key that
 * does not load (bad coordinates), duplicate {@code kid}s, more than {@value #MAX_KEYS} keys, or no
 * usable key at all. A key's {@code kid} defaults to its RFC 7638 thumbprint. Members such as
 * {@code x5c} in a JWK are ignored: only the raw key is used.
 *
 * @param issuer the {@code issuer} member (equal to the expected {@code iss})
 * @param keys the usable keys of {@code jwks}; empty when the metadata has {@code jwks_uri}
 * @param jwksUri the {@code jwks_uri} member, when present
 */
public record JwtVcIssuerMetadata(String issuer, List<IssuerKey> keys, Optional<URI> jwksUri) {

  /** The well-known path segment ({@code /.well-known/jwt-vc-issuer}). */
  public static final String ISSUER = "issuer";

  public static final String JWKS = "jwks";
  public static final String JWKS_URI = "jwks_uri";
  public static final String KEYS = "keys";

  /** Most keys accepted in one JWK Set. */
  public static final int MAX_KEYS = 100;

  public JwtVcIssuerMetadata {
    Objects.requireNonNull(issuer, "issuer");
    keys = List.copyOf(keys);
    Objects.requireNonNull(jwksUri, "jwksUri");
  }

  /**
   * Parses a metadata document and checks it against the {@code iss} it was fetched for.
   *
   * @throws IssuerMetadataException naming the member that breaks a rule
   */
  public static JwtVcIssuerMetadata parse(byte[] json, String expectedIssuer)
      throws IssuerMetadataException {
    ObjectNode doc = object(json);
    JsonNode issuer = doc.get(ISSUER);
    if (issuer == null || !issuer.isTextual()) {
      throw new IssuerMetadataException("'" + ISSUER + "' is missing or not a string");
    }
    if (!issuer.textValue().equals(expectedIssuer)) {
      throw new IssuerMetadataException(
          "'"
              + ISSUER
              + "' is "
              + abbreviate(issuer.textValue())
              + ", not the credential issuer "
              + expectedIssuer);
    }
    boolean hasJwks = doc.has(JWKS);
    boolean hasJwksUri = doc.has(JWKS_URI);
    if (hasJwks == hasJwksUri) {
      throw new IssuerMetadataException(
          hasJwks
              ? "has both 'jwks' and 'jwks_uri'; exactly one is allowed"
              : "has neither 'jwks' nor 'jwks_uri'");
    }
    if (hasJwks) {
      return new JwtVcIssuerMetadata(expectedIssuer, keys(doc.get(JWKS), JWKS), Optional.empty());
    }
    JsonNode uri = doc.get(JWKS_URI);
    if (!uri.isTextual()) {
      throw new IssuerMetadataException("'" + JWKS_URI + "' is not a string");
    }
    try {
      URI u = new URI(uri.textValue());
      if (!u.isAbsolute() || u.getHost() == null) {
        throw new IssuerMetadataException(
            "'" + JWKS_URI + "' " + abbreviate(uri.textValue()) + " is not an absolute URL");
      }
      return new JwtVcIssuerMetadata(expectedIssuer, List.of(), Optional.of(u));
    } catch (URISyntaxException e) {
      throw new IssuerMetadataException(
          "'" + JWKS_URI + "' " + abbreviate(uri.textValue()) + " is not a URL");
    }
  }

  /**
   * Parses a JWK Set document (RFC 7517 section 5), as served at a {@code jwks_uri}, with the key
   * rules of this class.
   *
   * @throws IssuerMetadataException naming the member that breaks a rule
   */
  public static List<IssuerKey> parseJwkSet(byte[] json) throws IssuerMetadataException {
    return keys(object(json), "$");
  }

  private static ObjectNode object(byte[] json) throws IssuerMetadataException {
    try {
      return Json.parseObject(json);
    } catch (Json.JsonParseFailure e) {
      throw new IssuerMetadataException("not a JSON object: " + e.getMessage());
    }
  }

  private static List<IssuerKey> keys(JsonNode set, String at) throws IssuerMetadataException {
    if (!set.isObject() || !set.path(KEYS).isArray()) {
      throw new IssuerMetadataException(at + " is not a JWK Set (an object with a 'keys' array)");
    }
    JsonNode keys = set.get(KEYS);
    if (keys.size() > MAX_KEYS) {
      throw new IssuerMetadataException(
          at + " has " + keys.size() + " keys, more than " + MAX_KEYS);
    }
    List<IssuerKey> out = new ArrayList<>();
    Set<String> kids = new HashSet<>();
    for (int i = 0; i < keys.size(); i++) {
      String field = (at.equals("$") ? "" : at + ".") + KEYS + "[" + i + "]";
      IssuerKey k = key(keys.get(i), field);
      if (k == null) {
        continue;
      }
      if (!kids.add(k.kid())) {
        throw new IssuerMetadataException(field + ": duplicate kid " + abbreviate(k.kid()));
      }
      out.add(k);
    }
    if (out.isEmpty()) {
      throw new IssuerMetadataException(at + " has no usable EC P-256 signing key");
    }
    return out;
  }

  /** The key, or null when it is not a P-256 signing key (and so simply not ours to use). */
  private static IssuerKey key(JsonNode jwk, String field) throws IssuerMetadataException {
    if (!jwk.isObject()) {
      throw new IssuerMetadataException(field + " is not a JWK object");
    }
    for (String secret : TrustListFormat.PRIVATE_JWK_MEMBERS) {
      if (jwk.has(secret)) {
        throw new IssuerMetadataException(
            field + " publishes private key material ('" + secret + "')");
      }
    }
    if (!"EC".equals(jwk.path("kty").textValue())
        || !"P-256".equals(jwk.path("crv").textValue())
        || (jwk.has("use") && !"sig".equals(jwk.get("use").textValue()))
        || (jwk.has("alg") && !EcKeys.ES256.equals(jwk.get("alg").textValue()))) {
      return null;
    }
    ObjectNode bare = Json.object();
    for (String m : List.of("kty", "crv", "x", "y")) {
      bare.set(m, jwk.get(m));
    }
    ECPublicKey key;
    try {
      key = KeyLoader.publicKeyFromJwk(bare.toString());
    } catch (KeyFormatException e) {
      throw new IssuerMetadataException(field + ": " + e.getMessage());
    }
    JsonNode kid = jwk.get("kid");
    if (kid == null) {
      return IssuerKey.of(key);
    }
    if (!kid.isTextual() || kid.textValue().isEmpty()) {
      throw new IssuerMetadataException(field + ".kid is not a non-empty string");
    }
    return new IssuerKey(kid.textValue(), key, List.of());
  }

  /** Text from a server, shortened and without control characters, for a message. */
  static String abbreviate(String s) {
    String t = s.length() <= 80 ? s : s.substring(0, 80) + "...";
    return t.replaceAll("\\p{Cntrl}", "?");
  }
}
