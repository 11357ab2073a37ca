package nl.leerbewijs.issuer;

import java.util.concurrent.TimeUnit;
import nl.leerbewijs.issuer.config.IssuerConfig;
import nl.leerbewijs.issuer.http.IssuerServer;

/** A started issuer: its context and HTTP server. Tests start one on port 0. */
public final class RunningIssuer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RunningIssuer.class.getName());

  private final IssuerContext context;
  private final IssuerServer server;
  private final int port;

  private RunningIssuer(IssuerContext context, IssuerServer server, int port) {
    this.context = context;
    this.server = server;
    this.port = port;
  }

  /** Opens the context and starts the HTTP server; blocks until it listens. */
  public static RunningIssuer start(IssuerConfig config) {
    IssuerContext ctx = IssuerContext.open(config, true);
    try {
      IssuerServer server =
          new IssuerServer(
              ctx.vertx(),
              config.httpHost(),
              config.httpPort(),
              config.maxBodyBytes(),
              ctx.routes());
      int port = server.start().await(30, TimeUnit.SECONDS);
      LOG.log(
          System.Logger.Level.INFO,
          "issuer listening on "
              + config.httpHost()
              + ":"
              + port
              + ", public base URL "
              + config.publicBaseUrl());
      return new RunningIssuer(ctx, server, port);
    } catch (Exception e) {
      ctx.close();
      throw e instanceof RuntimeException ? (RuntimeException) e : new IllegalStateException(e);
    }
  }

  public int port() {
    return port;
  }

  public IssuerContext context() {
    return context;
  }

  @Override
  public void close() {
    try {
      server.stop().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "HTTP server did not stop cleanly: " + e);
    }
    context.close();
  }
}
