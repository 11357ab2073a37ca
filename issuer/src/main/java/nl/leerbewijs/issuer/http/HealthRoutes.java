package nl.leerbewijs.issuer.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;
import nl.leerbewijs.issuer.db.Database;

/** {@code GET /health}: 200 {"status":"up"} when the database answers, else 503. */
public final class HealthRoutes {
  private static final long DB_TIMEOUT_MS = 3000;

  private final Database db;

  public HealthRoutes(Database db) {
    this.db = db;
  }

  public void addRoutes(Router router) {
    router.get("/health").handler(this::health);
  }

  private void health(RoutingContext ctx) {
    db.ping()
        .timeout(DB_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .onComplete(
            r -> {
              JsonObject body =
                  r.succeeded()
                      ? new JsonObject().put("status", "up")
                      : new JsonObject().put("status", "down").put("database", "unreachable");
              ctx.response()
                  .setStatusCode(r.succeeded() ? 200 : 503)
                  .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                  .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                  .end(body.encode());
            });
  }
}
