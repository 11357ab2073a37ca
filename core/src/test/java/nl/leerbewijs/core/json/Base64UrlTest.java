package nl.leerbewijs.core.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
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

  @Test
  void encode_sameAsJdk_everyLengthAndOffset() {
    Random r = new Random(2);
    Base64.Encoder jdk = Base64.getUrlEncoder().withoutPadding();
    for (int n = 0; n < 300; n++) {
      byte[] b = new byte[n + 5];
      r.nextBytes(b);
      int offset = r.nextInt(6);
      int length = Math.min(n, b.length - offset);
      byte[] range = java.util.Arrays.copyOfRange(b, offset, offset + length);
      byte[] out = new byte[Base64Url.encodedLength(length) + 3];
      int end = Base64Url.encode(b, offset, length, out, 3);
      assertEquals(
          jdk.encodeToString(range), new String(out, 3, end - 3, StandardCharsets.US_ASCII));
      assertEquals(jdk.encodeToString(range), Base64Url.encode(range));
    }
  }

  /** Random text over the alphabet plus a few outsiders: same verdict and bytes as the JDK. */
  @Test
  void decode_sameVerdictAsJdk_onRandomText() {
    Random r = new Random(3);
    Base64.Decoder jdk = Base64.getUrlDecoder();
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    String outsiders = "+/ .~\u0000\u00ff\u0100\u0141\n";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = r.nextInt(40);
      for (int k = 0; k < n; k++) {
        sb.append(
            r.nextInt(50) == 0
                ? outsiders.charAt(r.nextInt(outsiders.length()))
                : alphabet.charAt(r.nextInt(64)));
      }
      String text = sb.toString();
      byte[] expected;
      try {
        expected = text.length() % 4 == 1 ? null : jdk.decode(text);
      } catch (IllegalArgumentException e) {
        expected = null;
      }
      byte[] actual;
      try {
        actual = Base64Url.decode(text);
      } catch (IllegalArgumentException e) {
        actual = null;
      }
      assertArrayEquals(expected, actual, text);
    }
  }

  @Test
  void decode_range_positionsCountFromOffset() {
    byte[] src = "xxZm9v+Axx".getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals("foo".getBytes(StandardCharsets.US_ASCII), Base64Url.decode(src, 2, 4));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Base64Url.decode(src, 2, 6));
    assertEquals("not base64url: character at position 4 is not in the alphabet", e.getMessage());
  }

  @Test
  void decode_characterAboveLatin1_positionInCharacters() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Base64Url.decode("Zm\ud83d\ude00Zm9"));
    assertEquals("not base64url: character at position 2 is not in the alphabet", e.getMessage());
  }
}
