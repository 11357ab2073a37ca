package nl.leerbewijs.verifier.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * The plain-http port beside the service's https one (usually 80): an employer who types the bare
 * host name on a phone arrives here, and is sent on to the same host and path over https (301 for
 * GET and HEAD, 308 for other methods, which keeps the method and body). HSTS then keeps the
 * browser on https.
 *
 * <p>With an ACME webroot it also answers HTTP-01 challenges, so that certbot ({@code certonly
 * --webroot -w DIR}) renews the certificate beside the running service: {@code GET
 * /.well-known/acme-challenge/<token>} serves the file of that name from {@code
 * DIR/.well-known/acme-challenge/}, only for a token of base64url characters (no path can be named)
 * and only a regular file of at most {@value #MAX_CHALLENGE_BYTES} bytes; anything else there is
 * 404.
 *
 * <p>Nothing else is served here. A request without a usable {@code Host} header gets 400: the
 * redirect names the host the client asked for, never one of ours or one taken from elsewhere.
 */
public final class HttpsRedirect {

  static final String CHALLENGE_PATH = "/.well-known/acme-challenge/";

  /** A token as ACME defines it (base64url), which cannot name a directory or a parent. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,255}");

  /** A host name or IPv4 address; IPv6 literals are checked apart. */
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})");

  private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]{2,45}]");

  /** Key authorizations are about 90 bytes. */
  static final long MAX_CHALLENGE_BYTES = 4096;

  private final Vertx vertx;
  private final String host;
  private final int port;
  private final IntSupplier httpsPort;
  private final Path challenges;
  private HttpServer server;

  /**
   * @param httpsPort the port the redirect names (the service's https port)
   * @param acmeWebroot the ACME webroot, or null
   */
  public HttpsRedirect(
      Vertx vertx, String host, int port, IntSupplier httpsPort, Path acmeWebroot) {
    this.vertx = vertx;
    this.host = host;
    this.port = port;
    this.httpsPort = httpsPort;
    this.challenges =
        acmeWebroot == null ? null : acmeWebroot.resolve(".well-known/acme-challenge");
  }

  /** Starts listening; the future gives the actual port. */
  public Future<Integer> start() {
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(host)
            .setPort(port)
            .setMaxInitialLineLength(8192)
            .setMaxHeaderSize(16 * 1024);
    return vertx
        .createHttpServer(options)
        .requestHandler(this::handle)
        .listen()
        .recover(
            e ->
                Future.failedFuture(
                    new IllegalStateException(
                        "the plain-http port "
                            + port
                            + " that sends requests on to https: "
                            + e.getMessage(),
                        e)))
        .map(
            s -> {
              server = s;
              return s.actualPort();
            });
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void handle(HttpServerRequest req) {
    String path = req.path() == null ? "/" : req.path();
    if (challenges != null && path.startsWith(CHALLENGE_PATH) && req.method() == HttpMethod.GET) {
      String token = path.substring(CHALLENGE_PATH.length());
      vertx
          .executeBlocking(() -> challenge(token))
          .onComplete(
              r -> {
                if (r.succeeded() && r.result().isPresent()) {
                  req.response()
                      .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain")
                      .end(Buffer.buffer(r.result().get()));
                } else {
                  req.response().setStatusCode(404).end();
                }
              });
      return;
    }
    Optional<String> location =
        location(req.getHeader(HttpHeaders.HOST), httpsPort.getAsInt(), req);
    if (location.isEmpty()) {
      req.response()
          .setStatusCode(400)
          .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
          .end("this port only sends requests on to https, and needs a valid Host header\n");
      return;
    }
    boolean safe = req.method() == HttpMethod.GET || req.method() == HttpMethod.HEAD;
    req.response()
        .setStatusCode(safe ? 301 : 308)
        .putHeader(HttpHeaders.LOCATION, location.get())
        .end();
  }

  /** The challenge file's bytes, if {@code token} names one that may be served. */
  private Optional<byte[]> challenge(String token) throws IOException {
    if (!TOKEN.matcher(token).matches()) {
      return Optional.empty();
    }
    Path file = challenges.resolve(token);
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (!a.isRegularFile() || a.size() > MAX_CHALLENGE_BYTES) {
      return Optional.empty();
    }
    return Optional.of(Files.readAllBytes(file));
  }

  private static Optional<String> location(
      String hostHeader, int httpsPort, HttpServerRequest req) {
    String query = req.query();
    String path = req.path() == null || !req.path().startsWith("/") ? "/" : req.path();
    return location(hostHeader, httpsPort, query == null ? path : path + "?" + query);
  }

  /**
   * {@code https://<the Host header's host>[:httpsPort]<pathAndQuery>}, or empty when the header is
   * missing or is not a host name, IPv4 or bracketed IPv6 address (with an optional port).
   */
  static Optional<String> location(String hostHeader, int httpsPort, String pathAndQuery) {
    if (hostHeader == null) {
      return Optional.empty();
    }
    String h = hostHeader.trim();
    String name;
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      name = end < 0 ? "" : h.substring(0, end + 1);
      if (!IPV6.matcher(name).matches() || !portOrNothing(h.substring(name.length()))) {
        return Optional.empty();
      }
    } else {
      int colon = h.indexOf(':');
      name = colon < 0 ? h : h.substring(0, colon);
      if (!HOST_NAME.matcher(name).matches()
          || !portOrNothing(colon < 0 ? "" : h.substring(colon))) {
        return Optional.empty();
      }
    }
    return Optional.of(
        "https://" + name + (httpsPort == 443 ? "" : ":" + httpsPort) + pathAndQuery);
  }

  private static boolean portOrNothing(String s) {
    return s.isEmpty() || s.matches(":[0-9]{1,5}");
  }
}
