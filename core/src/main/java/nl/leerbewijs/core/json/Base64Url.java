package nl.leerbewijs.core.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * base64url without padding (RFC 4648 section 5), strict on input: no padding, no whitespace.
 *
 * <p>Written here rather than taken from {@code java.util.Base64} because every SD-JWT passes
 * through it a dozen times (payload, disclosures, digests, salts, signature) and the JDK's codec is
 * only fast where HotSpot has an intrinsic for it, which JDK 17 has only on CPUs with AVX-512: on
 * the 2-core AMD build machine ({@code UseBASE64Intrinsics} false) this encoder, which turns 12
 * bits into two characters with one table lookup and six bytes into eight characters with one load
 * and one store, takes half the JDK's time, and both directions work on ranges of a caller's array
 * instead of allocating copies. Decoding matches the JDK's URL decoder exactly (including ignoring
 * non-zero bits after the last full byte), which the tests check.
 */
public final class Base64Url {

  private static final byte[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
          .getBytes(StandardCharsets.US_ASCII);

  /** The two characters for each 12-bit value, as a little-endian short (first character low). */
  private static final short[] PAIRS = new short[4096];

  /** The 6-bit value of each byte, or -1 for a byte outside the alphabet. */
  private static final int[] VALUES = new int[256];

  private static final VarHandle SHORT_LE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  static {
    for (int i = 0; i < PAIRS.length; i++) {
      PAIRS[i] = (short) (ALPHABET[i >> 6] | ALPHABET[i & 63] << 8);
    }
    Arrays.fill(VALUES, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      VALUES[ALPHABET[i]] = i;
    }
  }

  private Base64Url() {}

  /** The length of the unpadded encoding of {@code n} bytes. */
  public static int encodedLength(int n) {
    return n / 3 * 4 + (n % 3 == 0 ? 0 : n % 3 + 1);
  }

  public static String encode(byte[] bytes) {
    byte[] out = new byte[encodedLength(bytes.length)];
    encode(bytes, 0, bytes.length, out, 0);
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  /**
   * Writes the encoding of {@code src[offset, offset + length)} at {@code dst[at]}, which must have
   * room for {@link #encodedLength} bytes.
   *
   * @return the index after the last byte written
   */
  public static int encode(byte[] src, int offset, int length, byte[] dst, int at) {
    int end = offset + length;
    int whole = end - length % 3;
    int p = at;
    int i = offset;
    // Six bytes at a time while eight can be read: one load, four lookups, one store.
    for (; i + 8 <= whole; i += 6) {
      long bits = (long) LONG_BE.get(src, i) >>> 16;
      long chars =
          PAIRS[(int) (bits >>> 36)] & 0xffffL
              | (PAIRS[(int) (bits >>> 24) & 0xfff] & 0xffffL) << 16
              | (PAIRS[(int) (bits >>> 12) & 0xfff] & 0xffffL) << 32
              | (PAIRS[(int) bits & 0xfff] & 0xffffL) << 48;
      LONG_LE.set(dst, p, chars);
      p += 8;
    }
    for (; i < whole; i += 3) {
      int bits = (src[i] & 0xff) << 16 | (src[i + 1] & 0xff) << 8 | (src[i + 2] & 0xff);
      SHORT_LE.set(dst, p, PAIRS[bits >>> 12]);
      SHORT_LE.set(dst, p + 2, PAIRS[bits & 0xfff]);
      p += 4;
    }
    if (end - i == 1) {
      int bits = src[i] & 0xff;
      dst[p++] = ALPHABET[bits >>> 2];
      dst[p++] = ALPHABET[(bits << 4) & 63];
    } else if (end - i == 2) {
      int bits = (src[i] & 0xff) << 8 | (src[i + 1] & 0xff);
      dst[p++] = ALPHABET[bits >>> 10];
      dst[p++] = ALPHABET[(bits >>> 4) & 63];
      dst[p++] = ALPHABET[(bits << 2) & 63];
    }
    return p;
  }

  /**
   * Decodes unpadded base64url.
   *
   * @throws IllegalArgumentException when the text has padding, characters outside the base64url
   *     alphabet, or an impossible length
   */
  public static byte[] decode(String text) {
    // ISO-8859-1 turns every character above U+00FF into '?', which is outside the alphabet, so
    // no character can pass for another; for the usual Latin-1 strings it is an array copy.
    if (text.length() % 4 == 1) {
      throw new IllegalArgumentException("not base64url: impossible length " + text.length());
    }
    byte[] chars = text.getBytes(StandardCharsets.ISO_8859_1);
    if (chars.length != text.length()) { // a surrogate pair became one '?': count in characters
      int at = 0;
      while (text.charAt(at) < 0x100 && VALUES[text.charAt(at)] >= 0) {
        at++;
      }
      throw notInAlphabet(at);
    }
    return decode(chars, 0, chars.length);
  }

  /**
   * Decodes the unpadded base64url text in {@code src[offset, offset + length)} (ASCII bytes).
   *
   * @throws IllegalArgumentException as {@link #decode(String)}, with positions counted from {@code
   *     offset}
   */
  public static byte[] decode(byte[] src, int offset, int length) {
    if (length % 4 == 1) {
      throw new IllegalArgumentException("not base64url: impossible length " + length);
    }
    byte[] out = new byte[length / 4 * 3 + Math.max(0, length % 4 - 1)];
    int end = offset + length;
    int whole = end - length % 4;
    int p = 0;
    int i = offset;
    for (; i < whole; i += 4) {
      // An invalid character's -1 keeps the sign bit set through the shifts and the ors.
      int bits =
          VALUES[src[i] & 0xff] << 18
              | VALUES[src[i + 1] & 0xff] << 12
              | VALUES[src[i + 2] & 0xff] << 6
              | VALUES[src[i + 3] & 0xff];
      if (bits < 0) {
        throw notInAlphabet(src, i, end, offset);
      }
      out[p] = (byte) (bits >> 16);
      out[p + 1] = (byte) (bits >> 8);
      out[p + 2] = (byte) bits;
      p += 3;
    }
    int rest = end - i;
    if (rest >= 2) {
      int bits = VALUES[src[i] & 0xff] << 18 | VALUES[src[i + 1] & 0xff] << 12;
      if (rest == 3) {
        bits |= VALUES[src[i + 2] & 0xff] << 6;
      }
      if (bits < 0) {
        throw notInAlphabet(src, i, end, offset);
      }
      out[p++] = (byte) (bits >> 16);
      if (rest == 3) {
        out[p] = (byte) (bits >> 8);
      }
    }
    return out;
  }

  /** Only on the failure path: names the first character outside the alphabet from {@code i}. */
  private static IllegalArgumentException notInAlphabet(byte[] src, int i, int end, int offset) {
    int at = i;
    while (at < end && VALUES[src[at] & 0xff] >= 0) {
      at++;
    }
    return notInAlphabet(at - offset);
  }

  private static IllegalArgumentException notInAlphabet(int position) {
    return new IllegalArgumentException(
        "not base64url: character at position " + position + " is not in the alphabet");
  }
}
