package nl.leerbewijs.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.verifier.RunningVerifier;
import nl.leerbewijs.verifier.config.VerifierConfig;

/**
 * The employer's side of the end-to-end tests: a real verifier service on a free port with a trust
 * list naming the test school, and the calls an employer's page makes to it over HTTP.
 */
final class Employer implements AutoCloseable {

  static final Duration POLL_TIMEOUT = Duration.ofSeconds(20);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final RunningVerifier verifier;
  private final String url;

  private Employer(RunningVerifier verifier, String url) {
    this.verifier = verifier;
    this.url = url;
  }

  /**
   * Starts a verifier trusting one school for microcredentials.
   *
   * @param keys adds the school's keys to its trust list entry ({@code jwks}, or {@code
   *     keys_from_metadata})
   * @param settings verifier settings on top of host, port, trust list and loopback http
   */
  static Employer start(
      Path dir, String issuerId, Consumer<ObjectNode> keys, Map<String, String> settings)
      throws Exception {
    ObjectNode list = Json.object();
    list.put("version", 1);
    list.put("name", "e2e");
    ObjectNode school = list.putArray("issuers").addObject();
    school.put("id", issuerId);
    school.putObject("name").put("nl", "Hogeschool Voorbeeld (test)");
    school.putArray("credential_types").add("microcredential");
    keys.accept(school);
    school.putArray("status_list_uri_prefixes").add(issuerId + "/status/");
    Path trustList = dir.resolve("trust-list.json");
    Files.write(trustList, Json.write(list));

    int port = freePort();
    String url = "http://127.0.0.1:" + port;
    Map<String, String> config = new HashMap<>(settings);
    config.put(VerifierConfig.TRUST_LIST, trustList.toString());
    config.put(VerifierConfig.HTTP_HOST, "127.0.0.1");
    config.put(VerifierConfig.HTTP_PORT, Integer.toString(port));
    config.put(VerifierConfig.ALLOW_LOOPBACK_HTTP, "true");
    config.put(VerifierConfig.WORKERS, "2");
    config.putIfAbsent(VerifierConfig.AUDIENCE, url);
    return new Employer(RunningVerifier.start(VerifierConfig.fromEnv(config)), url);
  }

  /** The verifier's address, which is also its audience. */
  String url() {
    return url;
  }

  JsonNode verifyText(String presentation) throws Exception {
    return verify("/api/verify", "text/plain", HttpRequest.BodyPublishers.ofString(presentation));
  }

  JsonNode verifyJson(String presentation) throws Exception {
    ObjectNode body = Json.object();
    body.put("presentation", presentation);
    return verify(
        "/api/verify",
        "application/json",
        HttpRequest.BodyPublishers.ofByteArray(Json.write(body)));
  }

  JsonNode verifyImage(byte[] png) throws Exception {
    return verify("/api/verify/image", "image/png", HttpRequest.BodyPublishers.ofByteArray(png));
  }

  private JsonNode verify(String path, String contentType, HttpRequest.BodyPublisher body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", contentType)
            .POST(body)
            .build();
    HttpResponse<byte[]> r = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    String text = new String(r.body(), StandardCharsets.UTF_8);
    assertEquals(200, r.statusCode(), path + ": " + text);
    return Json.parse(r.body());
  }

  /**
   * Verifies until the verdict is {@code expected} (a status or key cache expires) or times out;
   * the failure lists every verdict seen, with the trusted_issuer code.
   */
  JsonNode pollVerdict(String presentation, String expected) throws Exception {
    long deadline = System.nanoTime() + POLL_TIMEOUT.toNanos();
    List<String> seen = new ArrayList<>();
    while (true) {
      JsonNode report = verifyText(presentation);
      String verdict = report.path("verdict").asText();
      if (verdict.equals(expected)) {
        return report;
      }
      seen.add(verdict + "/" + check(report, "trusted_issuer").path("code").asText());
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "verdict still not " + expected + " after " + POLL_TIMEOUT + ": " + seen);
      }
      Thread.sleep(200);
    }
  }

  /** One check of a report by name. */
  static JsonNode check(JsonNode report, String name) {
    for (JsonNode c : report.path("checks")) {
      if (name.equals(c.path("check").asText())) {
        return c;
      }
    }
    throw new AssertionError("no check " + name + " in " + report);
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    verifier.close();
  }
}
