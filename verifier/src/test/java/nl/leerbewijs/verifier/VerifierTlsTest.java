package nl.leerbewijs.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocket;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.keys.TestPki;
import nl.leerbewijs.verifier.cli.ExitCodes;
import nl.leerbewijs.verifier.config.VerifierConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service over https with its own certificate (no proxy): real TLS handshakes from the JDK's
 * client, trusting only a test CA; certificates renewed on disk while the service runs.
 */
class VerifierTlsTest {

  @TempDir Path dir;
  TestIssuer issuer;
  RunningVerifier verifier;
  Map<String, String> env = new HashMap<>();

  final TestTls tls = new TestTls();
  Path certFile;
  Path keyFile;

  @BeforeEach
  void setUp() throws IOException {
    issuer = new TestIssuer();
    certFile = dir.resolve("fullchain.pem");
    keyFile = dir.resolve("privkey.pem");
    env.put(VerifierConfig.TRUST_LIST, issuer.writeTrustList(dir).toString());
    env.put(VerifierConfig.HTTP_HOST, "127.0.0.1");
    env.put(VerifierConfig.HTTP_PORT, "0");
    env.put(VerifierConfig.ALLOW_LOOPBACK_HTTP, "true");
    env.put(VerifierConfig.WORKERS, "2"); // two event loops: a renewal must reach both
    env.put(VerifierConfig.TLS_CERT, certFile.toString());
    env.put(VerifierConfig.TLS_KEY, keyFile.toString());
    env.put(VerifierConfig.TLS_CHECK_INTERVAL, "100ms");
  }

  @AfterEach
  void tearDown() {
    if (verifier != null) {
      verifier.close();
    }
    issuer.close();
  }

  @Test
  void servesTheApiAndThePageOverHttpsWithHsts() throws Exception {
    X509Certificate cert = writePair(TestPki.p256(), Duration.ofDays(60));
    verifier = RunningVerifier.start(VerifierConfig.fromEnv(env));
    HttpClient https = HttpClient.newBuilder().sslContext(tls.clientContext()).build();

    HttpResponse<String> health = https.send(get("/health"), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode());
    assertEquals("TLSv1.3", health.sslSession().orElseThrow().getProtocol());
    assertEquals(
        "max-age=31536000", health.headers().firstValue("Strict-Transport-Security").orElse(""));
    JsonNode shown = Json.parseObject(health.body().getBytes()).get("tls");
    assertEquals("CN=localhost", shown.get("subject").asText());
    assertEquals("[\"localhost\",\"127.0.0.1\"]", shown.get("names").toString());
    assertEquals(cert.getNotAfter().toInstant().toString(), shown.get("not_after").asText());
    assertFalse(shown.has("error"));

    HttpResponse<String> verified =
        https.send(
            HttpRequest.newBuilder(uri("/api/verify"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(issuer.presentation(7)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, verified.statusCode());
    assertEquals("valid", Json.parseObject(verified.body().getBytes()).get("verdict").asText());
    assertEquals(200, https.send(get("/"), HttpResponse.BodyHandlers.ofString()).statusCode());
  }

  @Test
  void takesUpARenewedCertificateWithoutARestart() throws Exception {
    BigInteger first = writePair(TestPki.p256(), Duration.ofDays(10)).getSerialNumber();
    verifier = RunningVerifier.start(VerifierConfig.fromEnv(env));
    assertEquals(first, servedSerial());

    BigInteger renewed = writePair(TestPki.rsa(), Duration.ofDays(90)).getSerialNumber();
    awaitServed(renewed);
    JsonNode shown = health().get("tls");
    assertFalse(shown.has("error"), shown.toString());
  }

  @Test
  void keepsTheCertificateInForceWhileARenewalIsHalfWritten() throws Exception {
    KeyPair key = TestPki.p256();
    BigInteger first = writePair(key, Duration.ofDays(10)).getSerialNumber();
    verifier = RunningVerifier.start(VerifierConfig.fromEnv(env));

    // The new certificate is on disk, its key not yet: the pair does not match.
    KeyPair next = TestPki.p256();
    X509Certificate nextCert = serverCert(next, Duration.ofDays(90));
    replace(certFile, TestPki.pem(nextCert) + TestPki.pem(tls.ca));
    String error = awaitHealthError();
    assertTrue(error.contains(certFile.toString()), error);
    assertTrue(error.contains("does not hold this private key's public key"), error);
    assertTrue(error.contains("keeping the certificate in force"), error);
    assertEquals(first, servedSerial());
    assertEquals(first, servedSerial());

    replace(keyFile, TestPki.pkcs8Pem(next.getPrivate()));
    awaitServed(nextCert.getSerialNumber());
    assertFalse(health().get("tls").has("error"));
  }

  @Test
  @Timeout(60) // serve() would block if the service started after all
  void refusesToStartWithAPreciseMessageWhenThePairCannotBeUsed() throws Exception {
    writePair(TestPki.p256(), Duration.ofDays(10));
    replace(keyFile, TestPki.pkcs8Pem(TestPki.p256().getPrivate()));
    Run mismatch = serve();
    assertEquals(ExitCodes.BAD_INPUT, mismatch.exit);
    assertTrue(mismatch.err.contains(keyFile.toString()), mismatch.err);
    assertTrue(mismatch.err.contains("key-mismatch"), mismatch.err);

    KeyPair key = TestPki.p256();
    X509Certificate expired =
        TestPki.serverLeaf(
            tls.ca,
            tls.caKeys.getPrivate(),
            key.getPublic(),
            "localhost",
            Instant.now().minus(Duration.ofDays(91)),
            Instant.now().minus(Duration.ofDays(1)));
    replace(certFile, TestPki.pem(expired));
    replace(keyFile, TestPki.pkcs8Pem(key.getPrivate()));
    Run old = serve();
    assertEquals(ExitCodes.BAD_INPUT, old.exit);
    assertTrue(old.err.contains("the server's certificate (CN=localhost) expired on"), old.err);

    Files.delete(keyFile);
    Run missing = serve();
    assertEquals(ExitCodes.BAD_INPUT, missing.exit);
    assertTrue(missing.err.contains("cannot read " + keyFile + ": no such file"), missing.err);

    env.remove(VerifierConfig.TLS_KEY);
    Run half = serve();
    assertEquals(ExitCodes.BAD_INPUT, half.exit);
    assertTrue(half.err.contains("set both " + VerifierConfig.TLS_CERT), half.err);
  }

  @Test
  void thePlainHttpPortSendsEveryRequestOnToHttpsAndServesAcmeChallenges() throws Exception {
    writePair(TestPki.p256(), Duration.ofDays(30));
    Path webroot = Files.createDirectories(dir.resolve("webroot"));
    Path challenges = Files.createDirectories(webroot.resolve(".well-known/acme-challenge"));
    Files.writeString(challenges.resolve("tok_en-1"), "tok_en-1.thumbprint");
    Files.createDirectory(challenges.resolve("a-directory"));
    Files.writeString(dir.resolve("secret.txt"), "not for the internet");
    env.put(VerifierConfig.HTTP_REDIRECT_PORT, "0");
    env.put(VerifierConfig.ACME_WEBROOT, webroot.toString());
    verifier = RunningVerifier.start(VerifierConfig.fromEnv(env));
    int https = verifier.port();

    String get = plainHttp("GET /api/types?lang=en HTTP/1.1\r\nHost: verifier.school.test\r\n");
    assertTrue(get.startsWith("HTTP/1.1 301 "), get);
    assertTrue(
        get.contains("location: https://verifier.school.test:" + https + "/api/types?lang=en\r\n"),
        get);
    String post =
        plainHttp(
            "POST /api/verify HTTP/1.1\r\nHost: verifier.school.test:80\r\n"
                + "Content-Length: 3\r\n\r\nabc");
    assertTrue(post.startsWith("HTTP/1.1 308 "), post);
    assertTrue(
        post.contains("location: https://verifier.school.test:" + https + "/api/verify\r\n"));
    String v6 = plainHttp("GET / HTTP/1.1\r\nHost: [::1]:80\r\n");
    assertTrue(v6.contains("location: https://[::1]:" + https + "/\r\n"), v6);
    for (String bad : new String[] {"", "Host: \r\n", "Host: evil.test/x\r\n", "Host: a b\r\n"}) {
      String r = plainHttp("GET / HTTP/1.1\r\n" + bad);
      assertTrue(r.startsWith("HTTP/1.1 400 "), bad + " -> " + r);
    }

    String challenge =
        plainHttp("GET /.well-known/acme-challenge/tok_en-1 HTTP/1.1\r\nHost: x.test\r\n");
    assertTrue(challenge.startsWith("HTTP/1.1 200 "), challenge);
    assertTrue(challenge.endsWith("\r\n\r\ntok_en-1.thumbprint"), challenge);
    for (String token :
        new String[] {"missing", "a-directory", "..%2F..%2Fsecret.txt", "../../secret.txt", ""}) {
      String r =
          plainHttp("GET /.well-known/acme-challenge/" + token + " HTTP/1.1\r\nHost: x.test\r\n");
      assertTrue(r.startsWith("HTTP/1.1 404 "), token + " -> " + r);
    }
  }

  // ------------------------------------------------------------------ helpers

  private record Run(int exit, String err) {}

  /** {@code verifier serve} as the command line runs it; returns at once when it cannot start. */
  private Run serve() {
    StringWriter err = new StringWriter();
    var cl = VerifierMain.commandLine(env);
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute("serve");
    return new Run(exit, err.toString());
  }

  private X509Certificate serverCert(KeyPair key, Duration validFor) {
    return tls.serverCert(key, "localhost", validFor);
  }

  private X509Certificate writePair(KeyPair key, Duration validFor) throws IOException {
    return tls.writePair(certFile, keyFile, key, "localhost", validFor);
  }

  private static void replace(Path file, String text) throws IOException {
    TestTls.replace(file, text);
  }

  /** Sends one plain HTTP/1.1 request (head lines given, ending in CRLF) to the redirect port. */
  private String plainHttp(String head) throws IOException {
    String request = head.contains("\r\n\r\n") ? head : head + "Connection: close\r\n\r\n";
    if (!request.contains("Connection: close")) {
      request = request.replaceFirst("\r\n", "\r\nConnection: close\r\n");
    }
    try (Socket s = new Socket("127.0.0.1", verifier.redirectPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  /** The serial number of the certificate a new connection is given. */
  private BigInteger servedSerial() throws Exception {
    try (SSLSocket s =
        (SSLSocket)
            tls.clientContext().getSocketFactory().createSocket("127.0.0.1", verifier.port())) {
      s.startHandshake();
      return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber();
    }
  }

  /** Waits until several new connections in a row (so every event loop) get {@code serial}. */
  private void awaitServed(BigInteger serial) throws Exception {
    await(
        () -> {
          try {
            for (int i = 0; i < 4; i++) {
              if (!serial.equals(servedSerial())) {
                return false;
              }
            }
            return true;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        "the renewed certificate to be served");
  }

  private String awaitHealthError() throws Exception {
    await(() -> health().get("tls").has("error"), "the refusal in /health");
    return health().get("tls").get("error").asText();
  }

  private static void await(Supplier<Boolean> condition, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  private JsonNode health() {
    try {
      HttpClient https = HttpClient.newBuilder().sslContext(tls.clientContext()).build();
      return Json.parseObject(
          https.send(get("/health"), HttpResponse.BodyHandlers.ofString()).body().getBytes());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(uri(path)).GET().build();
  }

  private URI uri(String path) {
    return URI.create("https://127.0.0.1:" + verifier.port() + path);
  }
}
