package nl.leerbewijs.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsReaderTest {

  @Test
  void read_badValues_everyProblemNamedAndDefaultsKept() {
    List<String> problems = new ArrayList<>();
    SettingsReader r =
        new SettingsReader(
            Map.of("PORT", "80x", "SIZE", "5", "FLAG", "maybe", "TTL", "3y", "BLANK", "  "),
            problems);
    assertEquals(8080, r.number("PORT", 8080, 0, 65535));
    assertEquals(10, r.number("SIZE", 10, 6, 20));
    assertFalse(r.bool("FLAG", false));
    assertEquals(
        Duration.ofMinutes(1),
        r.duration("TTL", Duration.ofMinutes(1), Duration.ZERO, Duration.ofDays(1)));
    assertEquals("dflt", r.string("BLANK", "dflt"));
    assertEquals(4, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("PORT must be a whole number"));
    assertTrue(problems.get(1).startsWith("SIZE must be between 6 and 20"));
    assertTrue(problems.get(2).startsWith("FLAG must be true or false"));
    assertTrue(problems.get(3).startsWith("TTL: not a duration"));
  }

  @Test
  void read_goodValues_parsed() {
    List<String> problems = new ArrayList<>();
    SettingsReader r =
        new SettingsReader(
            Map.of("N", " 42 ", "B", "on", "D", "PT2H", "P", "/tmp/../tmp/x"), problems);
    assertEquals(42, r.number("N", 0, 0, 100));
    assertTrue(r.bool("B", false));
    assertEquals(
        Duration.ofHours(2), r.duration("D", Duration.ZERO, Duration.ZERO, Duration.ofDays(1)));
    assertEquals("/tmp/x", r.path("P", ".").toString());
    assertTrue(problems.isEmpty());
  }
}
