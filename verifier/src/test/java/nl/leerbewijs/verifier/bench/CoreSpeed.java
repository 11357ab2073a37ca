package nl.leerbewijs.verifier.bench;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * How fast the service's core is from moment to moment, measured in a JVM of its own on that core:
 * ten times a second it times a few ES256 verifies (the service's own hot spot) in CPU time, so
 * waiting for the core does not count, but a core that runs slower does.
 *
 * <p>Why: the pinned test sets the paced load at half the in-process rate it measured earlier on
 * the same core. On this project's virtual machines that core now and then runs 15-30 % slower for
 * tens of seconds (fifteenth session: the in-process rate measured twice, 20 s apart, fell from
 * 8,958 to 6,641/s), with no steal reported and no other process on it; the paced load is then far
 * more than half of what the service can do at the time, and it falls behind. {@link HostProbe}'s
 * hash hardly shows this (26-29 µs throughout that run), and an ES256 verify in the service's own
 * JVM changed the service's compiled code ({@link HostProbe}'s comment). In its own JVM the probe
 * cannot touch the service's code, and it costs the core under half a per cent (80 verifies of
 * about 45 µs a second).
 *
 * <p>As a program ({@link #main}): warms up, prints {@code @ready}, then one line per batch:
 * wall-clock ms and the batch's CPU ns per verify, until its input ends.
 */
final class CoreSpeed implements AutoCloseable {

  private static final int VERIFIES_PER_BATCH = 8;
  private static final long BATCH_EVERY_MS = 100;

  private final Process process;
  private final List<long[]> batches = new ArrayList<>();

  private CoreSpeed(Process process) {
    this.process = process;
  }

  /** Starts the probe on {@code cores} and returns once it has warmed up. */
  static CoreSpeed start(String cores, Path stderr) throws IOException {
    Process p =
        new ProcessBuilder(
                "taskset",
                "-c",
                cores,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-Xmx64m",
                "-cp",
                System.getProperty(
                    "surefire.test.class.path", System.getProperty("java.class.path")),
                CoreSpeed.class.getName())
            .redirectError(stderr.toFile())
            .start();
    CoreSpeed speed = new CoreSpeed(p);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
    String first = in.readLine();
    if (!"@ready".equals(first)) {
      p.destroyForcibly();
      throw new IOException(
          "the core speed probe did not start (its first line: "
              + first
              + "); its stderr: "
              + VerifierLoadPinnedTest.tail(stderr));
    }
    Thread reader = new Thread(() -> speed.read(in), "core-speed-reader");
    reader.setDaemon(true);
    reader.start();
    return speed;
  }

  private void read(BufferedReader in) {
    try {
      for (String l = in.readLine(); l != null; l = in.readLine()) {
        String[] f = l.split(" ");
        synchronized (batches) {
          batches.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])});
        }
      }
    } catch (IOException | RuntimeException e) {
      // The probe ended; what it measured so far stands.
    }
  }

  long pid() {
    return process.pid();
  }

  /** The median CPU time of one verify, in µs, over batches in [fromMs, toMs); NaN if none. */
  double medianUs(long fromMs, long toMs) {
    long[] in;
    synchronized (batches) {
      // The batches come in time order: back from the newest to fromMs, so that shareNow, twice
      // every 100 ms on the load generator's core, reads the last second's batches, not the run's.
      int first = batches.size();
      while (first > 0 && batches.get(first - 1)[0] >= fromMs) {
        first--;
      }
      in =
          batches.subList(first, batches.size()).stream()
              .filter(b -> b[0] < toMs)
              .mapToLong(b -> b[1])
              .sorted()
              .toArray();
    }
    return in.length == 0 ? Double.NaN : in[in.length / 2] / 1e3;
  }

  /**
   * The service's capacity now as a share of its capacity when the core took {@code yardstickUs}
   * per verify; NaN without any batches. Quick to fall, slow to rise: from the slower of the last
   * second's median and the last {@value #RECENT_MS} ms's (two batches, of which the median is the
   * slower), so a load that follows it comes down one or two batches after a slowdown starts, and
   * goes back up once the fast batches are most of a second. On the last second alone (until the
   * twentieth session), in run qp1, the following phase queued for about a second at the start of
   * each burst of a slower core.
   */
  double shareNow(double yardstickUs) {
    long now = System.currentTimeMillis();
    double second = medianUs(now - 1000, now);
    double recent = medianUs(now - RECENT_MS, now);
    return yardstickUs / (Double.isNaN(recent) ? second : Math.max(second, recent));
  }

  static final long RECENT_MS = 2 * BATCH_EVERY_MS;

  /** The median of each whole second from {@code fromMs}, for {@code seconds} seconds. */
  double[] bySecond(long fromMs, int seconds) {
    double[] us = new double[seconds];
    for (int s = 0; s < seconds; s++) {
      us[s] = medianUs(fromMs + s * 1000L, fromMs + (s + 1) * 1000L);
    }
    return us;
  }

  /**
   * The core's speed in each second of the paced phase, and what share of the service's capacity
   * the paced load then was: the load is {@code share} of the in-process rate measured with the
   * core at {@code yardstickUs} per verify, and capacity scales with the core's speed.
   */
  static List<String> pacedLines(double[] usBySecond, double yardstickUs, double share) {
    double[] sorted = Arrays.stream(usBySecond).filter(u -> !Double.isNaN(u)).sorted().toArray();
    double median = sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    double slowest = sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    return List.of(
        speedLine(usBySecond),
        String.format(
            Locale.ROOT,
            "  the in-process rate this load is a share of was measured with the core at %.1f µs"
                + " per verify; at the speed of this phase's median second the load was %.0f %% of"
                + " what the service could then verify in process, in its slowest second %.0f %%",
            yardstickUs,
            100 * share * median / yardstickUs,
            100 * share * slowest / yardstickUs));
  }

  /** The report's line of the core's speed in each second of a phase. */
  static String speedLine(double[] usBySecond) {
    StringBuilder line =
        new StringBuilder(
            "  the core's speed in each second (µs per ES256 verify, in a probe JVM on the service's"
                + " core):");
    for (double us : usBySecond) {
      line.append(String.format(Locale.ROOT, " %.1f", us));
    }
    return line.toString();
  }

  @Override
  public void close() throws InterruptedException {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // Already gone.
    }
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  public static void main(String[] args) throws Exception {
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.US_ASCII);
    Callable<Void> verify = LoadPhases.rawEs256();
    // Compiled before the first batch counts (the verify itself is mostly native code).
    long warm = System.nanoTime() + 3_000_000_000L;
    while (System.nanoTime() < warm) {
      verify.call();
    }
    out.println("@ready");
    out.flush();
    Thread stopper =
        new Thread(
            () -> {
              try {
                while (System.in.read() >= 0) {
                  // Ends with the test's end of input.
                }
              } catch (IOException e) {
                // As at the end of input.
              }
              out.flush();
              System.exit(0);
            });
    stopper.setDaemon(true);
    stopper.start();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] perVerify = new long[VERIFIES_PER_BATCH];
    while (true) {
      for (int i = 0; i < VERIFIES_PER_BATCH; i++) {
        long t0 = threads.getCurrentThreadCpuTime();
        verify.call();
        perVerify[i] = threads.getCurrentThreadCpuTime() - t0;
      }
      // The batch's median: one verify interrupted by a timer or a page fault does not count.
      Arrays.sort(perVerify);
      out.printf(
          Locale.ROOT, "%d %d%n", System.currentTimeMillis(), perVerify[VERIFIES_PER_BATCH / 2]);
      out.flush();
      Thread.sleep(BATCH_EVERY_MS);
    }
  }
}
