package nl.leerbewijs.verifier.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import nl.leerbewijs.verifier.trust.TrustListFile;

/**
 * {@code GET /health}: 200 {@code {"status":"up", "trust_list": {...}}}. A changed trust list file
 * that was refused does not make the service unhealthy (the previous list stays in force), but
 * {@code trust_list.error} says why it was refused.
 */
public final class HealthRoutes {
  private final TrustListFile trustList;

  public HealthRoutes(TrustListFile trustList) {
    this.trustList = trustList;
  }

  public void addRoutes(Router router) {
    router.get("/health").handler(this::health);
  }

  private void health(RoutingContext ctx) {
    TrustListFile.Loaded l = trustList.loaded();
    JsonObject list =
        new JsonObject()
            .put("name", l.trustList().name())
            .put("issuers", l.trustList().issuers().size())
            .put("loaded_at", l.loadedAt().toString())
            .put("sha256", l.sha256());
    trustList.lastError().ifPresent(e -> list.put("error", e));
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(new JsonObject().put("status", "up").put("trust_list", list).encode());
  }
}
