package nl.leerbewijs.core.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class EctsRangeTest {

  @Test
  void default_isThreeToThirty() {
    assertEquals(0, EctsRange.DEFAULT.min().compareTo(BigDecimal.valueOf(3)));
    assertEquals(0, EctsRange.DEFAULT.max().compareTo(BigDecimal.valueOf(30)));
    assertEquals("3–30", EctsRange.DEFAULT.toString());
  }

  @Test
  void contains_boundsIncludedAndDecimalsCompared() {
    assertTrue(EctsRange.DEFAULT.contains(new BigDecimal("3")));
    assertTrue(EctsRange.DEFAULT.contains(new BigDecimal("7.5")));
    assertTrue(EctsRange.DEFAULT.contains(new BigDecimal("30.00")));
    assertFalse(EctsRange.DEFAULT.contains(new BigDecimal("2.99")));
    assertFalse(EctsRange.DEFAULT.contains(new BigDecimal("30.5")));
  }

  @Test
  void of_oneToThirty_allowsOneEc() {
    assertTrue(EctsRange.of(1, 30).contains(BigDecimal.ONE));
    assertFalse(EctsRange.DEFAULT.contains(BigDecimal.ONE));
  }

  @Test
  void new_minAboveMax_rejected() {
    assertThrows(IllegalArgumentException.class, () -> EctsRange.of(30, 3));
  }

  @Test
  void new_nonPositiveMin_rejected() {
    assertThrows(IllegalArgumentException.class, () -> EctsRange.of(0, 30));
    assertThrows(
        IllegalArgumentException.class, () -> new EctsRange(new BigDecimal("-1"), BigDecimal.TEN));
  }

  @Test
  void toString_decimalBounds_plain() {
    assertEquals("1.5–30", new EctsRange(new BigDecimal("1.50"), new BigDecimal("3E1")).toString());
  }
}
