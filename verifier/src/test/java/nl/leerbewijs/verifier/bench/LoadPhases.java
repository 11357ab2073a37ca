package nl.leerbewijs.verifier.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.verify.Verdict;
import nl.leerbewijs.keys.example.ExampleKeys;

/**
 * The load test's phases, shared by {@link VerifierLoadTest} (service and load generator on the
 * same cores) and {@link PinnedService} with {@link VerifierLoadPinnedTest} (each on its own core):
 * flat-out and paced runs of a task on a number of threads, with latencies per request and per
 * second, and what the JVM did meanwhile (JIT, GC, CPU).
 */
final class LoadPhases {

  static final long PHASE_NANOS = BenchProperties.SECONDS * 1_000_000_000L;

  /**
   * The length of a paced phase ({@code -Dleerbewijs.bench.pacedSeconds}, by default a minute). One
   * stall of the host of 50 ms at a few thousand requests a second delays 1-3 % of an 8-second
   * phase's requests, more than the 1 % a p99 allows, and the same stall in a minute's load delays
   * a tenth as many: a minute tells the service's p99 from a single bad second. Until the
   * nineteenth session the paced phases were by default as long as the others (8 s).
   */
  static final long PACED_NANOS = BenchProperties.PACED_SECONDS * 1_000_000_000L;

  /** The p99 the target asks for at half the in-process rate. */
  static final double TARGET_MS = 20;

  /**
   * The paced phase's rate as a share of the better in-process rate: the target is set at half;
   * lower shares show how much of the p99 is load and how much is the machine.
   */
  static final double PACED_SHARE = BenchProperties.PACED_SHARE;

  /** Where warm-up lines go (the report). */
  private final Consumer<String> out;

  LoadPhases(Consumer<String> out) {
    this.out = out;
  }

  record Result(
      double perSecond,
      double p50Ms,
      double p99Ms,
      int n,
      Jvm during,
      double[] p99MsBySecond,
      double[][] slowestMsBySecondByThread,
      List<Jvm> jvmBySecond,
      long startUptimeMs,
      double p999Ms,
      double overTargetShare) {
    /**
     * The target's figures beside the p99: the p99.9, the share of all requests slower than {@link
     * #TARGET_MS}, and how many seconds had a p99 over it.
     */
    String target() {
      long badSeconds = Arrays.stream(p99MsBySecond).filter(p -> p > TARGET_MS).count();
      return String.format(
          Locale.ROOT,
          "p99.9 %.1f ms; %.2f %% of the requests over %.0f ms; %d of %d seconds with a p99 over it",
          p999Ms,
          100 * overTargetShare,
          TARGET_MS,
          badSeconds,
          p99MsBySecond.length);
    }

    /** The p99 of each second of the phase: one stall shows as one bad second. */
    String bySecond() {
      StringBuilder b = new StringBuilder();
      for (double p : p99MsBySecond) {
        b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f", p));
      }
      return b.toString();
    }

    /**
     * What else happened in each second: JIT and GC time, and the CPU time this JVM and everything
     * else on the machine used (in ms, out of 1,000 per core), so a bad second can be told apart
     * from a busy neighbour; and the slowest request of each client (thread or connection), which
     * tells a stall of the whole service (all slow) from one of a single connection (one slow).
     */
    String machineBySecond() {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < jvmBySecond.size(); i++) {
        Jvm j = jvmBySecond.get(i);
        b.append(
            String.format(
                Locale.ROOT,
                "%n    second %d: p99 %.1f ms, JIT %d ms, GC %d ms, this JVM's CPU %d ms, others' %s",
                i + 1,
                i < p99MsBySecond.length ? p99MsBySecond[i] : 0.0,
                j.compileMs,
                j.gcMs,
                j.cpuMs,
                j.othersCpuMs < 0 ? "unknown" : j.othersCpuMs + " ms"));
        if (i < slowestMsBySecondByThread.length) {
          b.append("; slowest of each client (ms):");
          for (double ms : slowestMsBySecondByThread[i]) {
            b.append(String.format(Locale.ROOT, " %.1f", ms));
          }
        }
      }
      return b.toString();
    }

    /** What the JVM itself did during the phase, for reading an outlier. */
    String jvm() {
      return during + ", steal " + (during.stealMs < 0 ? "unknown" : during.stealMs + " ms");
    }
  }

  /**
   * Compilation time and garbage collections so far, and the CPU time the hypervisor gave to other
   * machines ("steal", all cores, from /proc/stat; -1 where unreadable), or the difference of two
   * such readings.
   */
  record Jvm(long compileMs, long gcCount, long gcMs, long stealMs, long cpuMs, long othersCpuMs) {
    static Jvm now() {
      long count = 0;
      long ms = 0;
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        count += Math.max(0, gc.getCollectionCount());
        ms += Math.max(0, gc.getCollectionTime());
      }
      long[] stat = procStat();
      long cpu = processCpuMs();
      return new Jvm(
          ManagementFactory.getCompilationMXBean().getTotalCompilationTime(),
          count,
          ms,
          stat == null ? -1 : stat[1],
          cpu,
          stat == null ? -1 : stat[0] - cpu);
    }

    /**
     * From /proc/stat's "cpu" line, in ms: the time all cores were busy (user, nice, system, irq,
     * softirq) and the steal time (the eighth number); null where unreadable. The kernel counts in
     * 1/100 s.
     */
    static long[] procStat() {
      try {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        if (!f[0].equals("cpu") || f.length <= 8) {
          return null;
        }
        return new long[] {ProcStat.busyMs(f), ProcStat.fieldMs(f, 8)};
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    static long processCpuMs() {
      return ManagementFactory.getOperatingSystemMXBean()
              instanceof com.sun.management.OperatingSystemMXBean os
          ? os.getProcessCpuTime() / 1_000_000
          : 0;
    }

    /** JIT and GC, for a line of the report. */
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "JIT %d ms, %d GC pauses %d ms", compileMs, gcCount, gcMs);
    }

    Jvm since(Jvm before) {
      return new Jvm(
          compileMs - before.compileMs,
          gcCount - before.gcCount,
          gcMs - before.gcMs,
          stealMs < 0 || before.stealMs < 0 ? -1 : stealMs - before.stealMs,
          cpuMs - before.cpuMs,
          othersCpuMs < 0 || before.othersCpuMs < 0
              ? -1
              : Math.max(0, othersCpuMs - before.othersCpuMs));
    }
  }

  static Void check(Verdict v) {
    if (v != Verdict.VALID) {
      throw new IllegalStateException("verdict " + v);
    }
    return null;
  }

  static Callable<Void> rawEs256() throws Exception {
    ExampleKeys.School s = ExampleKeys.school(ExampleKeys.HS_VOORBEELD);
    byte[] data =
        "eyJhbGciOiJFUzI256IsInR5cCI6ImRjK3NkLWp3dCJ9.eyJpc3MiOiJodHRwczovL2V4YW1wbGUifQ"
            .getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance("SHA256withECDSA", CryptoProvider.get());
    signer.initSign(s.privateKey());
    signer.update(data);
    byte[] sig = signer.sign();
    ThreadLocal<Signature> verifiers =
        ThreadLocal.withInitial(
            () -> {
              try {
                return Signature.getInstance("SHA256withECDSA", CryptoProvider.get());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    return () -> {
      Signature v = verifiers.get();
      v.initVerify(s.publicKey());
      v.update(data);
      if (!v.verify(sig)) {
        throw new IllegalStateException("signature did not verify");
      }
      return null;
    };
  }

  /** A way to put load on what is measured: {@code rate} per second, or flat out when 0. */
  interface Load {
    Result run(long nanos, double rate) throws Exception;
  }

  /**
   * {@code task} on {@code threads} threads of this JVM: each calls it in turn, paced at its share
   * of the rate ({@link #measure}).
   */
  static Load onThreads(int threads, Callable<?> task) {
    return (nanos, rate) ->
        measure(threads, task, nanos, rate > 0 ? (long) (1e9 * threads / rate) : 0);
  }

  /**
   * Like {@link #run}, but warms up until the rate holds still and the JIT has finished: 2-second
   * windows until two in a row differ by less than 5 % and the last spent less than {@value
   * #QUIET_JIT_MS} ms compiling (at least six windows, since the in-process rate can pause at a
   * plateau for a few seconds before the JIT's last step; at most twenty), then the measured phase.
   * A fixed warm-up is not enough for the HTTP path: measured after 4 s, 8 clients got 2,912/s with
   * the JIT still compiling the Netty and Vert.x paths on one of the two cores, and 4,765/s in a
   * second run straight after. The rate alone was not enough either: on a faster machine it held
   * still within 5 % while the compiler still took a tenth of the run's CPU, and the paced phase
   * then met a service that had not reached its capacity. The warm-up rates and compile times are
   * printed, so a reader sees what was left out.
   */
  Result runSteady(String what, Load load) throws Exception {
    List<String> rates = new ArrayList<>();
    double previous = -1;
    for (int window = 0; window < 20; window++) {
      Result r = load.run(2_000_000_000L, 0);
      rates.add(String.format(Locale.ROOT, "%.0f (JIT %d ms)", r.perSecond, r.during.compileMs));
      if (window >= 5
          && Math.abs(r.perSecond - previous) < 0.05 * Math.max(r.perSecond, previous)
          && r.during.compileMs < QUIET_JIT_MS) {
        break;
      }
      previous = r.perSecond;
    }
    out.accept(
        String.format(
            Locale.ROOT, "%s warm-up, 2 s windows: %s /s", what, String.join(", ", rates)));
    collectBeforeMeasuring();
    return load.run(PHASE_NANOS, 0);
  }

  /**
   * A full collection just before a measured phase, so that the garbage of the warm-up (each
   * window's result arrays, and in the test's JVM the issuer it hosts) cannot fill the young
   * generation during the phase. The generators make no garbage per request, yet the test's JVM
   * still paused for 64-73 ms in the flat-out phase of 6 of 22 pinned runs (fourteenth session):
   * G1, chosen at start for 2 cores, then runs its two GC threads on the one core the generator is
   * pinned to.
   */
  private static void collectBeforeMeasuring() {
    System.gc();
  }

  /** Compile time in a 2-second window below which the JIT counts as done. */
  static final long QUIET_JIT_MS = 40;

  /**
   * Runs {@code task} flat out on {@code threads} threads: a warm-up phase, then the measured one.
   */
  static Result run(int threads, Callable<?> task) throws Exception {
    measure(threads, task, PHASE_NANOS / 2, 0);
    return measure(threads, task, PHASE_NANOS, 0);
  }

  /**
   * {@link #paced}, after paced 2-second windows until one passes with the JIT quiet (at least two,
   * at most ten). Switching from flat out to paced load makes the JIT compile again (about 200 ms
   * of compile time in the first 8 s of paced load on the machine of 2026-11-23: the event loop now
   * waits in epoll between requests, and branches it had never taken turn hot); measured straight
   * away, those compilations and the queue they leave behind were the p99. {@code atStart} runs
   * just before the measured phase (to start a probe alongside it).
   */
  Result pacedSteady(double rate, Load load, Runnable atStart) throws Exception {
    return pacedSteady(rate, load, atStart, null);
  }

  /**
   * {@link #pacedSteady(double, Load, Runnable)} for a service in a JVM of its own, whose compile
   * time so far {@code serviceJitMs} gives: its JIT must be quiet in the last window too (fifteenth
   * session: 152 ms of the service's compiling inside a measured phase whose warm-up had passed on
   * the load generator's JIT alone, and a second at 52.7 ms).
   */
  Result pacedSteady(double rate, Load load, Runnable atStart, LongSupplier serviceJitMs)
      throws Exception {
    List<String> windows = new ArrayList<>();
    for (int window = 0; window < 10; window++) {
      long serviceBefore = serviceJitMs == null ? 0 : serviceJitMs.getAsLong();
      Result r = load.run(2_000_000_000L, rate);
      long serviceJit = serviceJitMs == null ? 0 : serviceJitMs.getAsLong() - serviceBefore;
      windows.add(
          String.format(Locale.ROOT, "p99 %.1f ms (JIT %d ms", r.p99Ms, r.during.compileMs)
              + (serviceJitMs == null ? ")" : ", the service's " + serviceJit + " ms)"));
      if (window >= 1 && r.during.compileMs < QUIET_JIT_MS && serviceJit < QUIET_JIT_MS) {
        break;
      }
    }
    out.accept("paced warm-up, 2 s windows: " + String.join(", ", windows));
    collectBeforeMeasuring();
    atStart.run();
    return load.run(PACED_NANOS, rate);
  }

  static Result measure(int threads, Callable<?> task, long nanos, long intervalNanos)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    // Each thread's latencies, allocated before the clock starts: large arrays in the measured
    // phase could start the generator's collector there.
    long[][] lats = new long[threads][];
    for (int t = 0; t < threads; t++) {
      lats[t] =
          new long
              [intervalNanos > 0 ? (int) Math.min(1 << 24, nanos / intervalNanos + 64) : 1 << 16];
    }
    Jvm before = Jvm.now();
    long startUptimeMs = ManagementFactory.getRuntimeMXBean().getUptime();
    long start = System.nanoTime();
    long end = start + nanos;
    EachSecond eachSecond = new EachSecond();
    List<Future<long[]>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long offset = intervalNanos * t / Math.max(1, threads);
      long[] preallocated = lats[t];
      futures.add(
          pool.submit(
              () -> {
                long[] lat = preallocated;
                int n = 0;
                long next = start + offset;
                while (true) {
                  if (intervalNanos > 0) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                      LockSupport.parkNanos(wait);
                    }
                  }
                  long t0 = intervalNanos > 0 ? Math.max(next, start) : System.nanoTime();
                  if (System.nanoTime() > end) {
                    break;
                  }
                  task.call();
                  long d = System.nanoTime() - t0;
                  if (n == lat.length) {
                    lat = Arrays.copyOf(lat, n * 2);
                  }
                  lat[n++] = sample((t0 - start) / 1_000_000_000L, d);
                  next += intervalNanos;
                }
                return Arrays.copyOf(lat, n);
              }));
    }
    List<long[]> all = new ArrayList<>();
    for (Future<long[]> f : futures) {
      all.add(f.get());
    }
    long elapsed = System.nanoTime() - start;
    pool.shutdown();
    return summarize(all, nanos, elapsed, before, eachSecond, startUptimeMs);
  }

  /**
   * One sample per request: the second of the phase it was due in, in the high bits, and its
   * latency in ns (under 18 minutes) in the low {@value #LATENCY_BITS}.
   */
  static long sample(long second, long latencyNanos) {
    return second << LATENCY_BITS | latencyNanos;
  }

  /**
   * The phase's result from each source's samples ({@link #sample}; a source is a thread or a
   * connection), over {@code elapsed} ns of a phase of {@code nanos}.
   */
  static Result summarize(
      List<long[]> all,
      long nanos,
      long elapsed,
      Jvm before,
      EachSecond eachSecond,
      long startUptimeMs)
      throws InterruptedException {
    long[] samples = all.stream().flatMapToLong(Arrays::stream).toArray();
    long[] lat = Arrays.stream(samples).map(x -> x & LATENCY_MASK).sorted().toArray();
    int seconds = (int) (nanos / 1_000_000_000L);
    double[] bySecond = new double[Math.max(1, seconds)];
    for (int sec = 0; sec < bySecond.length; sec++) {
      int second = sec;
      long[] in =
          Arrays.stream(samples)
              .filter(x -> x >>> LATENCY_BITS == second)
              .map(x -> x & LATENCY_MASK)
              .sorted()
              .toArray();
      bySecond[sec] =
          in.length == 0 ? 0 : in[Math.min(in.length - 1, (int) (in.length * 0.99))] / 1e6;
    }
    double[][] slowest = new double[bySecond.length][all.size()];
    for (int t = 0; t < all.size(); t++) {
      for (long x : all.get(t)) {
        int second = (int) (x >>> LATENCY_BITS);
        if (second < slowest.length) {
          slowest[second][t] = Math.max(slowest[second][t], (x & LATENCY_MASK) / 1e6);
        }
      }
    }
    return new Result(
        lat.length / (elapsed / 1e9),
        lat[(int) (lat.length * 0.50)] / 1e6,
        lat[Math.min(lat.length - 1, (int) (lat.length * 0.99))] / 1e6,
        lat.length,
        Jvm.now().since(before),
        bySecond,
        slowest,
        eachSecond.stop(bySecond.length),
        startUptimeMs,
        lat[Math.min(lat.length - 1, (int) (lat.length * 0.999))] / 1e6,
        overShare(lat, (long) (TARGET_MS * 1e6)));
  }

  /** The share of the latencies {@code lat} over {@code limitNanos}. */
  static double overShare(long[] lat, long limitNanos) {
    return lat.length == 0
        ? 0
        : Arrays.stream(lat).filter(l -> l > limitNanos).count() / (double) lat.length;
  }

  static final int LATENCY_BITS = 40;
  static final long LATENCY_MASK = (1L << LATENCY_BITS) - 1;

  /**
   * The median of {@code n} calls after 3 s of warm-up: a server decodes frames all day, so the
   * figure is for compiled code (with one warm-up call, as before, the JIT was still compiling the
   * scanner and a camera frame measured 69 ms instead of about 20).
   */
  static double medianMs(int n, Callable<?> task) throws Exception {
    long warm = System.nanoTime() + 3_000_000_000L;
    do {
      task.call();
    } while (System.nanoTime() < warm);
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      task.call();
      t[i] = System.nanoTime() - t0;
    }
    Arrays.sort(t);
    return t[n / 2] / 1e6;
  }
}
