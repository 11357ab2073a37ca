package nl.leerbewijs.core.trust;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import nl.leerbewijs.core.http.BoundedHttpClient;
import nl.leerbewijs.core.http.WellKnown;
import nl.leerbewijs.core.keys.IssuerKey;

/**
 * Fetches an issuer's signing keys from its JWT VC Issuer Metadata (draft-ietf-oauth-sd-jwt-vc):
 * {@code GET <origin>/.well-known/jwt-vc-issuer<path of iss>}, and, when the metadata names a
 * {@code jwks_uri}, the JWK Set there. No caching here: see {@link IssuerMetadataKeys}.
 *
 * <p>Security contract: the only addresses fetched are the one derived from {@code iss} and a
 * {@code jwks_uri} on the <em>same origin</em> (scheme, host and port) as {@code iss}; a {@code
 * jwks_uri} elsewhere is refused, so metadata cannot send the fetcher to another host. The {@link
 * BoundedHttpClient} adds https only (plain http only to loopback when it allows it), timeouts, a
 * size cap and no redirects. Which {@code iss} may be fetched at all is the caller's decision: the
 * verifier fetches only for issuers on its trust list that opt in ({@code keys_from_metadata}).
 * Keys returned here are only as trustworthy as that https address.
 */
public final class JwtVcIssuerMetadataClient {

  /** Accept header for the metadata document. */
  static final String ACCEPT_METADATA = "application/json";

  /** Accept header for a JWK Set at {@code jwks_uri} (RFC 7517 section 8.5.1). */
  static final String ACCEPT_JWK_SET = "application/jwk-set+json, application/json";

  /**
   * The keys found, and how long the answers may be reused by their {@code Cache-Control} (the
   * shorter of the two documents'); empty when they do not say.
   */
  public record Fetched(List<IssuerKey> keys, Optional<Duration> maxAge) {
    public Fetched {
      keys = List.copyOf(keys);
      Objects.requireNonNull(maxAge, "maxAge");
    }
  }

  private final BoundedHttpClient http;

  public JwtVcIssuerMetadataClient(BoundedHttpClient http) {
    this.http = Objects.requireNonNull(http, "http");
  }

  /** The metadata address for {@code iss}: the well-known segment between host and path. */
  static URI metadataUri(String iss) throws IssuerMetadataException {
    Optional<String> problem = IssuerUris.issuerIdProblem(iss);
    if (problem.isPresent()) {
      throw new IssuerMetadataException(
          "issuer " + TrustListFormat.printable(String.valueOf(iss)) + " " + problem.get());
    }
    return WellKnown.uri(iss, WellKnown.JWT_VC_ISSUER);
  }

  /**
   * Fetches the metadata of {@code iss} and its keys.
   *
   * @throws IOException when the issuer cannot be reached, does not answer in time, answers with
   *     more bytes than allowed, or with a server error (5xx, 429): worth trying again later
   * @throws IssuerMetadataException when an answer is there but unusable (see {@link
   *     JwtVcIssuerMetadata}), or is an HTTP error other than those
   */
  public Fetched fetch(String iss) throws IOException, IssuerMetadataException {
    URI where = metadataUri(iss);
    BoundedHttpClient.Response r = get(where, ACCEPT_METADATA, "issuer metadata");
    JwtVcIssuerMetadata metadata;
    try {
      metadata = JwtVcIssuerMetadata.parse(r.body(), iss);
    } catch (IssuerMetadataException e) {
      throw new IssuerMetadataException("issuer metadata at " + where + ": " + e.getMessage());
    }
    if (metadata.jwksUri().isEmpty()) {
      return new Fetched(metadata.keys(), r.maxAge());
    }
    URI jwksUri = metadata.jwksUri().get();
    if (!IssuerUris.sameOrigin(iss, jwksUri.toString())) {
      throw new IssuerMetadataException(
          "issuer metadata at "
              + where
              + ": jwks_uri "
              + TrustListFormat.printable(jwksUri.toString())
              + " is not on the issuer's own origin, so it is not fetched");
    }
    BoundedHttpClient.Response k = get(jwksUri, ACCEPT_JWK_SET, "key set");
    List<IssuerKey> keys;
    try {
      keys = JwtVcIssuerMetadata.parseJwkSet(k.body());
    } catch (IssuerMetadataException e) {
      throw new IssuerMetadataException("key set at " + jwksUri + ": " + e.getMessage());
    }
    return new Fetched(keys, shorter(r.maxAge(), k.maxAge()));
  }

  private BoundedHttpClient.Response get(URI uri, String accept, String what)
      throws IOException, IssuerMetadataException {
    BoundedHttpClient.Response r = http.get(uri, accept);
    if (r.status() >= 500 || r.status() == 429) {
      throw new IOException(what + " at " + uri + " is unavailable (HTTP " + r.status() + ")");
    }
    if (r.status() != 200) {
      throw new IssuerMetadataException(
          what + " at " + uri + " answered HTTP " + r.status() + ", expected 200");
    }
    String type = r.mediaType();
    if (!type.isEmpty() && !type.equals("application/json") && !type.endsWith("+json")) {
      throw new IssuerMetadataException(
          what
              + " at "
              + uri
              + " has content type "
              + TrustListFormat.printable(type)
              + ", not application/json");
    }
    return r;
  }

  private static Optional<Duration> shorter(Optional<Duration> a, Optional<Duration> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return a.get().compareTo(b.get()) <= 0 ? a : b;
  }
}
