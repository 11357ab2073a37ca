package nl.leerbewijs.core.trust;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on a random loopback port for issuer metadata tests: answers per path can be
 * changed while it runs, and every request is recorded.
 */
public final class MetadataServer implements AutoCloseable {

  /** One canned answer. */
  public record Answer(
      int status, String contentType, String cacheControl, byte[] body, long delayMillis) {

    public static Answer json(String body) {
      return new Answer(200, "application/json", null, bytes(body), 0);
    }

    public Answer cacheControl(String value) {
      return new Answer(status, contentType, value, body, delayMillis);
    }

    public Answer delay(long millis) {
      return new Answer(status, contentType, cacheControl, body, millis);
    }

    public static Answer status(int status) {
      return new Answer(status, "application/json", null, bytes("{\"error\":\"x\"}"), 0);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  public MetadataServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code http://127.0.0.1:<port>} */
  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public MetadataServer on(String path, Answer answer) {
    answers.put(path, answer);
    return this;
  }

  /** Paths requested, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** How often {@code path} was requested. */
  public long hits(String path) {
    return requests.stream().filter(path::equals).count();
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getRawPath();
    requests.add(path);
    Answer a = answers.getOrDefault(path, Answer.status(404));
    try {
      if (a.delayMillis() > 0) {
        try {
          Thread.sleep(a.delayMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      if (a.contentType() != null) {
        ex.getResponseHeaders().add("Content-Type", a.contentType());
      }
      if (a.cacheControl() != null) {
        ex.getResponseHeaders().add("Cache-Control", a.cacheControl());
      }
      ex.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(a.body());
      }
    } catch (IOException e) {
      // the client hung up (size limit, timeout): nothing to do
    } finally {
      ex.close();
    }
  }

  public static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
