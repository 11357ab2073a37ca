package nl.leerbewijs.verifier.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the service's core(s) did in each second of the paced phase, from {@code /proc}: how busy
 * they were, how much of that was the service JVM itself (user and system time), how much went to
 * interrupts (softirq: the loopback TCP input that the service's core runs), and so what was left
 * for anything else on those cores. A bad second in which the service's own CPU rises at the same
 * rate of requests is the core slowing down ({@link CoreSpeed} tells by how much); one in which the
 * rest rises is another process or the kernel.
 */
final class ServiceCoreSeconds {

  private final Set<Integer> cores;
  private final long pid;
  private final ScheduledExecutorService sampler = EachSecond.sampler("service-core-seconds");
  private final List<long[]> samples = new ArrayList<>();

  /** Samples now and then once a second. */
  ServiceCoreSeconds(Set<Integer> cores, long pid) {
    this.cores = cores;
    this.pid = pid;
    sampler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
  }

  /** Busy and softirq time of the cores, and the service's user and system time, in ms. */
  private void sample() {
    long[] s = null;
    try {
      long busy = 0;
      long softirq = 0;
      for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
        String[] f = line.trim().split("\\s+");
        if (f[0].startsWith("cpu")
            && f[0].length() > 3
            && cores.contains(Integer.parseInt(f[0].substring(3)))) {
          busy += ProcStat.busyMs(f);
          softirq += ProcStat.fieldMs(f, 7);
        }
      }
      long[] service = ProcStat.processUserSystemMs(pid);
      s = new long[] {busy, softirq, service[0], service[1]};
    } catch (IOException | RuntimeException e) {
      // No sample this second: the seconds on either side say so instead of spanning two.
    }
    synchronized (samples) {
      samples.add(s);
    }
  }

  /** Stops sampling; one line per second sampled, at most {@code limit}. */
  List<String> stop(int limit) throws InterruptedException {
    sampler.shutdown();
    sampler.awaitTermination(2, TimeUnit.SECONDS);
    List<String> lines = new ArrayList<>();
    synchronized (samples) {
      for (int i = 1; i < samples.size() && i <= limit; i++) {
        long[] a = samples.get(i - 1);
        long[] b = samples.get(i);
        if (a == null || b == null) {
          lines.add(String.format(Locale.ROOT, "    second %d: /proc could not be read", i));
          continue;
        }
        long busy = b[0] - a[0];
        long softirq = b[1] - a[1];
        long user = b[2] - a[2];
        long system = b[3] - a[3];
        lines.add(
            String.format(
                Locale.ROOT,
                "    second %d: the service's core(s) busy %d ms: the service JVM %d ms (user %d,"
                    + " system %d), softirq %d ms, anything else %d ms",
                i,
                busy,
                user + system,
                user,
                system,
                softirq,
                Math.max(0, busy - user - system - softirq)));
      }
    }
    return lines;
  }
}
