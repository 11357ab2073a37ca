package nl.leerbewijs.issuer.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import nl.leerbewijs.issuer.apikey.ApiKeyPrincipal;
import nl.leerbewijs.issuer.apikey.ApiKeyService;
import nl.leerbewijs.issuer.apikey.Scope;

/**
 * The handlers that come before every tenant API route: a bounded body reader and API-key
 * authentication with a scope check.
 *
 * <p>Security contract of {@link #require(Scope)}: the caller presents {@code Authorization: Bearer
 * lbk_...}; missing, malformed, unknown or revoked keys get 401; the key's tenant must equal the
 * {@code :tenant} path parameter when the route has one, else 404 (as if the tenant did not exist,
 * so that keys cannot probe other tenants); a key without the scope gets 403. Routes read the
 * caller with {@link #principal(RoutingContext)}, never from the request.
 */
public final class ApiGuard {
  /** Path parameter naming the tenant in tenant API routes. */
  public static final String TENANT_PARAM = "tenant";

  private static final String PRINCIPAL = "leerbewijs.principal";
  private static final String BEARER = "Bearer ";

  private final ApiKeyService apiKeys;
  private final long maxBodyBytes;

  public ApiGuard(ApiKeyService apiKeys, long maxBodyBytes) {
    this.apiKeys = apiKeys;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Reads the request body up to the configured JSON limit (413 beyond it). */
  public Handler<RoutingContext> jsonBody() {
    return BodyHandler.create(false).setBodyLimit(maxBodyBytes);
  }

  /** Reads the request body up to {@code limit} bytes (for CSV uploads). */
  public Handler<RoutingContext> body(long limit) {
    return BodyHandler.create(false).setBodyLimit(limit);
  }

  /** Authenticates the API key, whatever its scopes (see the class comment). */
  public Handler<RoutingContext> authenticated() {
    return require(null);
  }

  /** Authenticates the API key and requires {@code scope} (see the class comment). */
  public Handler<RoutingContext> require(Scope scope) {
    return ctx -> {
      String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
      if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        ctx.fail(
            ProblemException.unauthorized(
                "missing_api_key", "send the API key as 'Authorization: Bearer lbk_...'"));
        return;
      }
      apiKeys
          .authenticate(header.substring(BEARER.length()).trim())
          .onFailure(ctx::fail)
          .onSuccess(
              p -> {
                String tenant = ctx.pathParam(TENANT_PARAM);
                if (tenant != null && !tenant.equals(p.tenant().path())) {
                  ctx.fail(ProblemException.notFound("tenant_not_found", "no such tenant"));
                } else if (scope != null && !p.has(scope)) {
                  ctx.fail(
                      ProblemException.forbidden(
                          "insufficient_scope", "this API key lacks scope '" + scope.code() + "'"));
                } else {
                  ctx.put(PRINCIPAL, p);
                  ctx.next();
                }
              });
    };
  }

  /** The authenticated caller of a guarded route. */
  public static ApiKeyPrincipal principal(RoutingContext ctx) {
    ApiKeyPrincipal p = ctx.get(PRINCIPAL);
    if (p == null) {
      throw new IllegalStateException("route is not guarded by ApiGuard.require");
    }
    return p;
  }
}
