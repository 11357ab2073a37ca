package nl.leerbewijs.verifier.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.keys.TestPki;
import nl.leerbewijs.core.qr.QrImages;
import nl.leerbewijs.core.verify.Verdict;
import nl.leerbewijs.verifier.RunningVerifier;
import nl.leerbewijs.verifier.TestIssuerAccess;
import nl.leerbewijs.verifier.TestTls;
import nl.leerbewijs.verifier.Verifier;
import nl.leerbewijs.verifier.config.VerifierConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load test, run on demand ({@code -Dleerbewijs.bench=true}): verifications per second in process
 * and over HTTP with a cached status list, p50/p99, next to the raw ES256 verify rate of the same
 * JVM, and QR image decode times. Results go to stdout and target/bench/verifier-load.txt. No
 * timing assertions: the figures are for the README.
 */
class VerifierLoadTest {

  static final int THREADS = (int) BenchProperties.THREADS.orElse(2);

  /**
   * HTTP client threads, each with its own keep-alive connection. More than the server's workers,
   * so that requests are already waiting when a worker finishes (an open-loop generator must not be
   * limited by its own latency).
   */
  static final int CLIENTS = (int) BenchProperties.CLIENTS.orElse(4 * THREADS);

  @TempDir Path dir;
  final Report report = new Report("verifier-load.txt");
  final LoadPhases phases = new LoadPhases(s -> report.line("%s", s));

  @Test
  void load() throws Exception {
    assumeTrue(
        Boolean.getBoolean("leerbewijs.bench"), "load test runs with -Dleerbewijs.bench=true");
    // First, so that a wrong value is refused before minutes of measuring.
    BenchProperties.refuseWrongOptions();
    try (TestIssuerAccess issuer = new TestIssuerAccess()) {
      VerifierConfig config =
          VerifierConfig.fromEnv(
              Map.of(
                  VerifierConfig.TRUST_LIST, issuer.writeTrustList(dir).toString(),
                  VerifierConfig.HTTP_HOST, "127.0.0.1",
                  VerifierConfig.HTTP_PORT, "0",
                  VerifierConfig.ALLOW_LOOPBACK_HTTP, "true",
                  VerifierConfig.WORKERS, String.valueOf(THREADS)));
      String presentation = issuer.presentation(7);
      report.line(
          "verifier load test: %d threads, %d s per phase, %d cores, crypto provider %s",
          THREADS,
          LoadPhases.PHASE_NANOS / 1_000_000_000L,
          Runtime.getRuntime().availableProcessors(),
          CryptoProvider.get().getName());
      report.line("presentation: %d characters", presentation.length());
      int cores = Runtime.getRuntime().availableProcessors();
      report.line("%s", HostProbe.run(cores, HostProbe.IDLE_NANOS));

      LoadPhases.Result raw = LoadPhases.run(THREADS, LoadPhases.rawEs256());
      report.line(
          "raw ES256 verify        %8.0f /s  p50 %6.3f ms  p99 %6.3f ms",
          raw.perSecond(), raw.p50Ms(), raw.p99Ms());

      Verifier verifier = Verifier.create(config, Clock.systemUTC());
      assertEquals(Verdict.VALID, verifier.verify(presentation).verdict());
      LoadPhases.Result inProcess =
          phases.runSteady(
              "in-process",
              LoadPhases.onThreads(
                  THREADS, () -> LoadPhases.check(verifier.verify(presentation).verdict())));
      report.line(
          "in-process verify       %8.0f /s  p50 %6.3f ms  p99 %6.3f ms  (%.1f ES256 verifies' worth each; %s)",
          inProcess.perSecond(),
          inProcess.p50Ms(),
          inProcess.p99Ms(),
          raw.perSecond() / inProcess.perSecond(),
          inProcess.jvm());

      LoadPhases.Result closed;
      try (RunningVerifier service = RunningVerifier.start(config);
          KeepAliveClient http =
              new KeepAliveClient(
                  "127.0.0.1", service.port(), "/api/verify", "text/plain", presentation)) {
        LoadPhases.Load clients = LoadPhases.onThreads(CLIENTS, http::sendExpectingValid);
        closed = phases.runSteady("HTTP", clients);
        report.line(
            "HTTP, %d clients flat out %6.0f /s  p50 %6.3f ms  p99 %6.3f ms  (%.0f %% of in-process; %s)",
            CLIENTS,
            closed.perSecond(),
            closed.p50Ms(),
            closed.p99Ms(),
            100 * closed.perSecond() / inProcess.perSecond(),
            closed.jvm());
        // Measured again after the HTTP phase: the JIT may have finished more of the engine, and
        // on a shared machine the load changes over a run. The stricter (higher) rate counts.
        LoadPhases.Result again =
            LoadPhases.run(
                THREADS, () -> LoadPhases.check(verifier.verify(presentation).verdict()));
        report.line(
            "in-process verify again %8.0f /s  p50 %6.3f ms  p99 %6.3f ms  (%s)",
            again.perSecond(), again.p50Ms(), again.p99Ms(), again.jvm());
        double best = Math.max(inProcess.perSecond(), again.perSecond());
        report.line(
            "HTTP flat out against the better in-process rate: %.0f %%",
            100 * closed.perSecond() / best);
        double rate = best * LoadPhases.PACED_SHARE;
        AtomicReference<CompletableFuture<HostProbe.Result>> probe = new AtomicReference<>();
        LoadPhases.Result paced =
            phases.pacedSteady(
                rate, clients, () -> probe.set(HostProbe.meanwhile(LoadPhases.PACED_NANOS)));
        report.line(
            "HTTP at %5.0f /s (%.0f %% of the better)  %8.0f /s  p50 %6.3f ms  p99 %6.3f ms  (%s)",
            rate,
            100 * LoadPhases.PACED_SHARE,
            paced.perSecond(),
            paced.p50Ms(),
            paced.p99Ms(),
            paced.jvm());
        report.line("  %s", paced.target());
        report.line("  p99 of each second (ms): %s", paced.bySecond());
        probe.get().get().besideLines("in this JVM").forEach(l -> report.line("%s", l));
        report.line(
            "  each second of the paced phase (which began %.1f s after the JVM started):%s",
            paced.startUptimeMs() / 1000.0, paced.machineBySecond());
      }
      httpsPhases(config, presentation, closed);
      double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      report.line("system load average at the end: %.1f", load);
      report.line("at the end, %s", HostProbe.run(cores, HostProbe.IDLE_NANOS));
      report.line("status list fetches during the whole run: %d", issuer.statusFetches());

      byte[] png =
          QrImages.png(QrImages.render(TestIssuerAccess.qrPayload(presentation), 4).image());
      report.line(
          "QR decode, clean PNG (version %d):        median %6.1f ms",
          QrImages.version(TestIssuerAccess.qrPayload(presentation)),
          LoadPhases.medianMs(20, () -> verifier.readQr(png)));
      byte[] frame = Files.readAllBytes(cameraFrame(presentation));
      report.line(
          "QR decode, 1280x720 camera JPEG frame:    median %6.1f ms",
          LoadPhases.medianMs(20, () -> verifier.readQr(frame)));
      byte[] empty = Files.readAllBytes(cameraFrame(null));
      report.line(
          "QR decode, 1280x720 frame without a code: median %6.1f ms",
          LoadPhases.medianMs(
              10,
              () -> {
                try {
                  return verifier.readQr(empty);
                } catch (nl.leerbewijs.core.qr.QrImageException e) {
                  return null;
                }
              }));
    }
  }

  /**
   * The same service with its own certificate: what TLS adds to a request on a kept-alive
   * connection (the page's requests) and what a new connection's full handshake costs (a phone's
   * first request). The client does TLS too, on the same cores, so both include its share.
   */
  void httpsPhases(VerifierConfig plain, String presentation, LoadPhases.Result http)
      throws Exception {
    TestTls tls = new TestTls();
    Path certFile = dir.resolve("fullchain.pem");
    Path keyFile = dir.resolve("privkey.pem");
    tls.writePair(certFile, keyFile, TestPki.p256(), "localhost", Duration.ofDays(30));
    Map<String, String> env = new HashMap<>();
    env.put(VerifierConfig.TRUST_LIST, plain.trustListFile().toString());
    env.put(VerifierConfig.HTTP_HOST, "127.0.0.1");
    env.put(VerifierConfig.HTTP_PORT, "0");
    env.put(VerifierConfig.ALLOW_LOOPBACK_HTTP, "true");
    env.put(VerifierConfig.WORKERS, String.valueOf(THREADS));
    env.put(VerifierConfig.TLS_CERT, certFile.toString());
    env.put(VerifierConfig.TLS_KEY, keyFile.toString());
    SSLSocketFactory sockets = tls.clientContext().getSocketFactory();
    try (RunningVerifier service = RunningVerifier.start(VerifierConfig.fromEnv(env));
        KeepAliveClient https =
            new KeepAliveClient(
                sockets, "127.0.0.1", service.port(), "/api/verify", "text/plain", presentation)) {
      LoadPhases.Result secure =
          phases.runSteady("HTTPS", LoadPhases.onThreads(CLIENTS, https::sendExpectingValid));
      report.line(
          "HTTPS, %d clients flat out %5.0f /s  p50 %6.3f ms  p99 %6.3f ms  (%.0f %% of HTTP flat out; %s)",
          CLIENTS,
          secure.perSecond(),
          secure.p50Ms(),
          secure.p99Ms(),
          100 * secure.perSecond() / http.perSecond(),
          secure.jvm());
      // A host name of its own for each connection, so that the client has no session to resume.
      int port = service.port();
      AtomicInteger n = new AtomicInteger();
      double handshake =
          LoadPhases.medianMs(
              200,
              () -> {
                try (Socket tcp = new Socket("127.0.0.1", port);
                    SSLSocket s =
                        (SSLSocket)
                            sockets.createSocket(
                                tcp, "h" + n.incrementAndGet() + ".test", port, true)) {
                  s.startHandshake();
                }
                return null;
              });
      report.line(
          "HTTPS, a new connection's full TLS handshake (P-256 certificate): median %6.2f ms",
          handshake);
    }
  }

  Path cameraFrame(String presentation) throws IOException {
    java.awt.image.BufferedImage img =
        presentation == null
            ? new java.awt.image.BufferedImage(1280, 720, java.awt.image.BufferedImage.TYPE_INT_RGB)
            : QrCorpus.cameraView(TestIssuerAccess.qrPayload(presentation));
    Path f = dir.resolve(presentation == null ? "empty.jpg" : "frame.jpg");
    javax.imageio.ImageIO.write(img, "jpeg", f.toFile());
    return f;
  }
}
