package nl.leerbewijs.verifier.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InTurnsTest {

  @Test
  void theShareIsOfTheMeansAndEachTurnIsAgainstTheSecondBeforeIt() {
    // A slow spell in the middle hits both kinds of turn alike.
    InTurns t =
        new InTurns(new double[] {9000, 6000, 9000, 8000}, new double[] {6300, 4200, 6300, 5600});
    assertEquals(8000, t.inProcessPerSecond(), 1e-9);
    assertEquals(5600, t.httpPerSecond(), 1e-9);
    assertEquals(0.7, t.share(), 1e-9);
    assertArrayEquals(new double[] {0.7, 0.7, 0.7, 0.7}, t.turnShares(), 1e-9);
    assertEquals(
        "in process and HTTP flat out in turns (4 turns of 1 s each): in process 8000 /s, HTTP 5600"
            + " /s, 70 % of in-process (the turns: 70-70 %; in-process rates 6000-9000 /s)",
        t.line());
  }

  @Test
  void measureAlternatesStartingInProcess() throws Exception {
    List<String> order = new ArrayList<>();
    InTurns t =
        InTurns.measure(
            () -> {
              order.add("in");
              return 100;
            },
            () -> {
              order.add("http");
              return 50;
            });
    assertEquals(2 * InTurns.TURNS, order.size());
    assertEquals(List.of("in", "http", "in", "http"), order.subList(0, 4));
    assertEquals(0.5, t.share(), 1e-9);
  }

  @Test
  void unevenTurnsAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> new InTurns(new double[] {1}, new double[] {1, 2}));
    assertThrows(IllegalArgumentException.class, () -> new InTurns(new double[0], new double[0]));
  }
}
