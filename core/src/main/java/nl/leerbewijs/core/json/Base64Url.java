package nl.leerbewijs.core.json;

import java.util.Base64;

/** base64url without padding (RFC 4648 section 5), strict on input: no padding, no whitespace. */
public final class Base64Url {

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Base64Url() {}

  public static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  /**
   * Decodes unpadded base64url.
   *
   * @throws IllegalArgumentException when the text has padding, characters outside the base64url
   *     alphabet, or an impossible length
   */
  public static byte[] decode(String text) {
    // The JDK's URL-safe decoder rejects every character outside the base64url alphabet except
    // '=' (padding), which it accepts at the end; refuse that and impossible lengths here, and let
    // it do the per-character work.
    if (text.length() % 4 == 1) {
      throw new IllegalArgumentException("not base64url: impossible length " + text.length());
    }
    int padding = text.indexOf('=');
    if (padding >= 0) {
      throw notInAlphabet(padding);
    }
    try {
      return DECODER.decode(text);
    } catch (IllegalArgumentException e) {
      throw notInAlphabet(firstOutsideAlphabet(text));
    }
  }

  private static IllegalArgumentException notInAlphabet(int position) {
    return new IllegalArgumentException(
        "not base64url: character at position " + position + " is not in the alphabet");
  }

  /** Only on the failure path, to name the position. */
  private static int firstOutsideAlphabet(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        return i;
      }
    }
    return -1; // not reached: the JDK decoder only fails on such a character
  }
}
