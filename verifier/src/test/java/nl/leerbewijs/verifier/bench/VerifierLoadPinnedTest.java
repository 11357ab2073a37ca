package nl.leerbewijs.verifier.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import nl.leerbewijs.verifier.TestIssuerAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load test with the service and the load generator on separate cores, run on demand ({@code
 * -Dleerbewijs.bench=true}); Linux with {@code taskset} and at least two cores.
 *
 * <p>{@link VerifierLoadTest} runs service and generator in one JVM on the same cores, so the
 * generator's CPU (its threads, its half of loopback TCP) is taken from the service: on two cores,
 * half the in-process rate came to 75 % or more of what the HTTP path could then serve. Here the
 * service runs in a JVM of its own ({@link PinnedService}) that {@code taskset} keeps on the last
 * core(s), and this JVM, the load generator, is kept on the others, as when a load generator has a
 * machine of its own. The in-process rate the HTTP rate is held against is measured in the
 * service's JVM on the service's cores, so both figures have the same CPU to work with. Results go
 * to stdout and target/bench/verifier-load-pinned.txt; no timing assertions.
 */
class VerifierLoadPinnedTest {

  /**
   * Keep-alive connections, as many as {@link VerifierLoadTest}'s client threads, all polled by one
   * thread ({@link SpinningLoad}; until the fourteenth session a thread per connection).
   */
  static final int CLIENTS = (int) BenchProperties.CLIENTS.orElse(8);

  /** The load generator's nice value when the other threads share its core ({@link #ISOLATE}). */
  static final int GENERATOR_NICE = -10;

  /**
   * {@code -Dleerbewijs.bench.jitNice=N}: the service JVM's JIT compiler threads run at nice N in
   * the paced phases (unchanged without it). On the service's one core a late compile competes with
   * the event loop as an equal: in run sp3 of the twentieth session, C2 compiled Vert.x's {@code
   * ContextBase::emit} for 91 ms in the fixed phase's 38th second, and every connection waited 30
   * ms. Set after the flat-out phases, whose warm-up needs the compiler at full speed.
   */
  static final String JIT_NICE = "leerbewijs.bench.jitNice";

  /** Moves every other thread off the service's core(s) while measuring ({@link CoreIsolation}). */
  static final boolean ISOLATE = Boolean.getBoolean("leerbewijs.bench.isolate");

  @TempDir Path dir;
  final Report report = new Report("verifier-load-pinned.txt");
  final LoadPhases phases = new LoadPhases(s -> report.line("%s", s));

  @Test
  void load() throws Exception {
    assumeTrue(
        Boolean.getBoolean("leerbewijs.bench"), "load test runs with -Dleerbewijs.bench=true");
    // First, so that a wrong value is refused before minutes of measuring.
    BenchProperties.refuseWrongOptions();
    OptionalLong jitNice = BenchProperties.JIT_NICE;
    long pid = ProcessHandle.current().pid();
    List<Integer> cores = affinity(pid);
    assumeTrue(cores.size() >= 2, "needs taskset and at least two cores, found " + cores);
    int serviceCores =
        Math.max(
            1,
            Math.min(
                cores.size() - 1, (int) BenchProperties.SERVICE_CORES.orElse(cores.size() / 2)));
    List<Integer> serviceCoreList = cores.subList(cores.size() - serviceCores, cores.size());
    String service = join(serviceCoreList);
    String generator = join(cores.subList(0, cores.size() - serviceCores));
    report.line(
        "verifier load test, pinned: service on core(s) %s (%d worker(s)), load generator (one thread polling %d connections) on core(s) %s, %d s per phase, %d s per paced phase",
        service, serviceCores, CLIENTS, generator, PHASE_MS / 1000, PACED_SECONDS);

    try (TestIssuerAccess issuer = new TestIssuerAccess()) {
      String presentation = issuer.presentation(7);
      report.line("presentation: %d characters", presentation.length());
      report.line("%s", HostProbe.run(cores.size(), HostProbe.IDLE_NANOS));
      Path presentationFile = Files.writeString(dir.resolve("presentation.txt"), presentation);
      Path stderr = dir.resolve("service-stderr.txt");
      List<String> command = new ArrayList<>();
      command.addAll(
          List.of(
              "taskset",
              "-c",
              service,
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Dleerbewijs.bench.seconds=" + LoadPhases.PHASE_NANOS / 1_000_000_000L,
              "-Dleerbewijs.bench.pacedSeconds=" + PACED_SECONDS));
      // For reading a run, e.g. -Dleerbewijs.bench.serviceJvmArgs=-Xlog:gc:file=/tmp/gc.log
      String jvmArgs = System.getProperty("leerbewijs.bench.serviceJvmArgs", "").trim();
      if (!jvmArgs.isEmpty()) {
        command.addAll(List.of(jvmArgs.split("\\s+")));
        report.line("service JVM options: %s", jvmArgs);
      }
      command.addAll(
          List.of(
              "-cp",
              System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
              PinnedService.class.getName(),
              issuer.writeTrustList(dir).toString(),
              presentationFile.toString(),
              String.valueOf(serviceCores)));
      // Started first, so that its warm-up is over before the service JVM measures anything.
      try (CoreSpeed speed = CoreSpeed.start(service, dir.resolve("core-speed-stderr.txt"));
          ServiceJvm jvm =
              new ServiceJvm(
                  new ProcessBuilder(command).redirectError(stderr.toFile()).start(), stderr)) {
        String[] raw = jvm.await("raw");
        report.line(
            "raw ES256 verify (service JVM) %8s /s  p50 %s ms  p99 %s ms  (%s)",
            raw[0], raw[1], raw[2], coreSpeed(speed, System.currentTimeMillis()));
        String[] in = jvm.await("inprocess");
        long inProcessEnd = System.currentTimeMillis();
        double inProcess = Double.parseDouble(in[0]);
        report.line(
            "in-process verify (service JVM) %7.0f /s  p50 %s ms  p99 %s ms  (%.1f ES256 verifies' worth each; %s; %s)",
            inProcess,
            in[1],
            in[2],
            Double.parseDouble(raw[0]) / inProcess,
            rest(in),
            coreSpeed(speed, inProcessEnd));
        int port = Integer.parseInt(jvm.await("port")[0]);

        // Only now: the child inherited nothing from this pinning, and the issuer's status list
        // server (in this JVM) has already been fetched from.
        run("taskset", "-a", "-cp", generator, String.valueOf(pid));
        try (CoreIsolation isolation =
                ISOLATE
                    ? CoreIsolation.allBut(Set.of(pid, jvm.pid(), speed.pid()), generator)
                    : CoreIsolation.none();
            SpinningLoad http =
                new SpinningLoad(
                    new InetSocketAddress("127.0.0.1", port),
                    KeepAliveClient.request(
                        "127.0.0.1", port, "/api/verify", "text/plain", presentation),
                    CLIENTS)) {
          if (ISOLATE) {
            report.line(
                "every other thread that could be moved (%d) is kept off the service's core(s) until the end (-Dleerbewijs.bench.isolate); the load generator's threads (%d) run at nice %d meanwhile, ahead of them",
                isolation.moved(), isolation.prioritise(pid, GENERATOR_NICE), GENERATOR_NICE);
          }
          LoadPhases.Result closed = phases.runSteady("HTTP", http);
          report.line(
              "HTTP, %d connections flat out %6.0f /s  p50 %6.3f ms  p99 %6.3f ms  (%.0f %% of in-process; generator JVM: %s; %s)",
              CLIENTS,
              closed.perSecond(),
              closed.p50Ms(),
              closed.p99Ms(),
              100 * closed.perSecond() / inProcess,
              closed.jvm(),
              coreSpeed(speed, System.currentTimeMillis()));
          String[] again = jvm.again();
          long againEnd = System.currentTimeMillis();
          double best = Math.max(inProcess, Double.parseDouble(again[0]));
          // The core's speed while the better in-process rate was measured: the paced load is
          // half of that rate, so it is half of the service's capacity only at that speed.
          double yardstickUs =
              speed.medianUs(
                  (best == inProcess ? inProcessEnd : againEnd) - PHASE_MS,
                  best == inProcess ? inProcessEnd : againEnd);
          report.line(
              "in-process verify again  %8s /s  p50 %s ms  p99 %s ms  (%s; %s)",
              again[0], again[1], again[2], rest(again), coreSpeed(speed, againEnd));
          report.line(
              "HTTP flat out against the better in-process rate: %.0f %%",
              100 * closed.perSecond() / best);
          long turnsStart = System.currentTimeMillis();
          InTurns turns =
              InTurns.measure(
                  jvm::window, () -> http.run(PinnedService.WINDOW_NANOS, 0).perSecond());
          double[] turnsSpeed =
              Arrays.stream(
                      speed.bySecond(
                          turnsStart, (int) ((System.currentTimeMillis() - turnsStart) / 1000)))
                  .filter(us -> !Double.isNaN(us))
                  .toArray();
          report.line(
              "%s; the core beside them: %.1f-%.1f µs per ES256 verify",
              turns.line(),
              Arrays.stream(turnsSpeed).min().orElse(Double.NaN),
              Arrays.stream(turnsSpeed).max().orElse(Double.NaN));
          if (jitNice.isPresent()) {
            int nice = (int) jitNice.getAsLong();
            report.line(
                "the service JVM's compiler threads (%d) run at nice %d from here on (-D%s)",
                isolation.prioritise(jvm.pid(), nice, n -> n.contains("CompilerThre")),
                nice,
                JIT_NICE);
          }
          double rate = best * LoadPhases.PACED_SHARE;
          long cpuBefore = jvm.cpuMs();
          long startNanos = System.nanoTime();
          AtomicReference<CompletableFuture<HostProbe.Result>> generatorProbe =
              new AtomicReference<>();
          long[] pacedStartMs = new long[1];
          AtomicReference<ServiceCoreSeconds> coreSeconds = new AtomicReference<>();
          LoadPhases.Result paced =
              phases.pacedSteady(
                  rate,
                  http,
                  () -> {
                    generatorProbe.set(startProbes(jvm));
                    pacedStartMs[0] = System.currentTimeMillis();
                    coreSeconds.set(new ServiceCoreSeconds(Set.copyOf(serviceCoreList), jvm.pid()));
                  },
                  jvm::jitMs);
          long serviceCpu = jvm.cpuMs() - cpuBefore;
          double seconds = (System.nanoTime() - startNanos) / 1e9;
          report.line(
              "HTTP at %5.0f /s (%.0f %% of the better)  %8.0f /s  p50 %6.3f ms  p99 %6.3f ms  (generator JVM: %s)",
              rate,
              100 * LoadPhases.PACED_SHARE,
              paced.perSecond(),
              paced.p50Ms(),
              paced.p99Ms(),
              paced.jvm());
          report.line("  %s", paced.target());
          report.line("  p99 of each second (ms): %s", paced.bySecond());
          report.line(LATENESS_LINE, http.lateness(PACED_SECONDS));
          CoreSpeed.pacedLines(
                  speed.bySecond(pacedStartMs[0], PACED_SECONDS),
                  yardstickUs,
                  LoadPhases.PACED_SHARE)
              .forEach(l -> report.line("%s", l));
          report.line(
              "  each second on the service's core(s) (\"anything else\" includes the core speed probe, about 5 ms a second):");
          coreSeconds.get().stop(PACED_SECONDS).forEach(l -> report.line("%s", l));
          reportProbes(jvm, generatorProbe.get());
          report.line(
              "  the service JVM's CPU over the paced warm-up and phase: %d ms, %.2f of its %d core(s)",
              serviceCpu, serviceCpu / 1000.0 / seconds, serviceCores);
          report.line(
              "  each second of the paced phase (\"this JVM\" is the load generator; \"others'\" includes the service):%s",
              paced.machineBySecond());
          followingPhase(http, speed, rate, yardstickUs, jvm, serviceCoreList);
        } finally {
          run("taskset", "-a", "-cp", join(cores), String.valueOf(pid));
        }
      }
    }
    report.line("at the end, %s", HostProbe.run(cores.size(), HostProbe.IDLE_NANOS));
  }

  static final long PHASE_MS = LoadPhases.PHASE_NANOS / 1_000_000;

  static final int PACED_SECONDS = (int) (LoadPhases.PACED_NANOS / 1_000_000_000L);

  /**
   * The load generator's side of each paced second ({@link SpinningLoad#lateness}): a wait that
   * shows in every connection at once is either the generator held up (a long gap between its
   * passes) or the service not answering (requests sent late with short gaps: no connection idle).
   */
  static final String LATENESS_LINE =
      "  the generator in each second, its longest gap between two passes / the latest it sent a request after it was due (ms): %s";

  /**
   * The paced phase once more, with the load following the core's speed: {@code rate} (half the
   * in-process rate, measured with the core at {@code yardstickUs} per verify) scaled every {@value
   * SpinningLoad#FOLLOW_EVERY_MS} ms by the service's capacity at the core's speed of the moment
   * ({@link CoreSpeed#shareNow}). On these virtual machines the core slows by 30-45 % for tens of
   * seconds at a time; a fixed rate was then 57-87 % of what the service could do, not half, and
   * its queue, not the service, made the p99. This phase holds the load at half of what the service
   * can do at each moment, which is what the target asks; the fixed-rate phase above stays, as the
   * load a deployment would see.
   */
  private void followingPhase(
      SpinningLoad http,
      CoreSpeed speed,
      double rate,
      double yardstickUs,
      ServiceJvm jvm,
      List<Integer> serviceCores)
      throws Exception {
    long[] startMs = new long[1];
    AtomicReference<ServiceCoreSeconds> coreSeconds = new AtomicReference<>();
    AtomicReference<CompletableFuture<HostProbe.Result>> generatorProbe = new AtomicReference<>();
    LoadPhases.Result followed =
        phases.pacedSteady(
            rate,
            http.following(() -> speed.shareNow(yardstickUs)),
            () -> {
              generatorProbe.set(startProbes(jvm));
              startMs[0] = System.currentTimeMillis();
              coreSeconds.set(new ServiceCoreSeconds(Set.copyOf(serviceCores), jvm.pid()));
            },
            jvm::jitMs);
    report.line(
        "HTTP at %.0f %% of the in-process rate at the core's speed of the moment (%.0f /s at %.1f µs per verify)  %8.0f /s  p50 %6.3f ms  p99 %6.3f ms  (generator JVM: %s)",
        100 * LoadPhases.PACED_SHARE,
        rate,
        yardstickUs,
        followed.perSecond(),
        followed.p50Ms(),
        followed.p99Ms(),
        followed.jvm());
    report.line("  %s", followed.target());
    report.line("  p99 of each second (ms): %s", followed.bySecond());
    report.line(LATENESS_LINE, http.lateness(PACED_SECONDS));
    report.line("%s", CoreSpeed.speedLine(speed.bySecond(startMs[0], PACED_SECONDS)));
    report.line("  each second on the service's core(s):");
    coreSeconds.get().stop(PACED_SECONDS).forEach(l -> report.line("%s", l));
    reportProbes(jvm, generatorProbe.get());
    report.line(
        "  each second of this phase (\"this JVM\" is the load generator; \"others'\" includes the service):%s",
        followed.machineBySecond());
  }

  /**
   * Starts the host probe beside a paced phase, in the service's JVM and in this one (the load
   * generator's). Both paced phases run it, since the nineteenth session the following one too: its
   * thread wakes every millisecond on the generator's core, and each wake-up lets the scheduler
   * give the core back to the generator. Without it, in isolated runs, another thread moved to that
   * core could hold it until the next scheduler tick (4 ms on these kernels, HZ=250): the
   * generator's longest gap between two passes was 4-8 ms in most seconds of the following phase
   * and about 1 ms in the fixed one, and those seconds' p99 2-5 ms against 1-2 ms. With the probe
   * beside both, the following phase's p99 was 1.5 and 1.9 ms in two isolated runs.
   */
  private static CompletableFuture<HostProbe.Result> startProbes(ServiceJvm jvm) {
    jvm.startProbe();
    return HostProbe.meanwhile(LoadPhases.PACED_NANOS);
  }

  /** The probes' lines, once both have ended: the service JVM's, then the generator's. */
  private void reportProbes(ServiceJvm jvm, CompletableFuture<HostProbe.Result> generatorProbe)
      throws Exception {
    jvm.await("probe"); // passes on the service JVM's probe lines
    generatorProbe.get().besideLines("in the load generator").forEach(l -> report.line("%s", l));
  }

  /** The core's speed over the measured phase that ended at {@code endMs}, for a report line. */
  static String coreSpeed(CoreSpeed speed, long endMs) {
    return String.format(
        Locale.ROOT,
        "the core beside it: %.1f µs per ES256 verify",
        speed.medianUs(endMs - PHASE_MS, endMs));
  }

  /** The service's JVM: reads its tagged answers, passes its other lines to the report. */
  final class ServiceJvm implements AutoCloseable {
    private final Process process;
    private final Path stderr;
    private final BufferedReader out;

    ServiceJvm(Process process, Path stderr) {
      this.process = process;
      this.stderr = stderr;
      this.out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Reads up to the line tagged {@code @tag} and returns its fields. */
    String[] await(String tag) throws IOException {
      for (String l = out.readLine(); l != null; l = out.readLine()) {
        if (l.startsWith("@" + tag + " ")) {
          return l.substring(tag.length() + 2).split(" ", 4);
        }
        report.line("%s", l);
      }
      throw new IllegalStateException(
          "the service JVM ended before '@" + tag + "'; its stderr: " + tail(stderr));
    }

    /** The service JVM's compile time so far, in ms. */
    long jitMs() {
      try {
        send("jit");
        return Long.parseLong(await("jit")[0]);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** One in-process turn of {@link InTurns}: the service JVM's rate over a second. */
    double window() throws IOException {
      send("window");
      return Double.parseDouble(await("window")[0]);
    }

    String[] again() throws IOException {
      send("again");
      return await("again");
    }

    /** Starts the service JVM's {@link HostProbe}; its result comes with {@code @probe}. */
    void startProbe() {
      try {
        send("probe");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void send(String command) throws IOException {
      OutputStream in = process.getOutputStream();
      in.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
      in.flush();
    }

    long pid() {
      return process.pid();
    }

    /** The CPU time (user and system) the service JVM has used so far, from /proc. */
    long cpuMs() throws IOException {
      long[] userSystem = ProcStat.processUserSystemMs(process.pid());
      return userSystem[0] + userSystem[1];
    }

    @Override
    public void close() throws Exception {
      process.getOutputStream().close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /** The figures after the first three of a tagged line: the JVM's JIT and GC. */
  static String rest(String[] fields) {
    return fields.length > 3 ? fields[3] : "";
  }

  static String tail(Path file) throws IOException {
    if (!Files.exists(file)) {
      return "(none)";
    }
    String s = Files.readString(file);
    return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
  }

  /** The cores {@code pid} may run on, from {@code taskset -cp}; empty without taskset. */
  static List<Integer> affinity(long pid) throws Exception {
    String answer;
    try {
      answer = run("taskset", "-cp", String.valueOf(pid));
    } catch (IOException | IllegalStateException e) {
      return List.of();
    }
    List<Integer> cores = new ArrayList<>();
    for (String part : answer.substring(answer.lastIndexOf(':') + 1).trim().split(",")) {
      String[] range = part.split("-");
      int from = Integer.parseInt(range[0].trim());
      int to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
      for (int c = from; c <= to; c++) {
        cores.add(c);
      }
    }
    return cores;
  }

  static String join(List<Integer> cores) {
    return cores.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("");
  }

  static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
    return output;
  }
}
