package nl.leerbewijs.core.sdjwt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha256Test {

  /** Every size class of the scratch array: small, growing, too large to keep, small again. */
  @Test
  void digestAsciiPrefix_sameAsDigestOfTheSubstring() {
    Random r = new Random(5);
    for (int length : new int[] {0, 10, 5_000, 70_000, 3, 9_000}) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < length + 17; i++) {
        sb.append((char) ('!' + r.nextInt(94)));
      }
      String text = sb.toString();
      assertEquals(
          Sha256.digest(text.substring(0, length)),
          Sha256.digestAsciiPrefix(text, length),
          "length " + length);
    }
  }

  @Test
  void digest_knownVector() {
    // FIPS 180-2 appendix B.1, SHA-256("abc"), as unpadded base64url.
    assertEquals("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0", Sha256.digest("abc"));
  }
}
