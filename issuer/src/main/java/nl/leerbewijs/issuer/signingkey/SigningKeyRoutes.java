package nl.leerbewijs.issuer.signingkey;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import nl.leerbewijs.issuer.apikey.ApiKeyPrincipal;
import nl.leerbewijs.issuer.apikey.Scope;
import nl.leerbewijs.issuer.http.ApiGuard;
import nl.leerbewijs.issuer.http.JsonBodies;

/**
 * A tenant's signing keys over its API (scope {@code admin}):
 *
 * <ul>
 *   <li>{@code GET /api/v1/tenants/:tenant/signing-keys}: public parts of all keys
 *   <li>{@code POST /api/v1/tenants/:tenant/signing-keys/rotate} with {@code {"reason": "..."}}: a
 *       new current key; the old one stays published
 * </ul>
 */
public final class SigningKeyRoutes {
  private static final int MAX_REASON = 500;

  private final ApiGuard guard;
  private final SigningKeyService keys;

  public SigningKeyRoutes(ApiGuard guard, SigningKeyService keys) {
    this.guard = guard;
    this.keys = keys;
  }

  public void addRoutes(Router router) {
    router
        .get("/api/v1/tenants/:tenant/signing-keys")
        .handler(guard.require(Scope.ADMIN))
        .handler(this::list);
    router
        .post("/api/v1/tenants/:tenant/signing-keys/rotate")
        .handler(guard.jsonBody())
        .handler(guard.require(Scope.ADMIN))
        .handler(this::rotate);
  }

  private void list(RoutingContext ctx) {
    ApiKeyPrincipal p = ApiGuard.principal(ctx);
    keys.list(p.tenant().path())
        .onFailure(ctx::fail)
        .onSuccess(
            tk -> {
              JsonArray out = new JsonArray();
              tk.keys().forEach(k -> out.add(toJson(k)));
              json(ctx, 200, new JsonObject().put("keys", out));
            });
  }

  private void rotate(RoutingContext ctx) {
    ApiKeyPrincipal p = ApiGuard.principal(ctx);
    JsonObject body = JsonBodies.object(ctx);
    String reason = JsonBodies.requiredString(body, "reason", MAX_REASON);
    keys.rotate(p.tenant().path(), p.actor(), reason)
        .onFailure(ctx::fail)
        .onSuccess(k -> json(ctx, 201, toJson(k)));
  }

  static JsonObject toJson(SigningKey k) {
    return new JsonObject()
        .put("kid", k.kid())
        .put("alg", k.alg())
        .put("status", k.status().code())
        .put("jwk", k.publishedJwk())
        .put("created_at", k.createdAt().toString())
        .put("retired_at", k.retiredAt() == null ? null : k.retiredAt().toString());
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body.encode());
  }
}
