package nl.leerbewijs.verifier.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import nl.leerbewijs.verifier.tls.TlsFiles;
import nl.leerbewijs.verifier.trust.TrustListFile;

/**
 * {@code GET /health}: 200 {@code {"status":"up", "trust_list": {...}}}, and with https {@code
 * "tls": {...}}: the certificate's subject, names and expiry, for monitoring to warn before it
 * expires. A changed trust list file or https certificate that was refused does not make the
 * service unhealthy (the previous one stays in force), but {@code error} says why it was refused.
 */
public final class HealthRoutes {
  private final TrustListFile trustList;
  private final TlsFiles tls;

  /**
   * @param tls the https files; null without https
   */
  public HealthRoutes(TrustListFile trustList, TlsFiles tls) {
    this.trustList = trustList;
    this.tls = tls;
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
    JsonObject body = new JsonObject().put("status", "up").put("trust_list", list);
    if (tls != null) {
      body.put("tls", tls());
    }
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body.encode());
  }

  private JsonObject tls() {
    TlsFiles.Loaded l = tls.loaded();
    JsonObject out =
        new JsonObject()
            .put("subject", l.key().subject())
            .put("names", new JsonArray(l.key().names()))
            .put("not_after", l.key().notAfter().toString())
            .put("loaded_at", l.loadedAt().toString());
    tls.lastError().ifPresent(e -> out.put("error", e));
    return out;
  }
}
