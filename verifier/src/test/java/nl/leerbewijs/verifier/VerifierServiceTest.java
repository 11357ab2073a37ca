package nl.leerbewijs.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.qr.QrImages;
import nl.leerbewijs.core.status.Status;
import nl.leerbewijs.keys.example.ExampleKeys;
import nl.leerbewijs.verifier.config.VerifierConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verifier service on real HTTP against a test issuer on real HTTP (keys-example's hs-voorbeeld
 * serving its status list on 127.0.0.1).
 */
class VerifierServiceTest {

  @TempDir Path dir;
  TestIssuer issuer;
  RunningVerifier verifier;
  HttpClient http = HttpClient.newHttpClient();
  Map<String, String> env = new HashMap<>();

  @BeforeEach
  void setUp() throws IOException {
    issuer = new TestIssuer();
    env.put(VerifierConfig.TRUST_LIST, issuer.writeTrustList(dir).toString());
    env.put(VerifierConfig.HTTP_HOST, "127.0.0.1");
    env.put(VerifierConfig.HTTP_PORT, "0");
    env.put(VerifierConfig.ALLOW_LOOPBACK_HTTP, "true");
    env.put(VerifierConfig.STATUS_TIMEOUT, "2s");
    env.put(VerifierConfig.MAX_IMAGE_BYTES, String.valueOf(2 * 1024 * 1024));
    env.put(VerifierConfig.MAX_IMAGE_PIXELS, "4000000");
  }

  @AfterEach
  void tearDown() {
    if (verifier != null) {
      verifier.close();
    }
    issuer.close();
  }

  void start() {
    verifier = RunningVerifier.start(VerifierConfig.fromEnv(env));
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + verifier.port() + path);
  }

  HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      r.header("Content-Type", contentType);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postText(String text) throws Exception {
    return post("/api/verify", "text/plain", text.getBytes(StandardCharsets.UTF_8));
  }

  static JsonNode json(HttpResponse<String> r) {
    return Json.parse(r.body());
  }

  /** A 200 report's verdict. */
  static String verdict(HttpResponse<String> r) {
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    return json(r).get("verdict").asText();
  }

  static void assertProblem(HttpResponse<String> r, int status, String code) {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals(
        "application/problem+json", r.headers().firstValue("Content-Type").orElse(""), r.body());
    JsonNode p = json(r);
    assertEquals(code, p.get("code").asText(), r.body());
    assertEquals(status, p.get("status").asInt());
    assertEquals("urn:leerbewijs:problem:" + code, p.get("type").asText());
  }

  static byte[] png(BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  static byte[] qrPng(String text) {
    return QrImages.png(QrImages.render(text, 4).image());
  }

  // ---- verdicts over real HTTP

  @Test
  void verify_validPresentation_validWithCredentialContent() throws Exception {
    start();
    HttpResponse<String> r = postText(issuer.presentation(7));
    assertEquals("valid", verdict(r), r.body());
    JsonNode report = json(r);
    assertEquals("ok", report.get("severity").asText());
    JsonNode cred = report.get("credential");
    assertEquals("microcredential", cred.get("type").asText());
    assertEquals(issuer.issuerId, cred.get("issuer").asText());
    assertEquals("Data-analyse met Python", cred.at("/claims/title/nl").asText());
    assertEquals(5, cred.at("/claims/skills").size());
    assertTrue(cred.get("undisclosed_count").asInt() > 0);
    assertEquals(8, report.get("checks").size());
    assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
    assertEquals(1, issuer.statusFetches.get());
  }

  @Test
  void verify_qrPayloadAsJson_valid() throws Exception {
    start();
    String body = "{\"presentation\":\"" + TestIssuer.qrPayload(issuer.presentation(3)) + "\"}";
    HttpResponse<String> r =
        post("/api/verify", "application/json", body.getBytes(StandardCharsets.UTF_8));
    assertEquals("valid", verdict(r));
  }

  @Test
  void verify_statusListCached_fetchedOnce() throws Exception {
    start();
    for (int i = 0; i < 3; i++) {
      assertEquals("valid", verdict(postText(issuer.presentation(7))));
    }
    assertEquals(1, issuer.statusFetches.get());
  }

  @Test
  void verify_revoked_revoked() throws Exception {
    issuer.statusList.set(7, Status.INVALID);
    start();
    HttpResponse<String> r = postText(issuer.presentation(7));
    assertEquals("revoked", verdict(r));
    assertEquals("error", json(r).get("severity").asText());
    assertEquals("status.revoked", json(r).at("/checks/7/code").asText());
  }

  @Test
  void verify_suspended_suspended() throws Exception {
    issuer.statusList.set(9, Status.SUSPENDED);
    start();
    assertEquals("suspended", verdict(postText(issuer.presentation(9))));
  }

  @Test
  void verify_tamperedDisclosure_invalid() throws Exception {
    start();
    String p = issuer.presentation(7);
    String[] parts = p.split("~", -1);
    // parts[1] is a disclosure: decode, change the value, re-encode (its digest no longer matches)
    String disclosure =
        new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String forged = disclosure.replace("Fatima", "Fatma").replace("SQL", "XQL");
    if (forged.equals(disclosure)) {
      forged = disclosure.replaceFirst("\"[^\"]{4}", "\"AAAA");
    }
    parts[1] =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(forged.getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r = postText(String.join("~", parts));
    assertEquals("invalid", verdict(r), r.body());
  }

  @Test
  void verify_tamperedSignature_invalid() throws Exception {
    start();
    String p = issuer.presentation(7);
    int sig = p.indexOf('~') - 10;
    char c = p.charAt(sig);
    String forged = p.substring(0, sig) + (c == 'A' ? 'B' : 'A') + p.substring(sig + 1);
    HttpResponse<String> r = postText(forged);
    assertEquals("invalid", verdict(r), r.body());
    assertEquals("fail", json(r).at("/checks/2/outcome").asText());
  }

  @Test
  void verify_expired_expired() throws Exception {
    start();
    String cred =
        issuer.credential(
            issuer.school,
            issuer.issuerId,
            7,
            TestIssuer.ago(Duration.ofDays(400)),
            Instant.now().minus(Duration.ofDays(30)));
    HttpResponse<String> r =
        postText(issuer.present(cred, TestIssuer.AUDIENCE, Instant.now().minusSeconds(2)));
    assertEquals("expired", verdict(r), r.body());
  }

  @Test
  void verify_wrongAudience_invalid() throws Exception {
    env.put(VerifierConfig.AUDIENCE, TestIssuer.AUDIENCE);
    start();
    String p = issuer.present(issuer.credential(7), "https://other.example", Instant.now());
    HttpResponse<String> r = postText(p);
    assertEquals("invalid", verdict(r), r.body());
    assertEquals("fail", json(r).at("/checks/4/outcome").asText(), "key_binding");
    assertEquals("valid", verdict(postText(issuer.presentation(7))), "the right audience");
  }

  @Test
  void verify_wrongNonce_invalid() throws Exception {
    start();
    String body = "{\"presentation\":\"" + issuer.presentation(7) + "\",\"nonce\":\"not-the-one\"}";
    HttpResponse<String> r =
        post("/api/verify", "application/json", body.getBytes(StandardCharsets.UTF_8));
    assertEquals("invalid", verdict(r), r.body());
  }

  @Test
  void verify_keyBindingTooOld_invalid() throws Exception {
    env.put(VerifierConfig.MAX_KEY_BINDING_AGE, "1h");
    start();
    String p =
        issuer.present(
            issuer.credential(7), TestIssuer.AUDIENCE, Instant.now().minus(Duration.ofHours(3)));
    assertEquals("invalid", verdict(postText(p)));
  }

  @Test
  void verify_unknownIssuer_untrustedIssuer() throws Exception {
    start();
    ExampleKeys.School untrusted = ExampleKeys.untrusted();
    String cred =
        issuer.credential(untrusted, untrusted.issuerId(), 7, java.time.Clock.systemUTC(), null);
    HttpResponse<String> r =
        postText(issuer.present(cred, TestIssuer.AUDIENCE, Instant.now().minusSeconds(2)));
    assertEquals("untrusted_issuer", verdict(r), r.body());
    assertEquals("warning", json(r).get("severity").asText());
  }

  @Test
  void verify_keysFromIssuerMetadata_validFetchedOnceAndRevocationSeen() throws Exception {
    env.put(VerifierConfig.TRUST_LIST, issuer.writeTrustListKeysFromMetadata(dir).toString());
    issuer.statusList.set(8, Status.INVALID);
    start();
    HttpResponse<String> r = postText(issuer.presentation(7));
    assertEquals("valid", verdict(r), r.body());
    assertTrue(
        json(r).at("/checks/1/message").asText().contains("jwt-vc-issuer-metadata"), r.body());
    assertEquals("revoked", verdict(postText(issuer.presentation(8))));
    assertEquals(1, issuer.metadataFetches.get(), "cached for the credential and status list");
  }

  @Test
  void verify_keysFromIssuerMetadataUnavailable_amberKeysUnavailable() throws Exception {
    env.put(VerifierConfig.TRUST_LIST, issuer.writeTrustListKeysFromMetadata(dir).toString());
    issuer.metadataAvailable = false;
    start();
    HttpResponse<String> r = postText(issuer.presentation(7));
    assertEquals("untrusted_issuer", verdict(r), r.body());
    JsonNode report = json(r);
    assertEquals("warning", report.get("severity").asText());
    assertEquals("trusted_issuer.keys_unavailable", report.at("/checks/1/code").asText());
    assertEquals("skipped", report.at("/checks/2/outcome").asText(), "not an invalid signature");
    postText(issuer.presentation(7));
    assertEquals(1, issuer.metadataFetches.get(), "a failing issuer is not asked again at once");
  }

  @Test
  void verify_pinnedKeys_metadataNeverFetched() throws Exception {
    start();
    assertEquals("valid", verdict(postText(issuer.presentation(7))));
    assertEquals(0, issuer.metadataFetches.get());
  }

  @Test
  void verify_statusListUnreachable_statusUnknown() throws Exception {
    issuer.statusAvailable = false;
    start();
    HttpResponse<String> r = postText(issuer.presentation(7));
    assertEquals("status_unknown", verdict(r));
    assertEquals("status.unavailable", json(r).at("/checks/7/code").asText());
  }

  @Test
  void verify_statusServerDown_statusUnknown() throws Exception {
    issuer.close();
    start();
    assertEquals("status_unknown", verdict(postText(issuer.presentation(7))));
  }

  @Test
  void verify_statusListSignedBySomeoneElse_statusUnknown() throws Exception {
    issuer.statusSigner = ExampleKeys.school(ExampleKeys.ROC_VOORBEELD);
    start();
    HttpResponse<String> r = postText(issuer.presentation(7));
    assertEquals("status_unknown", verdict(r));
    assertTrue(json(r).at("/checks/7/message").asText().contains("status.untrusted_signer"));
  }

  @Test
  void verify_offlineMode_usesNoStaleListWithoutOne() throws Exception {
    env.put(VerifierConfig.OFFLINE, "true");
    issuer.statusAvailable = false;
    start();
    assertEquals("status_unknown", verdict(postText(issuer.presentation(7))));
  }

  @Test
  void verify_garbageText_malformedReport() throws Exception {
    start();
    HttpResponse<String> r = postText("this is not a credential");
    assertEquals("malformed", verdict(r));
    assertFalse(json(r).has("credential"));
  }

  @Test
  void verify_nonAsciiUtf8Text_readAsUtf8_malformedReport() throws Exception {
    start();
    // Not ASCII, so not the fast path: decoded as UTF-8 and verified, not refused as "not text".
    HttpResponse<String> r =
        post("/api/verify", "text/plain", "diploma van Zoë ☃".getBytes(StandardCharsets.UTF_8));
    assertEquals(200, r.statusCode());
    assertEquals("malformed", verdict(r));
  }

  // ---- images

  @Test
  void verifyImage_qrPng_valid() throws Exception {
    start();
    byte[] png = qrPng(TestIssuer.qrPayload(issuer.presentation(7)));
    HttpResponse<String> r = post("/api/verify/image", "image/png", png);
    assertEquals("valid", verdict(r), r.body());
  }

  @Test
  void verifyImage_jpegPhotoOfRevoked_revoked() throws Exception {
    issuer.statusList.set(7, Status.INVALID);
    start();
    BufferedImage qr = QrImages.render(TestIssuer.qrPayload(issuer.presentation(7)), 5).image();
    BufferedImage photo =
        new BufferedImage(qr.getWidth() + 200, qr.getHeight() + 120, BufferedImage.TYPE_INT_RGB);
    var g = photo.createGraphics();
    g.setColor(new java.awt.Color(200, 190, 170));
    g.fillRect(0, 0, photo.getWidth(), photo.getHeight());
    g.drawImage(qr, 90, 50, null);
    g.dispose();
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    ImageIO.write(photo, "jpeg", jpeg);
    HttpResponse<String> r = post("/api/verify/image", "image/jpeg", jpeg.toByteArray());
    assertEquals("revoked", verdict(r), r.body());
  }

  @Test
  void verifyImage_qrOfSomethingElse_malformedReport() throws Exception {
    start();
    HttpResponse<String> r =
        post("/api/verify/image", "image/png", qrPng("https://example.org/not-a-credential"));
    assertEquals("malformed", verdict(r));
  }

  @Test
  void verifyImage_noQrCode_422() throws Exception {
    start();
    BufferedImage white = new BufferedImage(400, 300, BufferedImage.TYPE_BYTE_GRAY);
    var g = white.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, 400, 300);
    g.dispose();
    assertProblem(post("/api/verify/image", "image/png", png(white)), 422, "no_qr_code");
  }

  @Test
  void verifyImage_notAnImage_400() throws Exception {
    start();
    assertProblem(
        post("/api/verify/image", "image/png", "hello, I am text".getBytes(StandardCharsets.UTF_8)),
        400,
        "not_an_image");
  }

  @Test
  void verifyImage_truncatedPng_400() throws Exception {
    start();
    byte[] png = qrPng("hello");
    byte[] truncated = java.util.Arrays.copyOf(png, 40);
    assertProblem(post("/api/verify/image", "image/png", truncated), 400, "not_an_image");
  }

  @Test
  void verifyImage_hugeDimensionsInHeader_413BeforeDecoding() throws Exception {
    start();
    byte[] png = pngWithDimensions(qrPng("hello"), 100_000, 100_000);
    assertProblem(post("/api/verify/image", "image/png", png), 413, "image_too_large");
  }

  @Test
  void verifyImage_tooManyPixels_413() throws Exception {
    start();
    BufferedImage big = new BufferedImage(2500, 2000, BufferedImage.TYPE_BYTE_BINARY);
    assertProblem(post("/api/verify/image", "image/png", png(big)), 413, "image_too_large");
  }

  @Test
  void verifyImage_bodyOverLimit_413() throws Exception {
    start();
    byte[] body = new byte[3 * 1024 * 1024];
    body[0] = (byte) 0x89;
    assertProblem(post("/api/verify/image", "image/png", body), 413, "payload_too_large");
  }

  @Test
  void verifyImage_webp_415() throws Exception {
    start();
    assertProblem(
        post("/api/verify/image", "image/webp", new byte[] {1, 2, 3}),
        415,
        "unsupported_media_type");
  }

  @Test
  void verifyImage_empty_400() throws Exception {
    start();
    assertProblem(post("/api/verify/image", "image/png", new byte[0]), 400, "empty_body");
  }

  // ---- malformed requests

  @Test
  void verify_emptyBody_400() throws Exception {
    start();
    assertProblem(postText(""), 400, "empty_body");
    assertProblem(postText("  \n"), 400, "empty_body");
  }

  @Test
  void verify_bodyOverLimit_413() throws Exception {
    start();
    assertProblem(postText("x".repeat(65 * 1024)), 413, "payload_too_large");
  }

  @Test
  void verify_wrongContentType_415() throws Exception {
    start();
    assertProblem(
        post("/api/verify", "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8)),
        415,
        "unsupported_media_type");
  }

  @Test
  void verify_badJson_400() throws Exception {
    start();
    assertProblem(
        post("/api/verify", "application/json", "{\"presentation\":".getBytes()),
        400,
        "invalid_json");
    assertProblem(
        post("/api/verify", "application/json", "{\"presentation\":42}".getBytes()),
        400,
        "invalid_json");
    assertProblem(post("/api/verify", "application/json", "[]".getBytes()), 400, "invalid_json");
  }

  @Test
  void verify_notUtf8_400() throws Exception {
    start();
    assertProblem(
        post("/api/verify", "text/plain", new byte[] {(byte) 0xC3, (byte) 0x28}), 400, "not_text");
  }

  @Test
  void unknownRouteAndMethod_problemJson() throws Exception {
    start();
    assertProblem(
        http.send(
            HttpRequest.newBuilder(uri("/nope")).build(), HttpResponse.BodyHandlers.ofString()),
        404,
        "not_found");
    assertProblem(
        http.send(
            HttpRequest.newBuilder(uri("/api/verify")).build(),
            HttpResponse.BodyHandlers.ofString()),
        405,
        "method_not_allowed");
  }

  // ---- where verifications run

  /**
   * Starts the service with one worker (so one event loop) and holds every status list fetch until
   * the returned latch is counted down; the fetch timeout is long enough not to end it first.
   */
  CountDownLatch startWithOneWorkerAndStatusListHeld() {
    env.put(VerifierConfig.WORKERS, "1");
    env.put(VerifierConfig.STATUS_TIMEOUT, "10s");
    start();
    CountDownLatch gate = new CountDownLatch(1);
    issuer.statusGate = gate;
    return gate;
  }

  CompletableFuture<HttpResponse<String>> postTextAsync(String text) {
    return http.sendAsync(
        HttpRequest.newBuilder(uri("/api/verify"))
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString(text))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * A verification that must fetch its status list runs on a worker, so the event loop goes on
   * answering; one worker and so one event loop here, which a fetch on the event loop would hold.
   * Once the list is held, verifications run on the event loop and fetch nothing.
   */
  @Test
  void verify_statusListBeingFetched_eventLoopStillAnswers() throws Exception {
    CountDownLatch gate = startWithOneWorkerAndStatusListHeld();
    CompletableFuture<HttpResponse<String>> pending = postTextAsync(issuer.presentation(7));
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (issuer.statusFetches.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(1, issuer.statusFetches.get(), "the fetch has started and is held");
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(uri("/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode());
    assertFalse(pending.isDone(), "the verification still waits for its status list");
    gate.countDown();
    assertEquals("valid", verdict(pending.get(10, TimeUnit.SECONDS)));
    assertEquals("valid", verdict(postText(issuer.presentation(7))));
    assertEquals(1, issuer.statusFetches.get());
  }

  /**
   * Work for the worker pool beyond 16 waiting per worker is refused with 503 {@code busy} and
   * {@code Retry-After}, not queued without bound; what was accepted is answered once the pool
   * moves. One worker, held by a status list fetch that does not answer yet.
   */
  @Test
  void verify_workerPoolFull_503BusyWithRetryAfter() throws Exception {
    CountDownLatch gate = startWithOneWorkerAndStatusListHeld();
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      sent.add(postTextAsync(issuer.presentation(7)));
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (sent.stream().filter(f -> f.isDone()).count() < 4 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    gate.countDown();
    int busy = 0;
    for (CompletableFuture<HttpResponse<String>> f : sent) {
      HttpResponse<String> r = f.get(20, TimeUnit.SECONDS);
      if (r.statusCode() == 503) {
        assertProblem(r, 503, "busy");
        assertEquals("1", r.headers().firstValue("Retry-After").orElse(""));
        busy++;
      } else {
        assertEquals("valid", verdict(r), r.body());
      }
    }
    assertEquals(4, busy, "16 may wait for the one worker");
  }

  /** Several event loops share the port; every connection gets the same answers. */
  @Test
  void verify_manyConnections_allServed() throws Exception {
    env.put(VerifierConfig.WORKERS, "4");
    start();
    String p = issuer.presentation(7);
    for (int i = 0; i < 8; i++) {
      HttpClient fresh = HttpClient.newHttpClient();
      HttpResponse<String> r =
          fresh.send(
              HttpRequest.newBuilder(uri("/api/verify"))
                  .header("Content-Type", "text/plain")
                  .POST(HttpRequest.BodyPublishers.ofString(p))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals("valid", verdict(r), r.body());
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
    }
  }

  // ---- health, types, page, trust list reload

  @Test
  void health_up_namesTrustList() throws Exception {
    start();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri("/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    assertEquals("up", json(r).get("status").asText());
    assertEquals(2, json(r).at("/trust_list/issuers").asInt());
  }

  @Test
  void types_allFourWithDutchNames() throws Exception {
    start();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri("/api/types")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    assertEquals(4, json(r).get("types").size());
  }

  @Test
  void page_servedWithStrictPolicy() throws Exception {
    start();
    for (String path : new String[] {"/", "/app.js", "/app.css", "/favicon.svg"}) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), path);
      String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      assertTrue(csp.contains("script-src 'self'"), path);
      assertFalse(r.body().contains("https://"), path + " refers to another origin");
    }
  }

  @Test
  void trustList_changedFile_reloadedWithoutRestart() throws Exception {
    Path file = dir.resolve("trust-list.json");
    Files.writeString(file, ExampleKeys.trustListJson()); // test issuer not on it
    env.put(VerifierConfig.TRUST_LIST_CHECK_INTERVAL, "100ms");
    start();
    String p = issuer.presentation(7);
    assertEquals("untrusted_issuer", verdict(postText(p)));

    Files.writeString(file, issuer.trustListJson());
    awaitVerdict(p, "valid");

    Files.writeString(file, "{ not a trust list");
    Thread.sleep(400);
    assertEquals("valid", verdict(postText(p)), "a broken file keeps the previous list");
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(uri("/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(json(health).at("/trust_list/error").asText().contains("keeping the previous list"));
  }

  void awaitVerdict(String presentation, String expected) throws Exception {
    String last = null;
    for (int i = 0; i < 100; i++) {
      last = verdict(postText(presentation));
      if (last.equals(expected)) {
        return;
      }
      Thread.sleep(100);
    }
    assertEquals(expected, last);
  }

  /** A copy of a PNG whose header claims other dimensions (with a correct CRC). */
  static byte[] pngWithDimensions(byte[] png, int width, int height) {
    byte[] out = png.clone();
    ByteBuffer b = ByteBuffer.wrap(out);
    b.putInt(16, width);
    b.putInt(20, height);
    CRC32 crc = new CRC32();
    crc.update(out, 12, 17); // "IHDR" + 13 bytes of data
    b.putInt(29, (int) crc.getValue());
    return out;
  }
}
