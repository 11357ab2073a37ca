package nl.leerbewijs.core.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class NlqfLevelTest {

  @Test
  void eqf_levelsOneToEight_mapOneToOne() {
    assertEquals(OptionalInt.of(1), NlqfLevel.ONE.eqf());
    assertEquals(OptionalInt.of(4), NlqfLevel.FOUR.eqf());
    assertEquals(OptionalInt.of(6), NlqfLevel.SIX.eqf());
    assertEquals(OptionalInt.of(8), NlqfLevel.EIGHT.eqf());
  }

  @Test
  void eqf_entryLevel_empty() {
    assertEquals(OptionalInt.empty(), NlqfLevel.ENTRY.eqf());
  }

  @ParameterizedTest
  @EnumSource(NlqfLevel.class)
  void fromClaim_claimValue_roundTrips(NlqfLevel level) {
    assertEquals(Optional.of(level), NlqfLevel.fromClaim(level.claimValue()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "9", "Entry", "ENTRY", "4+", " 4", "04", "", "six"})
  void fromClaim_unknownValue_empty(String value) {
    assertTrue(NlqfLevel.fromClaim(value).isEmpty());
  }

  @Test
  void fromClaim_null_empty() {
    assertTrue(NlqfLevel.fromClaim(null).isEmpty());
  }

  @Test
  void claimValue_entryAndNumbers() {
    assertEquals("entry", NlqfLevel.ENTRY.claimValue());
    assertEquals("5", NlqfLevel.FIVE.claimValue());
  }
}
