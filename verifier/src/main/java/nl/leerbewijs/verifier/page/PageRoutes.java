package nl.leerbewijs.verifier.page;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.json.Base64Url;

/**
 * The employer's page: a handful of files packaged in the jar under {@value #RESOURCE_DIR}, loaded
 * into memory at start and served with a strict Content Security Policy (only this origin: no CDN,
 * no inline script, no external fonts) and {@code Permissions-Policy: camera=(self)}.
 */
public final class PageRoutes {

  /** Classpath folder of the page. */
  public static final String RESOURCE_DIR = "leerbewijs/verifier/web/";

  /** The policy on every page response. */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
          + " media-src 'self' blob: mediastream:; connect-src 'self'; manifest-src 'self';"
          + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private record Asset(String contentType, Buffer body, String etag) {}

  private final Map<String, Asset> assets = new LinkedHashMap<>();

  public PageRoutes() {
    add("/", "index.html", "text/html; charset=utf-8");
    add("/app.js", "app.js", "text/javascript; charset=utf-8");
    add("/app.css", "app.css", "text/css; charset=utf-8");
    add("/favicon.svg", "favicon.svg", "image/svg+xml");
  }

  private void add(String path, String file, String contentType) {
    String resource = RESOURCE_DIR + file;
    try (InputStream in = PageRoutes.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("page resource missing from the jar: " + resource);
      }
      byte[] bytes = in.readAllBytes();
      assets.put(path, new Asset(contentType, Buffer.buffer(bytes), etag(bytes)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read page resource " + resource, e);
    }
  }

  public void addRoutes(Router router) {
    for (String path : assets.keySet()) {
      router.get(path).handler(ctx -> serve(ctx, assets.get(path)));
    }
    router.get("/index.html").handler(ctx -> ctx.redirect("/"));
  }

  private static void serve(RoutingContext ctx, Asset a) {
    ctx.response()
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("Permissions-Policy", "camera=(self), microphone=(), geolocation=()")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .putHeader(HttpHeaders.ETAG, a.etag);
    if (a.etag.equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, a.contentType).end(a.body);
  }

  private static String etag(byte[] bytes) {
    byte[] d = CryptoProvider.sha256().digest(bytes);
    return "\"" + Base64Url.encode(d).substring(0, 22) + "\"";
  }
}
