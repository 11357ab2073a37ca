package nl.leerbewijs.verifier.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import nl.leerbewijs.core.keys.TlsServerKey;
import nl.leerbewijs.verifier.tls.TlsFiles;

/**
 * The verifier's HTTP server: on each of {@code instances} event loops, one {@link Router}
 * assembled from the {@code *Routes} classes, with the single {@link ProblemHandler} for failures,
 * unknown routes (404) and wrong methods (405), and security headers on every response.
 *
 * <p>Several instances because most verifications run on the event loop that received them (see
 * {@link VerifyRoutes}): with one event loop they would all share one core. The instances share one
 * port, and Vert.x hands new connections to them in turn.
 *
 * <p>With {@link TlsFiles} the server speaks https only (TLS 1.2 and 1.3), sends {@code
 * Strict-Transport-Security}, and {@link #useKey} switches every instance to a renewed certificate
 * for new connections.
 */
public final class VerifierServer {

  /** What the https server offers: TLS 1.2 and 1.3, as browsers do. */
  static final Set<String> TLS_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

  /**
   * Whether TLS runs in BoringSSL (netty-tcnative, where its native library loads) or in the JDK.
   * The JDK 17's elliptic curves are slow: a new connection's full handshake cost the service
   * 3.6-3.9 ms of CPU with the JDK's TLS against 0.8 ms with BoringSSL
   * (verifier/scripts/tls-handshakes.sh). {@code -Dio.netty.handler.ssl.noOpenSsl=true} forces the
   * JDK's.
   */
  public static boolean nativeTls() {
    return NativeTls.AVAILABLE;
  }

  /** Asked only when https is on: the answer loads BoringSSL's native library. */
  private static final class NativeTls {
    static final boolean AVAILABLE = OpenSSLEngineOptions.isAvailable();
  }

  /** A year, without includeSubDomains: other services of the school's domain are not ours. */
  static final String HSTS = "max-age=31536000";

  private final Vertx vertx;
  private final String host;
  private final int port;
  private final int instances;
  private final List<Consumer<Router>> areas;
  private final TlsFiles tls;
  private final List<String> deployments = new ArrayList<>();
  private final List<HttpServer> servers = new ArrayList<>();

  /**
   * @param tls the https certificate and key; null: plain http
   */
  public VerifierServer(
      Vertx vertx,
      String host,
      int port,
      int instances,
      List<Consumer<Router>> areas,
      TlsFiles tls) {
    if (instances < 1) {
      throw new IllegalArgumentException("instances must be at least 1, not " + instances);
    }
    this.vertx = vertx;
    this.host = host;
    this.port = port;
    this.instances = instances;
    this.areas = List.copyOf(areas);
    this.tls = tls;
  }

  /** Starts listening; the future gives the actual port (useful with port 0). */
  public Future<Integer> start() {
    // Vert.x shares one listening socket among servers on the same port; for a free port (0) that
    // takes a negative port, the same for every instance, which Vert.x binds to one random port.
    int onPort = port == 0 ? -1 : port;
    Future<Integer> all = deploy(onPort);
    for (int i = 1; i < instances; i++) {
      all =
          all.compose(
              first ->
                  deploy(onPort)
                      .compose(
                          next ->
                              next.equals(first)
                                  ? Future.succeededFuture(first)
                                  : Future.failedFuture(
                                      "the HTTP server instances did not share one port: "
                                          + first
                                          + " and "
                                          + next)));
    }
    return all;
  }

  /** Deploys one instance on its own event loop; completes with the port it listens on. */
  private Future<Integer> deploy(int onPort) {
    Instance instance = new Instance(onPort);
    return vertx
        .deployVerticle(instance)
        .map(
            id -> {
              synchronized (deployments) {
                deployments.add(id);
              }
              return instance.actualPort;
            });
  }

  /** Starts using {@code key} for new connections on every instance; open ones keep theirs. */
  public Future<Void> useKey(TlsServerKey key) {
    ServerSSLOptions options = sslOptions(key);
    List<Future<Boolean>> updated = new ArrayList<>();
    synchronized (servers) {
      for (HttpServer s : servers) {
        updated.add(s.updateSSLOptions(options));
      }
    }
    return Future.all(updated).mapEmpty();
  }

  private static ServerSSLOptions sslOptions(TlsServerKey key) {
    return new ServerSSLOptions()
        .setKeyCertOptions(keyCert(key))
        .setEnabledSecureTransportProtocols(TLS_PROTOCOLS);
  }

  /** The checked pair in the normal PEM forms, as bytes: Vert.x does not read the files itself. */
  private static PemKeyCertOptions keyCert(TlsServerKey key) {
    return new PemKeyCertOptions()
        .setKeyValue(Buffer.buffer(key.privateKeyPem()))
        .setCertValue(Buffer.buffer(key.chainPem()));
  }

  public Future<Void> stop() {
    List<Future<Void>> undeployed = new ArrayList<>();
    synchronized (deployments) {
      for (String id : deployments) {
        undeployed.add(vertx.undeploy(id));
      }
      deployments.clear();
    }
    synchronized (servers) {
      servers.clear();
    }
    return Future.all(undeployed).mapEmpty();
  }

  private Router router() {
    Router router = Router.router(vertx);
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
              if (tls != null) {
                ctx.response().putHeader("Strict-Transport-Security", HSTS);
              }
              ctx.next();
            });
    areas.forEach(a -> a.accept(router));
    return router;
  }

  /** One HTTP server with its own router, on the event loop Vert.x gives this verticle. */
  private final class Instance extends VerticleBase {
    private final int onPort;
    private volatile int actualPort;

    Instance(int onPort) {
      this.onPort = onPort;
    }

    @Override
    public Future<?> start() {
      HttpServerOptions options =
          new HttpServerOptions()
              .setHost(host)
              .setPort(onPort)
              .setMaxInitialLineLength(8192)
              .setMaxHeaderSize(16 * 1024)
              .setCompressionSupported(true)
              // No WebSockets here: without these the WebSocket extension handler stays out of
              // every connection's pipeline, where it inspected each request and response.
              .setPerFrameWebSocketCompressionSupported(false)
              .setPerMessageWebSocketCompressionSupported(false);
      if (tls != null) {
        TlsServerKey key = tls.loaded().key();
        options
            .setSsl(true)
            .setKeyCertOptions(keyCert(key))
            .setEnabledSecureTransportProtocols(TLS_PROTOCOLS);
        if (nativeTls()) {
          options.setSslEngineOptions(new OpenSSLEngineOptions());
        }
      }
      HttpServer server = vertx.createHttpServer(options).requestHandler(router());
      synchronized (servers) {
        servers.add(server);
      }
      return server.listen().onSuccess(s -> actualPort = s.actualPort());
    }
  }
}
