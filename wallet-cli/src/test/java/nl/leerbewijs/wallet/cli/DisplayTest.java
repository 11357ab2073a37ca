package nl.leerbewijs.wallet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** The hand-written formatting of {@link Display} against what it replaces. */
class DisplayTest {

  @Test
  void when_everyZoneManyInstants_sameAsDateTimeFormatter() {
    Random r = new Random(7);
    long[] fixed = {
      0,
      1,
      59,
      60,
      3599,
      86399,
      1711846800L,
      1711850400L,
      1729990800L,
      1729994400L,
      2082758399L,
      2082758400L,
      2114380799L,
      4102444800L,
      -1,
      -86400,
      253402300800L,
      -62167219200L
    };
    for (String id : TimeZone.getAvailableIDs()) {
      TimeZone zone = TimeZone.getTimeZone(id);
      DateTimeFormatter f =
          DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone.toZoneId());
      for (long s : fixed) {
        Instant i = Instant.ofEpochSecond(s);
        assertEquals(f.format(i), Display.when(i, zone), id + " " + i);
      }
      for (int n = 0; n < 200; n++) {
        Instant i = Instant.ofEpochSecond(r.nextLong() % 4200000000L, r.nextInt(1_000_000_000));
        assertEquals(f.format(i), Display.when(i, zone), id + " " + i);
      }
    }
  }

  @Test
  void padded_anyLabelLength_sameAsStringFormat() {
    StringBuilder label = new StringBuilder();
    for (int n = 0; n < 30; n++) {
      assertEquals(
          String.format("  %-22s %s", label, "waarde"), Display.padded(label.toString(), "waarde"));
      label.append(n % 2 == 0 ? 'é' : 'x');
    }
  }
}
