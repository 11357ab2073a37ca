package nl.leerbewijs.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Both languages have every text, and every text is a valid pattern. */
class MessagesTest {

  @Test
  void bundles_sameKeysInDutchAndEnglish() {
    Set<String> nl = new TreeSet<>(Messages.of(Messages.DUTCH).bundle().keySet());
    Set<String> en = new TreeSet<>(Messages.of(Messages.ENGLISH).bundle().keySet());
    assertEquals(nl, en);
  }

  @Test
  void bundles_everyValueIsAValidPattern() {
    for (java.util.Locale l : new java.util.Locale[] {Messages.DUTCH, Messages.ENGLISH}) {
      ResourceBundle b = Messages.of(l).bundle();
      for (String k : b.keySet()) {
        String formatted = new MessageFormat(b.getString(k), l).format(new Object[] {1, 2, 3});
        assertTrue(!formatted.isEmpty() || b.getString(k).isEmpty(), k);
      }
    }
  }

  @Test
  void number_sameAsMessageFormatWritesANumber() {
    for (Locale l : new Locale[] {Messages.DUTCH, Messages.ENGLISH}) {
      for (long n : new long[] {0, 1, 7, 999, 1000, 12345, -1, -1000, Long.MAX_VALUE}) {
        assertEquals(
            new MessageFormat("{0}", l).format(new Object[] {n}), Messages.of(l).number(n));
      }
    }
  }

  @Test
  void listCount_sameAsTheOneArgumentPatternItReplaced() {
    Map<Locale, String> before =
        Map.of(
            Messages.DUTCH, "{0,choice,1#1 leerbewijs|1<{0} leerbewijzen}",
            Messages.ENGLISH, "{0,choice,1#1 credential|1<{0} credentials}");
    before.forEach(
        (l, pattern) -> {
          Messages m = Messages.of(l);
          for (int n = 0; n < 1500; n++) {
            assertEquals(
                new MessageFormat(pattern, l).format(new Object[] {n}),
                m.get("list.count", n, m.number(n)));
          }
        });
  }

  @Test
  void choose_langOptionThenEnvironmentThenDutch() {
    assertEquals(Messages.ENGLISH, Messages.choose("en", Map.of("LANG", "nl_NL")));
    assertEquals(Messages.DUTCH, Messages.choose("nl", Map.of("LANG", "en_US")));
    assertEquals(Messages.ENGLISH, Messages.choose(null, Map.of("LANG", "en_US.UTF-8")));
    assertEquals(Messages.DUTCH, Messages.choose(null, Map.of("LANG", "de_DE")));
    assertEquals(Messages.DUTCH, Messages.choose(null, Map.of()));
  }
}
