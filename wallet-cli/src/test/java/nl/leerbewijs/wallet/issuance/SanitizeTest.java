package nl.leerbewijs.wallet.issuance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SanitizeTest {

  /** The definition: code points that are no control, format, private-use or lone surrogate. */
  private static String reference(String s, int max) {
    StringBuilder sb = new StringBuilder();
    s.codePoints()
        .filter(
            cp ->
                !Character.isISOControl(cp)
                    && Character.getType(cp) != Character.FORMAT
                    && Character.getType(cp) != Character.PRIVATE_USE
                    && Character.getType(cp) != Character.SURROGATE)
        .limit(max)
        .forEach(sb::appendCodePoint);
    return sb.toString();
  }

  @Test
  void text_escapeSequencesAndFormatCharacters_removed() {
    assertEquals("[2Jrood", Sanitize.text("\u001b[2J\u202erood\u0007", 100));
    assertEquals("Hogeschool 😀", Sanitize.text("Hogeschool \ud83d\ude00\ue000", 100));
    assertEquals("ab", Sanitize.text("a\ud800b\udc00", 100));
    assertEquals("abc", Sanitize.text("abcdef", 3));
    assertEquals("😀😀", Sanitize.text("😀😀😀", 2));
    assertNull(Sanitize.text(null, 3));
  }

  @Test
  void text_randomInput_sameAsDefinition() {
    Random r = new Random(42);
    char[] pool = {'a', 'é', ' ', '\n', '\u001b', '\u200b', '\ud83d', '\ude00', '\ue000', '\u0085'};
    for (int n = 0; n < 2000; n++) {
      StringBuilder sb = new StringBuilder();
      for (int i = r.nextInt(20); i > 0; i--) {
        sb.append(pool[r.nextInt(pool.length)]);
      }
      int max = r.nextInt(12);
      assertEquals(reference(sb.toString(), max), Sanitize.text(sb.toString(), max), sb.toString());
    }
  }
}
