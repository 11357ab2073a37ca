package nl.leerbewijs.verifier.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What this JVM and the machine did in each second of a phase ({@link LoadPhases.Jvm} differences
 * sampled once a second), so that a bad second can be told apart: JIT, GC, or CPU taken by others.
 */
final class EachSecond {
  private final ScheduledExecutorService sampler = sampler("each-second");
  private final List<LoadPhases.Jvm> seconds = new ArrayList<>();
  private LoadPhases.Jvm last = LoadPhases.Jvm.now();

  EachSecond() {
    sampler.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
  }

  /** A thread of its own for a once-a-second sampler, which does not keep the JVM alive. */
  static ScheduledExecutorService sampler(String name) {
    return Executors.newSingleThreadScheduledExecutor(
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }

  private void sample() {
    LoadPhases.Jvm now = LoadPhases.Jvm.now();
    seconds.add(now.since(last));
    last = now;
  }

  /** Stops sampling; the seconds sampled, at most {@code limit}. */
  List<LoadPhases.Jvm> stop(int limit) throws InterruptedException {
    sampler.shutdown();
    sampler.awaitTermination(1, TimeUnit.SECONDS);
    return List.copyOf(seconds.subList(0, Math.min(seconds.size(), limit)));
  }
}
