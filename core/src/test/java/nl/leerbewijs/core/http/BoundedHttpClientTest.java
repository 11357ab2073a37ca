package nl.leerbewijs.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server on a random loopback port. */
class BoundedHttpClientTest {

  HttpServer server;
  String base;
  BoundedHttpClient client =
      BoundedHttpClient.builder()
          .allowLoopbackHttp(true)
          .maxBodyBytes(1000)
          .requestTimeout(Duration.ofMillis(700))
          .build();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/ok",
        ex -> {
          byte[] b =
              ("{\"accept\":\"" + ex.getRequestHeaders().getFirst("Accept") + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    server.createContext(
        "/form",
        ex -> {
          byte[] b = ex.getRequestBody().readAllBytes();
          ex.sendResponseHeaders(200, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    server.createContext(
        "/huge-declared",
        ex -> {
          ex.sendResponseHeaders(200, 10_000_000);
          // Keep sending until the client hangs up: closing at once could reach the client
          // before the headers do, and then it reports a broken connection, not a size.
          try (OutputStream out = ex.getResponseBody()) {
            byte[] chunk = new byte[64 * 1024];
            for (int sent = 0; sent < 10_000_000; sent += chunk.length) {
              out.write(chunk, 0, Math.min(chunk.length, 10_000_000 - sent));
            }
          } catch (IOException clientLeft) {
            // expected: the client refuses the declared length and closes the connection
          }
        });
    server.createContext(
        "/huge-chunked",
        ex -> {
          ex.sendResponseHeaders(200, 0); // chunked, no length announced
          try (OutputStream out = ex.getResponseBody()) {
            for (int i = 0; i < 1000; i++) {
              out.write(new byte[1024]);
            }
          } catch (IOException ignored) {
            // the client hung up, as it should
          }
        });
    server.createContext(
        "/slow",
        ex -> {
          try {
            Thread.sleep(3000);
          } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
          }
          ex.close();
        });
    server.createContext(
        "/redirect",
        ex -> {
          ex.getResponseHeaders().add("Location", "http://169.254.169.254/");
          ex.sendResponseHeaders(302, -1);
          ex.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void get_smallAnswer_returnsBodyAndSendsAccept() throws IOException {
    BoundedHttpClient.Response r =
        client.get(URI.create(base + "/ok"), "application/statuslist+jwt");
    assertTrue(r.isSuccess());
    assertEquals("{\"accept\":\"application/statuslist+jwt\"}", r.bodyText());
    assertEquals("application/json", r.contentType());
  }

  @Test
  void postForm_encodesFields() throws IOException {
    BoundedHttpClient.Response r =
        client.postForm(URI.create(base + "/form"), Map.of("a", "x y&z"), "application/json");
    assertEquals("a=x+y%26z", r.bodyText());
  }

  @Test
  void get_declaredTooLarge_refused() {
    IOException e =
        assertThrows(
            IOException.class, () -> client.get(URI.create(base + "/huge-declared"), "*/*"));
    assertTrue(e.getMessage().contains("more than 1000 bytes"), e.getMessage());
  }

  @Test
  void get_streamedTooLarge_refused() {
    IOException e =
        assertThrows(
            IOException.class, () -> client.get(URI.create(base + "/huge-chunked"), "*/*"));
    assertTrue(e.getMessage().contains("more than 1000 bytes"), e.getMessage());
  }

  @Test
  void get_slowServer_timesOut() {
    IOException e =
        assertThrows(IOException.class, () -> client.get(URI.create(base + "/slow"), "*/*"));
    assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
  }

  @Test
  void get_redirect_notFollowed() throws IOException {
    assertEquals(302, client.get(URI.create(base + "/redirect"), "*/*").status());
  }

  @Test
  void get_closedPort_clearError() {
    IOException e =
        assertThrows(
            IOException.class,
            () -> client.get(URI.create("http://127.0.0.1:1/x?code=secret"), "*/*"));
    assertTrue(e.getMessage().contains("could not be reached"), e.getMessage());
    assertFalse(e.getMessage().contains("secret"), "no query strings in messages");
  }

  @Test
  void checkUri_refusesPlainHttpElsewhereUserInfoAndOtherSchemes() {
    for (String u :
        new String[] {
          "http://example.org/x",
          "http://10.0.0.1/x",
          "http://localhost.evil.example/x",
          "https://user:pw@example.org/x",
          "file:///etc/passwd",
          "ftp://example.org/",
          "/relative"
        }) {
      assertThrows(IOException.class, () -> client.checkUri(URI.create(u)), u);
    }
    BoundedHttpClient strict = BoundedHttpClient.builder().build();
    assertThrows(IOException.class, () -> strict.checkUri(URI.create(base + "/ok")));
  }
}
