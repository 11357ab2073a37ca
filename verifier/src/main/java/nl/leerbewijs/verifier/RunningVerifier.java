package nl.leerbewijs.verifier;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.leerbewijs.verifier.config.VerifierConfig;
import nl.leerbewijs.verifier.http.HealthRoutes;
import nl.leerbewijs.verifier.http.HttpsRedirect;
import nl.leerbewijs.verifier.http.TypesRoutes;
import nl.leerbewijs.verifier.http.VerifierServer;
import nl.leerbewijs.verifier.http.VerifyRoutes;
import nl.leerbewijs.verifier.page.PageRoutes;
import nl.leerbewijs.verifier.tls.TlsFiles;
import nl.leerbewijs.verifier.tls.TlsLoadException;

/**
 * A started verifier service: Vert.x, a worker pool for verification and image decoding, the HTTP
 * server, and a timer that re-reads the trust list file when it changes. {@link #close()} stops it
 * all.
 */
public final class RunningVerifier implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(RunningVerifier.class.getName());

  /** Requests that may wait for a worker, per worker, before the service answers 503. */
  static final int QUEUE_PER_WORKER = 16;

  private final Vertx vertx;
  private final Verifier verifier;
  private final VerifierServer server;
  private final int port;
  private final int redirectPort;

  private RunningVerifier(
      Vertx vertx, Verifier verifier, VerifierServer server, int port, int redirectPort) {
    this.vertx = vertx;
    this.verifier = verifier;
    this.server = server;
    this.port = port;
    this.redirectPort = redirectPort;
  }

  /** Loads the trust list and starts the service. */
  public static RunningVerifier start(VerifierConfig config) {
    return start(Verifier.create(config, Clock.systemUTC()));
  }

  /**
   * Starts the service around an existing {@link Verifier}.
   *
   * @throws TlsLoadException when https is configured and its certificate or key cannot be used
   */
  public static RunningVerifier start(Verifier verifier) {
    VerifierConfig config = verifier.config();
    TlsFiles tls = config.tls().map(t -> TlsFiles.load(t, Clock.systemUTC())).orElse(null);
    Vertx vertx = Vertx.vertx();
    try {
      WorkerExecutor workers =
          vertx.createSharedWorkerExecutor(
              "leerbewijs-verify", config.workers(), 60, TimeUnit.SECONDS);
      VerifierServer server =
          new VerifierServer(
              vertx,
              config.httpHost(),
              config.httpPort(),
              // As many event loops as workers: text verifications mostly run on them.
              Math.min(config.workers(), VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE),
              List.of(
                  new HealthRoutes(verifier.trustListFile(), tls)::addRoutes,
                  new TypesRoutes()::addRoutes,
                  new VerifyRoutes(verifier, workers, config.workers() * QUEUE_PER_WORKER)
                      ::addRoutes,
                  new PageRoutes()::addRoutes),
              tls);
      int port = server.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      vertx.setPeriodic(
          config.trustListCheckInterval().toMillis(),
          id -> workers.executeBlocking(() -> verifier.trustListFile().checkForChanges(), true));
      int redirectPort = -1;
      if (tls != null && tls.settings().redirectPort().isPresent()) {
        redirectPort =
            new HttpsRedirect(
                    vertx,
                    config.httpHost(),
                    tls.settings().redirectPort().getAsInt(),
                    () -> port,
                    tls.settings().acmeWebroot().orElse(null))
                .start()
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        LOG.log(
            System.Logger.Level.INFO,
            "plain http on port " + redirectPort + " sends every request on to https");
      }
      if (tls != null) {
        vertx.setPeriodic(
            tls.settings().checkInterval().toMillis(),
            id -> workers.executeBlocking(() -> renewed(tls, server), true));
      }
      LOG.log(
          System.Logger.Level.INFO,
          "leerbewijs verifier listening on "
              + (tls == null ? "http://" : "https://")
              + config.httpHost()
              + ":"
              + port
              + (tls == null
                  ? ""
                  : VerifierServer.nativeTls() ? " (TLS by BoringSSL)" : " (TLS by the JDK)"));
      return new RunningVerifier(vertx, verifier, server, port, redirectPort);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      vertx.close();
      throw new IllegalStateException("interrupted while starting the verifier", e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      vertx.close();
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException(
          "the verifier could not start on "
              + config.httpHost()
              + ":"
              + config.httpPort()
              + ": "
              + cause.getMessage(),
          cause);
    }
  }

  /** Checks the https files; when they changed and pass, new connections get the new pair. */
  private static Void renewed(TlsFiles tls, VerifierServer server) {
    if (tls.checkForChanges()) {
      server
          .useKey(tls.loaded().key())
          .onFailure(
              e ->
                  LOG.log(
                      System.Logger.Level.WARNING,
                      "the renewed https certificate could not be put in force: "
                          + e.getMessage()));
    }
    return null;
  }

  /** The port the service listens on. */
  public int port() {
    return port;
  }

  /** The plain-http port that redirects to https, or -1 when there is none. */
  public int redirectPort() {
    return redirectPort;
  }

  public Verifier verifier() {
    return verifier;
  }

  @Override
  public void close() {
    try {
      server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.log(System.Logger.Level.WARNING, "HTTP server did not stop cleanly: " + e.getMessage());
    }
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.log(System.Logger.Level.WARNING, "Vert.x did not stop cleanly: " + e.getMessage());
    }
  }
}
