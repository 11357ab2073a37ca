package nl.leerbewijs.verifier.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadPhasesTest {

  @Test
  void theTargetsFiguresCountRequestsAndSecondsOverTwentyMilliseconds() throws Exception {
    // Two connections over 3 s, 1,000 requests each second: the second second has a stall that
    // delays 20 of its requests to 30 ms, the rest take 1 ms.
    long[] a = new long[1500];
    long[] b = new long[1500];
    for (int i = 0; i < 1500; i++) {
      long second = i / 500;
      boolean stalled = second == 1 && i % 500 < 10;
      a[i] = LoadPhases.sample(second, stalled ? 30_000_000 : 1_000_000);
      b[i] = LoadPhases.sample(second, stalled ? 30_000_000 : 1_000_000);
    }
    LoadPhases.Result r =
        LoadPhases.summarize(
            List.of(a, b),
            3_000_000_000L,
            3_000_000_000L,
            LoadPhases.Jvm.now(),
            new EachSecond(),
            0);

    assertEquals(1000, r.perSecond(), 1e-6);
    assertEquals(1.0, r.p99Ms(), 1e-9); // 20 of 3,000: under the 1 % a p99 leaves out
    assertEquals(30.0, r.p999Ms(), 1e-9);
    assertEquals(20 / 3000.0, r.overTargetShare(), 1e-12);
    assertEquals(30.0, r.p99MsBySecond()[1], 1e-9); // 2 % of that second
    assertEquals(
        "p99.9 30.0 ms; 0.67 % of the requests over 20 ms; 1 of 3 seconds with a p99 over it",
        r.target());
  }

  @Test
  void aRequestAtExactlyTheTargetIsNotOverIt() {
    long[] lat = {1_000_000, 20_000_000, 20_000_001, 40_000_000};
    assertEquals(0.5, LoadPhases.overShare(lat, 20_000_000), 1e-12);
    assertEquals(0, LoadPhases.overShare(new long[0], 20_000_000), 1e-12);
  }
}
