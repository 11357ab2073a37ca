package nl.leerbewijs.verifier.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BenchPropertiesTest {

  static final String PROPERTY = "leerbewijs.test.option";

  @AfterEach
  void clear() {
    System.clearProperty(PROPERTY);
  }

  @Test
  void aWholeNumberWithinItsBoundsOrNone() {
    assertEquals(OptionalLong.empty(), BenchProperties.whole(PROPERTY, 1, 9, "a digit"));
    System.setProperty(PROPERTY, " 9 ");
    assertEquals(OptionalLong.of(9), BenchProperties.whole(PROPERTY, 1, 9, "a digit"));
    for (String wrong : List.of("0", "10", "abc", "2.5", "", "99999999999999999999")) {
      System.setProperty(PROPERTY, wrong);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> BenchProperties.whole(PROPERTY, 1, 9, "a digit"));
      assertEquals("-D" + PROPERTY + " must be a digit; it is \"" + wrong + "\"", e.getMessage());
    }
  }

  @Test
  void theLoadTestsDefaultsPassWhenNoOptionIsGiven() {
    BenchProperties.refuseWrongOptions();
    assertEquals(8, BenchProperties.SECONDS);
    assertEquals(60, BenchProperties.PACED_SECONDS);
    assertEquals(0.5, BenchProperties.PACED_SHARE);
  }

  @Test
  void aShareAboveZeroAndAtMostOneOrTheDefault() {
    assertEquals(0.5, BenchProperties.share(PROPERTY, 0.5, "a share"));
    System.setProperty(PROPERTY, "0.3");
    assertEquals(0.3, BenchProperties.share(PROPERTY, 0.5, "a share"));
    System.setProperty(PROPERTY, "1");
    assertEquals(1.0, BenchProperties.share(PROPERTY, 0.5, "a share"));
    for (String wrong : List.of("0", "-0.2", "1.5", "half", "NaN", "")) {
      System.setProperty(PROPERTY, wrong);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> BenchProperties.share(PROPERTY, 0.5, "a share"));
      assertEquals(
          "-D" + PROPERTY + " must be a share, above 0 and at most 1; it is \"" + wrong + "\"",
          e.getMessage());
    }
  }
}
