package nl.leerbewijs.issuer.oid4vci;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * An OAuth 2.0 / OpenID4VCI error response: {@code {"error", "error_description"}} with the status
 * the spec gives (400 for token and credential request errors, 401 with {@code WWW-Authenticate}
 * for {@code invalid_token}). The description never holds secrets.
 */
public final class OAuthError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String error;

  public OAuthError(int status, String error, String description) {
    super(description, null, false, false);
    this.status = status;
    this.error = error;
  }

  public static OAuthError badRequest(String error, String description) {
    return new OAuthError(400, error, description);
  }

  public static OAuthError invalidToken(String description) {
    return new OAuthError(401, Oid4vciNames.INVALID_TOKEN, description);
  }

  public String error() {
    return error;
  }

  public int status() {
    return status;
  }

  /** Answers with this error, or passes any other failure on to the problem handler. */
  public static void respond(RoutingContext ctx, Throwable t) {
    if (!(t instanceof OAuthError)) {
      ctx.fail(t);
      return;
    }
    OAuthError e = (OAuthError) t;
    if (e.status == 401) {
      ctx.response()
          .putHeader(
              "WWW-Authenticate",
              "Bearer error=\""
                  + e.error
                  + "\", error_description=\""
                  + e.getMessage().replace("\"", "'")
                  + "\"");
    }
    ctx.response()
        .setStatusCode(e.status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(
            new JsonObject()
                .put("error", e.error)
                .put("error_description", e.getMessage())
                .encode());
  }
}
