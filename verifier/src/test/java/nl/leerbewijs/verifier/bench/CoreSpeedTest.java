package nl.leerbewijs.verifier.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreSpeedTest {

  @TempDir Path dir;

  @Test
  void theLoadsShareOfCapacityFollowsTheCoresSpeed() {
    // Half the rate measured at 40 µs per verify; the core then took 40 µs in most seconds and
    // 50 µs in one: 50 % of what it could do in the median second, 62.5 % in the slowest.
    List<String> lines = CoreSpeed.pacedLines(new double[] {40, 40, 50, Double.NaN, 40}, 40, 0.5);
    assertEquals(
        "  the core's speed in each second (µs per ES256 verify, in a probe JVM on the service's"
            + " core): 40.0 40.0 50.0 NaN 40.0",
        lines.get(0));
    assertTrue(lines.get(1).contains("at 40.0 µs per verify"), lines.get(1));
    assertTrue(lines.get(1).contains("the load was 50 % of"), lines.get(1));
    assertTrue(lines.get(1).endsWith("in its slowest second 63 %"), lines.get(1));
  }

  @Test
  void measuresTheCoreItRunsOn() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/taskset")), "needs taskset");
    long from = System.currentTimeMillis();
    try (CoreSpeed speed = CoreSpeed.start("0", dir.resolve("stderr.txt"))) {
      from = System.currentTimeMillis();
      Thread.sleep(1_200);
      double us = speed.medianUs(from, System.currentTimeMillis());
      // An ES256 verify takes tens of µs on any core this runs on; NaN would mean no batches.
      assertTrue(us > 1 && us < 10_000, "µs per verify: " + us);
      assertTrue(Double.isNaN(speed.medianUs(from - 60_000, from - 30_000)));
      // Against its own speed a moment ago, the capacity now is about the same.
      double share = speed.shareNow(us);
      assertTrue(share > 0.5 && share < 2, "capacity now against a moment ago: " + share);
    }
  }
}
