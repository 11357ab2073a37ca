package nl.leerbewijs.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.MessageFormat;
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
  void choose_langOptionThenEnvironmentThenDutch() {
    assertEquals(Messages.ENGLISH, Messages.choose("en", Map.of("LANG", "nl_NL")));
    assertEquals(Messages.DUTCH, Messages.choose("nl", Map.of("LANG", "en_US")));
    assertEquals(Messages.ENGLISH, Messages.choose(null, Map.of("LANG", "en_US.UTF-8")));
    assertEquals(Messages.DUTCH, Messages.choose(null, Map.of("LANG", "de_DE")));
    assertEquals(Messages.DUTCH, Messages.choose(null, Map.of()));
  }
}
