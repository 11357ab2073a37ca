package nl.leerbewijs.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import nl.leerbewijs.core.keys.TestPki;
import nl.leerbewijs.core.qr.QrImages;
import nl.leerbewijs.core.status.Status;
import nl.leerbewijs.keys.example.ExampleKeys;
import nl.leerbewijs.verifier.config.VerifierConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The employer page in a real browser: headless Debian Chromium driven by playwright-core
 * (src/test/browser/page-test.mjs), with a fake camera playing a QR code of a real presentation.
 * Camera scan and upload show the green verdict with the credential's title and skills, a revoked
 * credential shows red. A second test opens the page by a host name, as a phone does: over the
 * service's own https the camera works, over plain http the page says it needs https
 * (src/test/browser/https-test.mjs). Screenshots go to target/browser-screenshots/.
 *
 * <p>Needs /usr/bin/chromium, node and {@code npm ci} in src/test/browser (.ci/run does both).
 * Skipped when they are missing, unless {@code LEERBEWIJS_BROWSER_TEST=required}.
 */
class VerifierPageIT {

  static final Path BROWSER_DIR = Path.of("src/test/browser");
  static final Path SCREENSHOTS = Path.of("target/browser-screenshots");

  @TempDir Path dir;

  @Test
  void page_cameraUploadAndRevoked_inHeadlessChromium() throws Exception {
    String chromium = chromiumOrSkip();

    try (TestIssuer issuer = new TestIssuer()) {
      issuer.statusList.set(8, Status.INVALID);
      String valid = issuer.presentation(7);
      String revoked = issuer.presentation(8);
      Path validPng = dir.resolve("valid.png");
      Path revokedPng = dir.resolve("revoked.png");
      Path blankPng = dir.resolve("blank.png");
      Path validText = dir.resolve("valid.txt");
      Path y4m = dir.resolve("camera.y4m");
      Files.write(validPng, QrImages.png(QrImages.render(TestIssuer.qrPayload(valid), 4).image()));
      Files.write(
          revokedPng, QrImages.png(QrImages.render(TestIssuer.qrPayload(revoked), 4).image()));
      ImageIO.write(
          new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY), "png", blankPng.toFile());
      Files.writeString(validText, valid);
      Path untrustedText = dir.resolve("untrusted.txt");
      ExampleKeys.School other = ExampleKeys.untrusted();
      Files.writeString(
          untrustedText,
          issuer.present(
              issuer.credential(other, other.issuerId(), 1, Clock.systemUTC(), null, true),
              TestIssuer.AUDIENCE,
              Instant.now().minusSeconds(2)));
      Y4mWriter.write(
          nl.leerbewijs.verifier.bench.QrCorpus.cameraView(TestIssuer.qrPayload(valid)), 3, y4m);
      ImageIO.write(
          nl.leerbewijs.verifier.bench.QrCorpus.cameraView(TestIssuer.qrPayload(valid)),
          "png",
          SCREENSHOTS.resolve("00-fake-camera-frame.png").toFile());

      VerifierConfig config =
          VerifierConfig.fromEnv(
              Map.of(
                  VerifierConfig.TRUST_LIST, issuer.writeTrustList(dir).toString(),
                  VerifierConfig.HTTP_HOST, "127.0.0.1",
                  VerifierConfig.HTTP_PORT, "0",
                  VerifierConfig.ALLOW_LOOPBACK_HTTP, "true"));
      try (RunningVerifier verifier = RunningVerifier.start(config)) {
        Map<String, String> env = new HashMap<>();
        env.put("BASE_URL", "http://127.0.0.1:" + verifier.port());
        env.put("CHROMIUM", chromium);
        env.put("Y4M", y4m.toAbsolutePath().toString());
        env.put("VALID_PNG", validPng.toAbsolutePath().toString());
        env.put("REVOKED_PNG", revokedPng.toAbsolutePath().toString());
        env.put("BLANK_PNG", blankPng.toAbsolutePath().toString());
        env.put("VALID_TEXT", validText.toAbsolutePath().toString());
        env.put("UNTRUSTED_TEXT", untrustedText.toAbsolutePath().toString());
        env.put("EXPECT_TITLE", "Data-analyse met Python");
        env.put("EXPECT_SKILL", "Software voor datavisualisatie");
        runScript("page-test.mjs", env);
      }
    }
  }

  /**
   * A phone on the school's network opens the page by the service's host name, where browsers allow
   * the camera only over https: with the service's own certificate the camera scan works; from a
   * service without one, the page says the camera needs https and upload still works.
   */
  @Test
  void page_overHttpsByHostName_cameraWorks_overHttpItSaysWhy() throws Exception {
    String chromium = chromiumOrSkip();
    String host = "verifier.school.test";
    try (TestIssuer issuer = new TestIssuer()) {
      String valid = issuer.presentation(7);
      Path validPng = dir.resolve("valid.png");
      Path y4m = dir.resolve("camera.y4m");
      Files.write(validPng, QrImages.png(QrImages.render(TestIssuer.qrPayload(valid), 4).image()));
      Y4mWriter.write(
          nl.leerbewijs.verifier.bench.QrCorpus.cameraView(TestIssuer.qrPayload(valid)), 3, y4m);

      TestTls tlsFiles = new TestTls();
      Path certFile = dir.resolve("fullchain.pem");
      Path keyFile = dir.resolve("privkey.pem");
      X509Certificate cert =
          tlsFiles.writePair(certFile, keyFile, TestPki.p256(), host, Duration.ofDays(30));
      // Chromium accepts this key in place of a certificate from a CA it trusts.
      String spki = TestTls.spki(cert);

      Map<String, String> plain =
          Map.of(
              VerifierConfig.TRUST_LIST, issuer.writeTrustList(dir).toString(),
              VerifierConfig.HTTP_HOST, "127.0.0.1",
              VerifierConfig.HTTP_PORT, "0",
              VerifierConfig.ALLOW_LOOPBACK_HTTP, "true");
      Map<String, String> tls = new HashMap<>(plain);
      tls.put(VerifierConfig.TLS_CERT, certFile.toString());
      tls.put(VerifierConfig.TLS_KEY, keyFile.toString());
      try (RunningVerifier https = RunningVerifier.start(VerifierConfig.fromEnv(tls));
          RunningVerifier http = RunningVerifier.start(VerifierConfig.fromEnv(plain))) {
        Map<String, String> env = new HashMap<>();
        env.put("HTTPS_URL", "https://" + host + ":" + https.port());
        env.put("HTTP_URL", "http://" + host + ":" + http.port());
        env.put("HOST", host);
        env.put("SPKI", spki);
        env.put("CHROMIUM", chromium);
        env.put("Y4M", y4m.toAbsolutePath().toString());
        env.put("VALID_PNG", validPng.toAbsolutePath().toString());
        runScript("https-test.mjs", env);
      }
    }
  }

  /** Chromium's path, or a skipped test when it or playwright-core is missing (unless required). */
  private static String chromiumOrSkip() throws IOException {
    String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    boolean ready =
        Files.isExecutable(Path.of(chromium))
            && Files.isDirectory(BROWSER_DIR.resolve("node_modules/playwright-core"));
    if (!"required".equals(System.getenv("LEERBEWIJS_BROWSER_TEST"))) {
      assumeTrue(
          ready, "browser test skipped: needs " + chromium + " and `npm ci` in " + BROWSER_DIR);
    }
    Files.createDirectories(SCREENSHOTS);
    return chromium;
  }

  /** Runs a script of src/test/browser with node; its log is kept beside the screenshots. */
  private static void runScript(String script, Map<String, String> scriptEnv) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("node", script)
            .directory(BROWSER_DIR.toFile())
            .redirectErrorStream(true);
    pb.environment().putAll(scriptEnv);
    pb.environment().put("SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString());
    Process p = pb.start();
    String output;
    try (var in = p.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    boolean done = p.waitFor(3, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    Files.writeString(SCREENSHOTS.resolve(script.replace(".mjs", ".log")), output);
    System.out.println(output);
    assertEquals(0, done ? p.exitValue() : -1, output);
  }
}
