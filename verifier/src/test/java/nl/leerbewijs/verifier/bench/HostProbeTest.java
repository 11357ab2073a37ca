package nl.leerbewijs.verifier.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HostProbeTest {

  @Test
  void aShortProbeReportsItsDelaysAndTheWorksTime() throws Exception {
    HostProbe.Result r = HostProbe.run(1, 1_000_000_000L);
    assertEquals(1, r.maxMsBySecond().length);
    assertTrue(r.p50Ms() >= 0 && r.maxMs() >= r.p50Ms(), r.summary());
    assertTrue(r.workUs() > 0, r.summary());
  }

  @Test
  void theWorkDependsOnItsSeed() {
    assertEquals(HostProbe.work(7), HostProbe.work(7));
    assertNotEquals(HostProbe.work(7), HostProbe.work(8));
  }
}
