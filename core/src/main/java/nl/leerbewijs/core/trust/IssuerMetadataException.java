package nl.leerbewijs.core.trust;

/**
 * An issuer's JWT VC Issuer Metadata (or the JWK Set it points to) was fetched but cannot be used:
 * not JSON, another {@code issuer}, both or neither of {@code jwks} and {@code jwks_uri}, a {@code
 * jwks_uri} on another origin, no usable key, an HTTP error answer. The message names the address
 * and what is wrong, never key material.
 *
 * <p>An issuer that cannot be reached at all (network, timeout, size limit) is an {@link
 * java.io.IOException} instead.
 */
public final class IssuerMetadataException extends Exception {

  private static final long serialVersionUID = 1L;

  public IssuerMetadataException(String message) {
    super(message);
  }
}
