package nl.leerbewijs.verifier.status;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import nl.leerbewijs.core.http.BoundedHttpClient;
import nl.leerbewijs.core.status.StatusListNames;
import nl.leerbewijs.core.verify.StatusListFetcher;

/**
 * Fetches status list tokens over HTTP with core's {@link BoundedHttpClient} (timeouts, body cap,
 * no redirects, https only unless loopback http is allowed), asking for {@value #MEDIA_TYPE}.
 *
 * <p>Which URIs are fetched is decided before this class is called: the verification engine only
 * asks for status lists under a trusted issuer's prefixes. The token returned here is not trusted
 * yet; {@code TrustedStatusSource} verifies its signature against the issuer's keys.
 */
public final class HttpStatusListFetcher implements StatusListFetcher {

  /** Media type of a status list token in JWT form (draft-ietf-oauth-status-list). */
  public static final String MEDIA_TYPE = StatusListNames.MEDIA_TYPE_STATUSLIST_JWT;

  private final BoundedHttpClient client;

  public HttpStatusListFetcher(BoundedHttpClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public String fetch(String uri) throws IOException {
    URI target;
    try {
      target = new URI(uri);
    } catch (URISyntaxException e) {
      throw new IOException("status list address is not a URI: " + e.getReason());
    }
    BoundedHttpClient.Response r = client.get(target, MEDIA_TYPE);
    if (!r.isSuccess()) {
      throw new IOException("status list " + uri + " answered HTTP " + r.status());
    }
    String type = r.mediaType();
    if (!type.isEmpty() && !type.equals(MEDIA_TYPE) && !type.equals("application/jwt")) {
      throw new IOException(
          "status list " + uri + " answered with content type " + type + ", not " + MEDIA_TYPE);
    }
    return r.bodyText().strip();
  }
}
