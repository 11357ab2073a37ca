package nl.leerbewijs.core.http;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Well-known metadata URLs: the well-known segment is inserted between the host and the path of an
 * identifier, after removing a terminating {@code /} from the path (RFC 8414 section 3.1;
 * OpenID4VCI 1.0 section 12.2.2; draft-ietf-oauth-sd-jwt-vc "JWT VC Issuer Metadata"), so {@code
 * https://h/t/school} and {@code https://h/t/school/} both give {@code
 * https://h/.well-known/<name>/t/school}.
 */
public final class WellKnown {

  /** SD-JWT VC issuer metadata (draft-ietf-oauth-sd-jwt-vc). */
  public static final String JWT_VC_ISSUER = "jwt-vc-issuer";

  /** OpenID4VCI credential issuer metadata. */
  public static final String OPENID_CREDENTIAL_ISSUER = "openid-credential-issuer";

  /** OAuth 2.0 authorization server metadata (RFC 8414). */
  public static final String OAUTH_AUTHORIZATION_SERVER = "oauth-authorization-server";

  private WellKnown() {}

  /**
   * @throws IllegalArgumentException when {@code identifier} is not an absolute URL with a host, or
   *     has a query or fragment
   */
  public static URI uri(String identifier, String name) {
    URI id;
    try {
      id = new URI(identifier);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + e.getReason());
    }
    if (!id.isAbsolute() || id.getRawAuthority() == null || id.getHost() == null) {
      throw new IllegalArgumentException("not an absolute URL with a host");
    }
    if (id.getRawQuery() != null || id.getRawFragment() != null) {
      throw new IllegalArgumentException("identifier has a query or fragment");
    }
    String path = id.getRawPath() == null ? "" : id.getRawPath();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return URI.create(
        id.getScheme() + "://" + id.getRawAuthority() + "/.well-known/" + name + path);
  }
}
