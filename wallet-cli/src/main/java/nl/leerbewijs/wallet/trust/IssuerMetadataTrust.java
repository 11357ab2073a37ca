package nl.leerbewijs.wallet.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.core.http.BoundedHttpClient;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.core.keys.IssuerKey;
import nl.leerbewijs.core.keys.KeyFormatException;
import nl.leerbewijs.core.keys.KeyLoader;
import nl.leerbewijs.core.trust.IssuerIdentifiers;
import nl.leerbewijs.core.trust.TrustList;
import nl.leerbewijs.core.trust.TrustedIssuer;

/**
 * Trusts an issuer's keys as published in its SD-JWT VC issuer metadata, {@code
 * <origin>/.well-known/jwt-vc-issuer<issuer path>}: {@code {"issuer": iss, "jwks": {...}}} (or
 * {@code jwks_uri}).
 *
 * <p>Security contract: this proves that the credential was signed by whoever controls the web
 * address in {@code iss} (over https; plain http only for loopback addresses). It does not say that
 * this address belongs to a recognised school: that is what a trust list adds ({@link
 * ConfiguredTrust}). The {@code issuer} member must equal {@code iss} exactly; only public EC P-256
 * signing keys are taken; status lists are fetched only under {@code iss + "/"}.
 */
public final class IssuerMetadataTrust implements TrustSource {

  private static final List<String> ALL_TYPES =
      List.of(
          CredentialType.MICROCREDENTIAL.id(),
          CredentialType.MBO_CERTIFICAAT.id(),
          CredentialType.PRAKTIJKVERKLARING.id(),
          CredentialType.EVC_ERVARINGSCERTIFICAAT.id());

  private final BoundedHttpClient http;
  private final Map<String, TrustList> cache = new ConcurrentHashMap<>();

  public IssuerMetadataTrust(BoundedHttpClient http) {
    this.http = Objects.requireNonNull(http, "http");
  }

  @Override
  public String describe() {
    return "issuer metadata";
  }

  @Override
  public TrustList trustListFor(String iss) throws IOException, IssuerMetadataException {
    TrustList cached = cache.get(iss);
    if (cached != null) {
      return cached;
    }
    URI uri;
    try {
      uri = WellKnown.uri(iss, WellKnown.JWT_VC_ISSUER);
    } catch (IllegalArgumentException e) {
      throw new IssuerMetadataException(
          "issuer " + iss + " is not a usable URL: " + e.getMessage());
    }
    ObjectNode doc = getJson(uri, "issuer metadata of " + iss);
    if (!iss.equals(doc.path("issuer").textValue())) {
      throw new IssuerMetadataException(
          "issuer metadata at " + uri + " names another issuer: " + doc.path("issuer").asText("?"));
    }
    JsonNode jwks = doc.get("jwks");
    if (jwks == null && doc.path("jwks_uri").isTextual()) {
      URI jwksUri;
      try {
        jwksUri = URI.create(doc.get("jwks_uri").textValue());
      } catch (IllegalArgumentException e) {
        throw new IssuerMetadataException("issuer metadata of " + iss + ": bad jwks_uri");
      }
      jwks = getJson(jwksUri, "key set of " + iss);
    }
    if (jwks == null || !jwks.path("keys").isArray()) {
      throw new IssuerMetadataException("issuer metadata of " + iss + " has no keys (jwks)");
    }
    List<IssuerKey> keys = new ArrayList<>();
    for (JsonNode jwk : jwks.get("keys")) {
      IssuerKey k = keyOrNull(jwk);
      if (k != null && keys.stream().noneMatch(x -> x.kid().equals(k.kid()))) {
        keys.add(k);
      }
    }
    if (keys.isEmpty()) {
      throw new IssuerMetadataException(
          "issuer metadata of " + iss + " has no usable EC P-256 signing key");
    }
    TrustedIssuer issuer =
        new TrustedIssuer(
            iss, Map.of(), IssuerIdentifiers.NONE, ALL_TYPES, keys, List.of(), List.of(iss + "/"));
    TrustList list = TrustList.of("issuer metadata of " + iss, List.of(issuer));
    cache.put(iss, list);
    return list;
  }

  private ObjectNode getJson(URI uri, String what) throws IOException, IssuerMetadataException {
    BoundedHttpClient.Response r = http.get(uri, "application/json");
    if (!r.isSuccess()) {
      throw new IssuerMetadataException(
          what + " not found at " + uri + " (HTTP " + r.status() + ")");
    }
    try {
      return Json.parseObject(r.body());
    } catch (RuntimeException e) {
      throw new IssuerMetadataException(what + " at " + uri + " is not a JSON object");
    }
  }

  private static IssuerKey keyOrNull(JsonNode jwk) {
    if (!jwk.isObject()
        || !"EC".equals(jwk.path("kty").textValue())
        || (jwk.has("use") && !"sig".equals(jwk.path("use").textValue()))
        || jwk.has("d")) {
      return null;
    }
    ObjectNode bare = Json.object();
    for (String m : List.of("kty", "crv", "x", "y")) {
      bare.set(m, jwk.get(m));
    }
    try {
      var pub = KeyLoader.publicKeyFromJwk(bare.toString());
      String kid =
          jwk.path("kid").isTextual() ? jwk.get("kid").textValue() : EcKeys.thumbprint(pub);
      return new IssuerKey(kid, pub, List.of());
    } catch (KeyFormatException | IllegalArgumentException e) {
      return null;
    }
  }
}
