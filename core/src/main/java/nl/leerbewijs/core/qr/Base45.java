package nl.leerbewijs.core.qr;

/**
 * Base45 (RFC 9285): two bytes become three characters of the QR alphanumeric set, so a QR code can
 * carry binary data in alphanumeric mode, which every scanner decodes to the same text.
 */
public final class Base45 {

  /** The 45 characters, in value order (RFC 9285 section 4.2): the QR alphanumeric set. */
  public static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

  private static final int[] VALUES = new int[128];

  static {
    java.util.Arrays.fill(VALUES, -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      VALUES[ALPHABET.charAt(i)] = i;
    }
  }

  private Base45() {}

  public static String encode(byte[] data) {
    StringBuilder sb = new StringBuilder((data.length / 2) * 3 + 2);
    int i = 0;
    for (; i + 1 < data.length; i += 2) {
      int n = ((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF);
      sb.append(ALPHABET.charAt(n % 45));
      sb.append(ALPHABET.charAt((n / 45) % 45));
      sb.append(ALPHABET.charAt(n / 2025));
    }
    if (i < data.length) {
      int n = data[i] & 0xFF;
      sb.append(ALPHABET.charAt(n % 45));
      sb.append(ALPHABET.charAt(n / 45));
    }
    return sb.toString();
  }

  /**
   * Decodes Base45.
   *
   * @throws IllegalArgumentException on a character outside the alphabet, a length of 1 modulo 3,
   *     or a group whose value does not fit its bytes (RFC 9285 section 6)
   */
  public static byte[] decode(CharSequence text) {
    int len = text.length();
    if (len % 3 == 1) {
      throw new IllegalArgumentException("not Base45: impossible length " + len);
    }
    byte[] out = new byte[(len / 3) * 2 + (len % 3 == 2 ? 1 : 0)];
    int o = 0;
    for (int i = 0; i < len; i += 3) {
      int c = value(text, i);
      int d = value(text, i + 1);
      if (i + 2 < len) {
        int n = c + d * 45 + value(text, i + 2) * 2025;
        if (n > 0xFFFF) {
          throw new IllegalArgumentException("not Base45: group at position " + i + " overflows");
        }
        out[o++] = (byte) (n >>> 8);
        out[o++] = (byte) n;
      } else {
        int n = c + d * 45;
        if (n > 0xFF) {
          throw new IllegalArgumentException("not Base45: last group overflows");
        }
        out[o++] = (byte) n;
      }
    }
    return out;
  }

  private static int value(CharSequence text, int i) {
    char ch = text.charAt(i);
    int v = ch < 128 ? VALUES[ch] : -1;
    if (v < 0) {
      throw new IllegalArgumentException(
          "not Base45: character at position " + i + " is not in the alphabet");
    }
    return v;
  }
}
