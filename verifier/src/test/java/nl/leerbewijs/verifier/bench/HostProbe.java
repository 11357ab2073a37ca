package nl.leerbewijs.verifier.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * What the machine does to a JVM, apart from the load: threads that park for 1 ms, over and over,
 * record how late they wake, and every tenth time do a fixed piece of work (a 32 Ki-step
 * multiply-xor chain, {@link #work}) and record the CPU time it took.
 *
 * <p>How late: on an idle machine this is the host's own scheduling. A virtual CPU that the
 * hypervisor takes away for a few milliseconds shows here (and in "steal" only where the hypervisor
 * reports it). Every request over HTTP waits for several such wake-ups (client, event loop, client;
 * five with a worker), so a host whose stalls reach 10-25 ms puts them into the p99 of any service
 * on it, at any load. Run beside a load phase ({@link #meanwhile}), it also catches what stops the
 * JVM itself (a GC pause).
 *
 * <p>The work's CPU time: a core that runs slower for a while (its hyperthread sibling busy with
 * another machine's work, or time taken by the host but not reported as steal, and so charged to
 * whatever ran) does not stall anything, so the delays do not show it, but a service near its
 * capacity then falls behind. The same work taking more CPU time than in the idle probe shows it,
 * but not always: in a run of the fifteenth session the in-process rate fell 26 % between its two
 * measurements while the work (then a hash) took 26-29 µs throughout, as on the idle core. {@link
 * CoreSpeed} measures the service's own work (ES256) in a JVM of its own.
 *
 * <p>Why work of its own, and no code the service runs: the probe must not change what it measures,
 * and the JIT compiles code for the calls it has seen. In the fourteenth session an ES256 verify in
 * the probe made the service JVM throw away compiled code of the verification path when the probe
 * started beside the paced phase (key and signature objects of other types met the path's type
 * profiles: 120-272 ms of recompiling in the measured phase, and the first seconds' p99 at 33-65
 * ms). The SHA-256 of 32 KiB that replaced it did the same on a smaller scale (sixteenth session,
 * {@code -Xlog:jit+compilation}): the engine hashes disclosures of a few dozen bytes, so the JDK's
 * {@code DigestBase.engineUpdate} was compiled for short input, and the probe's first 32 KiB beside
 * the paced phase threw that code away; recompiling it took 31-79 ms of the service's one core in
 * the phase's first two seconds, and that second's p99 reached 36 ms. A loop in this class shares
 * no profile with anything, and is compiled before the first probe ({@link #warmUp}).
 */
final class HostProbe {

  /** How long the idle probes at the start and at the end of a run last. */
  static final long IDLE_NANOS = 5_000_000_000L;

  private static final int WORK_EVERY = 10;

  private HostProbe() {}

  record Result(
      int threads,
      double seconds,
      double p50Ms,
      double p99Ms,
      double p999Ms,
      double maxMs,
      double over2MsPerSecond,
      double[] maxMsBySecond,
      double workUs,
      double[] workUsBySecond) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "host probe (%d threads parking 1 ms for %.0f s, idle): %s",
          threads,
          seconds,
          summary());
    }

    String summary() {
      return String.format(
          Locale.ROOT,
          "woken late p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.1f ms; %.1f wake-ups per second"
              + " per thread over 2 ms late; the work took %.0f µs of CPU (median)",
          p50Ms,
          p99Ms,
          p999Ms,
          maxMs,
          over2MsPerSecond,
          workUs);
    }

    /**
     * The report's lines for a probe that ran beside a phase, {@code where} it ran ("in the service
     * JVM", say): the summary, and the largest delay and the work's time in each second.
     */
    List<String> besideLines(String where) {
      return List.of(
          "  host probe " + where + " beside it: " + summary(),
          "    largest delay in each second (ms): " + delayBySecond(),
          "    the work's CPU time in each second (µs): " + workBySecond());
    }

    /** The largest delay in each second, in ms. */
    String delayBySecond() {
      return join(maxMsBySecond, "%.1f");
    }

    /** The work's median CPU time in each second, in µs. */
    String workBySecond() {
      return join(workUsBySecond, "%.0f");
    }

    private static String join(double[] values, String format) {
      StringBuilder b = new StringBuilder();
      for (double v : values) {
        b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, format, v));
      }
      return b.toString();
    }
  }

  /** Probes with {@code threads} threads for {@code nanos}, and waits for the result. */
  static Result run(int threads, long nanos) throws Exception {
    warmUp();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<long[][]>> futures = new ArrayList<>();
    long start = System.nanoTime();
    long end = start + nanos;
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> probe(start, end, nanos)));
    }
    List<long[]> late = new ArrayList<>();
    List<long[]> work = new ArrayList<>();
    for (Future<long[][]> f : futures) {
      long[][] lateAndWork = f.get();
      late.add(lateAndWork[0]);
      work.add(lateAndWork[1]);
    }
    pool.shutdown();
    int seconds = (int) Math.max(1, nanos / 1_000_000_000L);
    long[] lateSamples = late.stream().flatMapToLong(Arrays::stream).toArray();
    long[] workSamples = work.stream().flatMapToLong(Arrays::stream).toArray();
    double[] maxBySecond = new double[seconds];
    double[] workBySecond = new double[seconds];
    for (int sec = 0; sec < seconds; sec++) {
      long[] lateIn = inSecond(lateSamples, sec, seconds);
      maxBySecond[sec] = lateIn.length == 0 ? 0 : lateIn[lateIn.length - 1] / 1e6;
      long[] workIn = inSecond(workSamples, sec, seconds);
      workBySecond[sec] = workIn.length == 0 ? 0 : workIn[workIn.length / 2] / 1e3;
    }
    long[] all = inSecond(lateSamples, -1, seconds);
    long[] allWork = inSecond(workSamples, -1, seconds);
    int n = all.length;
    return new Result(
        threads,
        nanos / 1e9,
        all[n / 2] / 1e6,
        all[Math.min(n - 1, (int) (n * 0.99))] / 1e6,
        all[Math.min(n - 1, (int) (n * 0.999))] / 1e6,
        all[n - 1] / 1e6,
        Arrays.stream(all).filter(x -> x > 2_000_000L).count() / (nanos / 1e9) / threads,
        maxBySecond,
        allWork.length == 0 ? 0 : allWork[allWork.length / 2] / 1e3,
        workBySecond);
  }

  /** {@link #run} with one thread, on a thread of its own, while the caller goes on. */
  static CompletableFuture<Result> meanwhile(long nanos) {
    CompletableFuture<Result> result = new CompletableFuture<>();
    Thread probe =
        new Thread(
            () -> {
              try {
                result.complete(run(1, nanos));
              } catch (Exception | Error e) {
                result.completeExceptionally(e);
              }
            },
            "host-probe");
    probe.setDaemon(true);
    probe.start();
    return result;
  }

  /**
   * One probing thread: wake-up delays and work CPU times in ns, each with the second of the probe
   * in the high bits (as in {@link LoadPhases#measure}).
   */
  private static long[][] probe(long start, long end, long nanos) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] late = new long[(int) (nanos / 1_000_000L) + 1];
    long[] work = new long[late.length / WORK_EVERY + 1];
    int n = 0;
    int w = 0;
    while (n < late.length && System.nanoTime() < end) {
      long t0 = System.nanoTime();
      LockSupport.parkNanos(1_000_000L);
      long overshoot = Math.max(0, System.nanoTime() - t0 - 1_000_000L);
      long second = (t0 - start) / 1_000_000_000L << LoadPhases.LATENCY_BITS;
      late[n++] = second | overshoot;
      if (n % WORK_EVERY == 0 && w < work.length) {
        work[w++] = second | workNanos(threads);
      }
    }
    return new long[][] {Arrays.copyOf(late, n), Arrays.copyOf(work, w)};
  }

  /** The work, timed in this thread's CPU time. */
  private static long workNanos(ThreadMXBean threads) {
    long cpu0 = threads.getCurrentThreadCpuTime();
    sink ^= work(sink);
    return Math.max(0, threads.getCurrentThreadCpuTime() - cpu0);
  }

  /** Where the work's result goes, so that the JIT cannot drop the work. */
  private static volatile long sink;

  /**
   * A chain of 32 Ki multiply-xor steps (FNV-1a's), each depending on the one before, so that no
   * compiler can vectorise or shorten it: tens of µs of the core's own arithmetic.
   */
  static long work(long seed) {
    long h = 0xcbf29ce484222325L ^ seed;
    for (int i = 0; i < WORK_STEPS; i++) {
      h = (h ^ i) * 0x100000001b3L;
    }
    return h;
  }

  private static final int WORK_STEPS = 32 * 1024;

  private static boolean warm;

  /**
   * Runs the work often enough for the JIT's last tier, once per JVM, before the first probe. Done
   * only every tenth wake-up, the work would reach it during the paced phase, and the JIT's
   * compiling would take the service's one core from it there.
   */
  private static synchronized void warmUp() throws Exception {
    if (warm) {
      return;
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < WARM_UP_CALLS; i++) {
      workNanos(threads);
    }
    warm = true;
  }

  /** Twice C2's threshold for a method called this often (5,000 calls). */
  private static final int WARM_UP_CALLS = 10_000;

  /** The values of the samples in second {@code second} (all seconds for -1), sorted. */
  private static long[] inSecond(long[] samples, int second, int seconds) {
    return Arrays.stream(samples)
        .filter(
            x ->
                second < 0 || Math.min(seconds - 1, x >>> LoadPhases.LATENCY_BITS) == (long) second)
        .map(x -> x & LoadPhases.LATENCY_MASK)
        .sorted()
        .toArray();
  }
}
