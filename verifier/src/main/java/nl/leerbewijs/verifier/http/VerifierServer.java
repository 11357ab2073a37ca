package nl.leerbewijs.verifier.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.function.Consumer;

/**
 * The verifier's HTTP server: one {@link Router} assembled from the {@code *Routes} classes, with
 * the single {@link ProblemHandler} for failures, unknown routes (404) and wrong methods (405), and
 * security headers on every response.
 */
public final class VerifierServer {
  private final Vertx vertx;
  private final String host;
  private final int port;
  private final Router router;
  private HttpServer server;

  public VerifierServer(Vertx vertx, String host, int port, List<Consumer<Router>> areas) {
    this.vertx = vertx;
    this.host = host;
    this.port = port;
    this.router = Router.router(vertx);
    ProblemHandler problems = new ProblemHandler();
    router.route().failureHandler(problems);
    router.errorHandler(404, problems);
    router.errorHandler(405, problems);
    router.errorHandler(500, problems);
    router
        .route()
        .handler(
            ctx -> {
              ctx.response()
                  .putHeader("X-Content-Type-Options", "nosniff")
                  .putHeader("Referrer-Policy", "no-referrer")
                  .putHeader("X-Frame-Options", "DENY");
              ctx.next();
            });
    areas.forEach(a -> a.accept(router));
  }

  /** Starts listening; the future gives the actual port (useful with port 0). */
  public Future<Integer> start() {
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(host)
            .setPort(port)
            .setMaxInitialLineLength(8192)
            .setMaxHeaderSize(16 * 1024)
            .setCompressionSupported(true)
            // No WebSockets here: without these the WebSocket extension handler stays out of
            // every connection's pipeline, where it inspected each request and response.
            .setPerFrameWebSocketCompressionSupported(false)
            .setPerMessageWebSocketCompressionSupported(false);
    return vertx
        .createHttpServer(options)
        .requestHandler(router)
        .listen()
        .map(
            s -> {
              server = s;
              return s.actualPort();
            });
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
