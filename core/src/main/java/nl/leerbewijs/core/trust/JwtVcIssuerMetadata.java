package nl.leerbewijs.core.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.keys.IssuerKey;

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

  public static final String ISSUER = "issuer";
  public static final String JWKS = "jwks";
  public static final String JWKS_URI = "jwks_uri";

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
              + TrustListFormat.printable(issuer.textValue())
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
            "'"
                + JWKS_URI
                + "' "
                + TrustListFormat.printable(uri.textValue())
                + " is not an absolute URL");
      }
      return new JwtVcIssuerMetadata(expectedIssuer, List.of(), Optional.of(u));
    } catch (URISyntaxException e) {
      throw new IssuerMetadataException(
          "'" + JWKS_URI + "' " + TrustListFormat.printable(uri.textValue()) + " is not a URL");
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
    List<IssuerKey> keys;
    try {
      keys = JwkSetReader.read(set, at, JwkSetReader.Foreign.SKIP, MAX_KEYS);
    } catch (JwkSetReader.Problem p) {
      throw new IssuerMetadataException(p.getMessage());
    }
    if (keys.isEmpty()) {
      throw new IssuerMetadataException(at + " has no usable EC P-256 signing key");
    }
    return keys;
  }
}
