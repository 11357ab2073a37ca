package nl.leerbewijs.core.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TrustListFormatTest {

  @Test
  void printable_controlAndBidiCharacters_shownAsQuestionMarks() {
    assertEquals("a?b?c?d?e?f", TrustListFormat.printable("a\u001bb\u007fc\u009bd\u202ee\u2066f"));
  }

  @Test
  void printable_longText_cutAt80() {
    String s = TrustListFormat.printable("x".repeat(200));
    assertEquals(83, s.length());
    assertEquals("...", s.substring(80));
  }
}
