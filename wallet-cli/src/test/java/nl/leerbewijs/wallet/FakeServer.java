package nl.leerbewijs.wallet;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A JDK HTTP server on 127.0.0.1 and a random port whose answers each test programs by path: well
 * behaved (issuer metadata, status lists) or hostile (nonsense, huge, slow).
 */
final class FakeServer implements AutoCloseable {

  /** One programmed answer. */
  interface Handler {
    void handle(HttpExchange ex) throws IOException;
  }

  private final HttpServer server;
  private final Map<String, Handler> routes = new ConcurrentHashMap<>();
  final Map<String, Integer> hits = new ConcurrentHashMap<>();

  FakeServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        ex -> {
          String path = ex.getRequestURI().getPath();
          hits.merge(path, 1, Integer::sum);
          Handler h = routes.get(path);
          try {
            if (h == null) {
              send(ex, 404, "application/json", "{\"error\":\"not_found\"}");
            } else {
              h.handle(ex);
            }
          } catch (IOException e) {
            // client went away (timeouts in hostile tests)
          } finally {
            ex.close();
          }
        });
    server.start();
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  FakeServer on(String path, Handler h) {
    routes.put(path, h);
    return this;
  }

  FakeServer json(String path, int status, String body) {
    return on(path, ex -> send(ex, status, "application/json", body));
  }

  static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      try (OutputStream os = ex.getResponseBody()) {
        os.write(b);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
