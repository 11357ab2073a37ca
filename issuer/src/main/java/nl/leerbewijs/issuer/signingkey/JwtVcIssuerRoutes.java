package nl.leerbewijs.issuer.signingkey;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import nl.leerbewijs.issuer.config.IssuerConfig;
import nl.leerbewijs.issuer.tenant.NewTenant;
import nl.leerbewijs.issuer.tenant.TenantNotFoundException;

/**
 * JWT VC Issuer Metadata (draft-ietf-oauth-sd-jwt-vc, "JWT VC Issuer Metadata"): {@code {"issuer",
 * "jwks"}} with the tenant's current and retired public keys, so credentials signed before a
 * rotation still verify.
 *
 * <p>The issuer identifier is {@code <public base url>/t/<tenant>}; the draft derives the metadata
 * URL by inserting {@code /.well-known/jwt-vc-issuer} between host and path, which gives {@code
 * /.well-known/jwt-vc-issuer/t/<tenant>} (when the public base URL has no path of its own). We also
 * answer at {@code /.well-known/jwt-vc-issuer/<tenant>} for clients that use the tenant path alone.
 * Public and unauthenticated; cacheable for a few minutes.
 */
public final class JwtVcIssuerRoutes {
  /** Well-known path segment of JWT VC Issuer Metadata. */
  public static final String WELL_KNOWN = "/.well-known/jwt-vc-issuer";

  private static final int MAX_AGE_SECONDS = 300;

  private final SigningKeyService keys;
  private final IssuerConfig config;

  public JwtVcIssuerRoutes(SigningKeyService keys, IssuerConfig config) {
    this.keys = keys;
    this.config = config;
  }

  public void addRoutes(Router router) {
    router.get(WELL_KNOWN + "/t/:tenant").handler(this::metadata);
    router.get(WELL_KNOWN + "/:tenant").handler(this::metadata);
  }

  private void metadata(RoutingContext ctx) {
    String tenant = ctx.pathParam("tenant");
    if (!NewTenant.PATH.matcher(tenant).matches()) {
      ctx.fail(new TenantNotFoundException(tenant));
      return;
    }
    keys.list(tenant)
        .onFailure(ctx::fail)
        .onSuccess(
            tk -> {
              JsonArray jwks = new JsonArray();
              tk.keys().forEach(k -> jwks.add(k.publishedJwk()));
              JsonObject body =
                  new JsonObject()
                      .put("issuer", config.issuerIdentifier(tk.tenant().path()))
                      .put("jwks", new JsonObject().put("keys", jwks));
              ctx.response()
                  .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                  .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=" + MAX_AGE_SECONDS)
                  .end(body.encode());
            });
  }
}
