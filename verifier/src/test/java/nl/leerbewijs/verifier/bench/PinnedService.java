package nl.leerbewijs.verifier.bench;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.verifier.RunningVerifier;
import nl.leerbewijs.verifier.Verifier;
import nl.leerbewijs.verifier.config.VerifierConfig;

/**
 * The service half of {@link VerifierLoadPinnedTest}, in a JVM of its own that {@code taskset}
 * keeps on the cores it is given: measures the raw ES256 verify rate and the in-process
 * verification rate on those cores, then serves the same {@link Verifier} over HTTP for the test's
 * load generator, which runs on the other cores.
 *
 * <p>Arguments: trust list file, presentation file, threads (verification threads in process, and
 * the service's workers). On stdout, lines starting with {@code @} are for the test ({@code @raw},
 * {@code @inprocess}, {@code @port}, {@code @again}, {@code @probe}, each with figures); every
 * other line goes into the report. On stdin, {@code again} measures the in-process rate once more;
 * {@code probe} starts a {@link HostProbe} for one phase's length beside the service, and when it
 * ends prints this JVM's JIT and GC time over it, the probe's report lines and {@code @probe}: they
 * show what stopped or slowed this JVM (JIT, GC, the host) while the load generator measured;
 * {@code jit} answers {@code @jit} with this JVM's compile time so far, in ms; {@code window}
 * verifies in process flat out for one second and answers {@code @window} with the rate; the end of
 * input stops the service.
 */
final class PinnedService {

  private PinnedService() {}

  /** How long {@code window} verifies in process: one turn of the test's in-turn comparison. */
  static final long WINDOW_NANOS = 1_000_000_000L;

  /**
   * The JIT's and the collector's time in each second, as "JIT/GC" pairs: a compilation of tens of
   * ms takes the one core from the event loop as surely as a pause does.
   */
  static String jitAndGc(EachSecond eachSecond, int seconds) {
    try {
      return eachSecond.stop(seconds).stream()
          .map(j -> j.compileMs() + "/" + j.gcMs())
          .collect(Collectors.joining(" "));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(interrupted)";
    }
  }

  public static void main(String[] args) throws Exception {
    // The test reads this JVM's output as UTF-8, whatever the platform's default.
    System.setOut(
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
    Path trustList = Path.of(args[0]);
    String presentation = Files.readString(Path.of(args[1]), StandardCharsets.US_ASCII);
    int threads = Integer.parseInt(args[2]);
    VerifierConfig config =
        VerifierConfig.fromEnv(
            Map.of(
                VerifierConfig.TRUST_LIST, trustList.toString(),
                VerifierConfig.HTTP_HOST, "127.0.0.1",
                VerifierConfig.HTTP_PORT, "0",
                VerifierConfig.ALLOW_LOOPBACK_HTTP, "true",
                VerifierConfig.WORKERS, String.valueOf(threads)));
    LoadPhases phases = new LoadPhases(line -> System.out.println("  " + line));
    System.out.printf(
        Locale.ROOT,
        "service JVM: %d core(s) visible, %d worker(s), GC %s, crypto provider %s%n",
        Runtime.getRuntime().availableProcessors(),
        threads,
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(GarbageCollectorMXBean::getName)
            .collect(Collectors.joining(" + ")),
        CryptoProvider.get().getName());

    // On this JVM's core while it is idle: the baseline for the probe beside the paced phase (and
    // its code is loaded and run once before then, not in the phase's first second).
    System.out.println(
        "host probe on the service's core(s), idle: "
            + HostProbe.run(threads, HostProbe.IDLE_NANOS).summary());
    LoadPhases.Result raw = LoadPhases.run(threads, LoadPhases.rawEs256());
    System.out.printf(
        Locale.ROOT, "@raw %.1f %.3f %.3f%n", raw.perSecond(), raw.p50Ms(), raw.p99Ms());

    Verifier verifier = Verifier.create(config, Clock.systemUTC());
    Callable<Void> verify = () -> LoadPhases.check(verifier.verify(presentation).verdict());
    LoadPhases.Result inProcess =
        phases.runSteady("in-process (service JVM)", LoadPhases.onThreads(threads, verify));
    System.out.printf(
        Locale.ROOT,
        "@inprocess %.1f %.3f %.3f %s%n",
        inProcess.perSecond(),
        inProcess.p50Ms(),
        inProcess.p99Ms(),
        inProcess.jvm());

    try (RunningVerifier service = RunningVerifier.start(verifier)) {
      System.out.println("@port " + service.port());
      BufferedReader commands =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
      for (String command = commands.readLine(); command != null; command = commands.readLine()) {
        if (command.equals("probe")) {
          LoadPhases.Jvm before = LoadPhases.Jvm.now();
          EachSecond eachSecond = new EachSecond();
          HostProbe.meanwhile(LoadPhases.PACED_NANOS)
              .thenAccept(
                  p -> {
                    System.out.println(
                        "  the service JVM meanwhile: " + LoadPhases.Jvm.now().since(before));
                    System.out.println(
                        "    its JIT / GC time in each second (ms): "
                            + jitAndGc(eachSecond, p.maxMsBySecond().length));
                    p.besideLines("in the service JVM").forEach(System.out::println);
                    System.out.println("@probe done");
                  });
        } else if (command.equals("window")) {
          LoadPhases.Result window = LoadPhases.measure(threads, verify, WINDOW_NANOS, 0);
          System.out.printf(Locale.ROOT, "@window %.1f%n", window.perSecond());
        } else if (command.equals("jit")) {
          System.out.println("@jit " + LoadPhases.Jvm.now().compileMs());
        } else if (command.equals("again")) {
          LoadPhases.Result again = LoadPhases.run(threads, verify);
          System.out.printf(
              Locale.ROOT,
              "@again %.1f %.3f %.3f %s%n",
              again.perSecond(),
              again.p50Ms(),
              again.p99Ms(),
              again.jvm());
        }
      }
    }
  }
}
