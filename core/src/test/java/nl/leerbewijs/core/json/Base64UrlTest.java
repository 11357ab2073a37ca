package nl.leerbewijs.core.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base64UrlTest {

  @Test
  void encodeDecode_everyLength_roundTrips() {
    Random r = new Random(1);
    for (int n = 0; n < 70; n++) {
      byte[] b = new byte[n];
      r.nextBytes(b);
      String text = Base64Url.encode(b);
      assertEquals(-1, text.indexOf('='));
      assertArrayEquals(b, Base64Url.decode(text));
    }
  }

  @Test
  void decode_rfc4648Vectors_unpadded() {
    // RFC 4648 section 10, without padding.
    String[][] vectors = {
      {"", ""},
      {"f", "Zg"},
      {"fo", "Zm8"},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg"},
      {"fooba", "Zm9vYmE"}
    };
    for (String[] v : vectors) {
      assertArrayEquals(v[0].getBytes(StandardCharsets.US_ASCII), Base64Url.decode(v[1]));
    }
  }

  @Test
  void decode_urlAlphabet_accepted() {
    assertArrayEquals(new byte[] {(byte) 0xfb, (byte) 0xff}, Base64Url.decode("-_8"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Zg==",
        "Zg=",
        "Zm9v=",
        "=Zm9",
        "Zm=9", // padding anywhere
        "+_8",
        "-/8", // standard alphabet
        "Zm9 v",
        " Zm9v",
        "Zm9v\n",
        "Zm9v\r\n",
        "Zm\t9v", // whitespace
        "Zm9v.",
        "Zm9v~",
        "Zm9v\u0000",
        "Zm9\u00e9",
        "Zm9\u20ac",
        "Zm9\ud83d\ude00", // others
        "Z",
        "Zm9vY",
        "Zm9vYmFyZ" // impossible lengths
      })
  void decode_hostile_rejected(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Base64Url.decode(text));
    assertEquals(true, e.getMessage().startsWith("not base64url: "), e.getMessage());
  }

  @Test
  void decode_badCharacter_messageNamesPosition() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Base64Url.decode("Zm9v+A"));
    assertEquals("not base64url: character at position 4 is not in the alphabet", e.getMessage());
  }
}
