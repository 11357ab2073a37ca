package nl.leerbewijs.verifier.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import nl.leerbewijs.core.http.BoundedHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpStatusListFetcherTest {

  HttpServer server;
  String base;
  volatile String lastAccept;

  @BeforeEach
  void setUp() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    serve("/ok", 200, "application/statuslist+jwt", "eyJ.token.sig\n");
    serve("/html", 200, "text/html", "<html>");
    serve("/missing", 404, "text/plain", "no");
    serve("/huge", 200, "application/statuslist+jwt", "x".repeat(5000));
    server.createContext(
        "/redirect",
        ex -> {
          ex.getResponseHeaders().set("Location", base + "/ok");
          ex.sendResponseHeaders(302, -1);
          ex.close();
        });
    server.start();
  }

  void serve(String path, int status, String type, String body) {
    server.createContext(
        path,
        ex -> {
          lastAccept = ex.getRequestHeaders().getFirst("Accept");
          byte[] b = body.getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", type);
          ex.sendResponseHeaders(status, b.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
          }
        });
  }

  @AfterEach
  void tearDown() {
    server.stop(0);
  }

  HttpStatusListFetcher fetcher(boolean loopback) {
    return new HttpStatusListFetcher(
        BoundedHttpClient.builder().allowLoopbackHttp(loopback).maxBodyBytes(1024).build());
  }

  @Test
  void fetch_statusListJwt_tokenTextWithAcceptHeader() throws Exception {
    assertEquals("eyJ.token.sig", fetcher(true).fetch(base + "/ok"));
    assertEquals("application/statuslist+jwt", lastAccept);
  }

  @Test
  void fetch_wrongContentType_refused() {
    IOException e = assertThrows(IOException.class, () -> fetcher(true).fetch(base + "/html"));
    assertTrue(e.getMessage().contains("text/html"));
  }

  @Test
  void fetch_notFound_refusedWithStatus() {
    IOException e = assertThrows(IOException.class, () -> fetcher(true).fetch(base + "/missing"));
    assertTrue(e.getMessage().contains("404"));
  }

  @Test
  void fetch_tooLarge_refused() {
    assertThrows(IOException.class, () -> fetcher(true).fetch(base + "/huge"));
  }

  @Test
  void fetch_redirect_notFollowed() {
    assertThrows(IOException.class, () -> fetcher(true).fetch(base + "/redirect"));
  }

  @Test
  void fetch_plainHttpWithoutLoopbackAllowed_refused() {
    assertThrows(IOException.class, () -> fetcher(false).fetch(base + "/ok"));
  }

  @Test
  void fetch_notAUri_refused() {
    assertThrows(IOException.class, () -> fetcher(true).fetch("http://exa mple/"));
  }
}
