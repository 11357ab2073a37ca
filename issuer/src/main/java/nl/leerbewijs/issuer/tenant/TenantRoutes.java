package nl.leerbewijs.issuer.tenant;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import nl.leerbewijs.issuer.config.IssuerConfig;
import nl.leerbewijs.issuer.http.ApiGuard;

/** {@code GET /api/v1/tenants/:tenant}: the caller's own tenant (any scope). */
public final class TenantRoutes {
  private final ApiGuard guard;
  private final IssuerConfig config;

  public TenantRoutes(ApiGuard guard, IssuerConfig config) {
    this.guard = guard;
    this.config = config;
  }

  public void addRoutes(Router router) {
    router.get("/api/v1/tenants/:tenant").handler(guard.authenticated()).handler(this::get);
  }

  private void get(RoutingContext ctx) {
    Tenant t = ApiGuard.principal(ctx).tenant();
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(toJson(t, config.issuerIdentifier(t.path())).encode());
  }

  static JsonObject toJson(Tenant t, String issuer) {
    return new JsonObject()
        .put("id", t.id().toString())
        .put("path", t.path())
        .put("name", t.name())
        .put("issuer", issuer)
        .put("brin", t.brin())
        .put("oin", t.oin())
        .put("kvk", t.kvk())
        .put("credential_types", t.credentialTypes())
        .put("ects_min", t.ectsMin() == null ? null : t.ectsMin().toPlainString())
        .put("ects_max", t.ectsMax() == null ? null : t.ectsMax().toPlainString())
        .put("created_at", t.createdAt().toString());
  }
}
