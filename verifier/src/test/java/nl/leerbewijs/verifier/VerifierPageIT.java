package nl.leerbewijs.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
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
 * credential shows red. Screenshots go to target/browser-screenshots/.
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
    String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    boolean ready =
        Files.isExecutable(Path.of(chromium))
            && Files.isDirectory(BROWSER_DIR.resolve("node_modules/playwright-core"));
    if (!"required".equals(System.getenv("LEERBEWIJS_BROWSER_TEST"))) {
      assumeTrue(
          ready, "browser test skipped: needs " + chromium + " and `npm ci` in " + BROWSER_DIR);
    }
    Files.createDirectories(SCREENSHOTS);

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
        ProcessBuilder pb =
            new ProcessBuilder("node", "page-test.mjs")
                .directory(BROWSER_DIR.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("BASE_URL", "http://127.0.0.1:" + verifier.port());
        env.put("CHROMIUM", chromium);
        env.put("Y4M", y4m.toAbsolutePath().toString());
        env.put("VALID_PNG", validPng.toAbsolutePath().toString());
        env.put("REVOKED_PNG", revokedPng.toAbsolutePath().toString());
        env.put("BLANK_PNG", blankPng.toAbsolutePath().toString());
        env.put("VALID_TEXT", validText.toAbsolutePath().toString());
        env.put("UNTRUSTED_TEXT", untrustedText.toAbsolutePath().toString());
        env.put("SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString());
        env.put("EXPECT_TITLE", "Data-analyse met Python");
        env.put("EXPECT_SKILL", "Software voor datavisualisatie");
        Process p = pb.start();
        String output;
        try (var in = p.getInputStream()) {
          output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        boolean done = p.waitFor(3, TimeUnit.MINUTES);
        if (!done) {
          p.destroyForcibly();
        }
        Files.writeString(SCREENSHOTS.resolve("page-test.log"), output);
        System.out.println(output);
        assertEquals(0, done ? p.exitValue() : -1, output);
      }
    }
  }
}
