package nl.leerbewijs.issuer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nl.leerbewijs.issuer.config.DatabaseUrl;
import nl.leerbewijs.issuer.db.Database;
import org.junit.jupiter.api.Test;

/** {@code /health} answers 503 when the database cannot be reached. */
class HealthDownIT {
  @Test
  void health_databaseUnreachable_503() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    Vertx vertx = Vertx.vertx();
    Database db =
        Database.connect(vertx, new DatabaseUrl("127.0.0.1", closedPort, "x", "x", null), 1);
    IssuerServer server =
        new IssuerServer(vertx, "127.0.0.1", 0, 1024, List.of(new HealthRoutes(db)::addRoutes));
    try {
      int port = server.start().await(10, TimeUnit.SECONDS);
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(503, r.statusCode());
      assertEquals("down", new JsonObject(r.body()).getString("status"));
    } finally {
      db.close();
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
