package nl.leerbewijs.core.status;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import nl.leerbewijs.core.json.Base64Url;

/**
 * A Token Status List byte array (draft-ietf-oauth-status-list section 4.1): {@link #size()}
 * entries of {@link #bits()} bits each, packed least significant bits first, so that index 0 is
 * held by the lowest {@code bits} bits of byte 0. (The W3C Bitstring Status List numbers bits the
 * other way round; the two must not share code.)
 *
 * <p>Mutable and not thread-safe: the issuer builds one, sets statuses and {@link #encode()}s it. A
 * verifier obtains one through {@link #decode(int, String, int)}, which refuses anything malformed
 * and caps the decompressed size, so that a small hostile {@code lst} cannot make it allocate
 * gigabytes (a "compression bomb").
 */
public final class StatusList {

  /** Default cap on the decompressed size in {@link #decode(int, String)}: 16 MiB. */
  public static final int DEFAULT_MAX_DECOMPRESSED_BYTES = 16 * 1024 * 1024;

  /** Largest list {@link #StatusList(int, int)} creates, in bytes (the same 16 MiB). */
  public static final int MAX_BYTES = DEFAULT_MAX_DECOMPRESSED_BYTES;

  private final int bits;
  private final int size;
  private final byte[] bytes;

  /**
   * An all-VALID list.
   *
   * @param size number of entries, at least 1
   * @param bits bits per entry: 1, 2, 4 or 8
   */
  public StatusList(int size, int bits) {
    requireBits(bits);
    if (size < 1) {
      throw new IllegalArgumentException("status list size must be at least 1, got " + size);
    }
    long byteCount = ((long) size * bits + 7) / 8;
    if (byteCount > MAX_BYTES) {
      throw new IllegalArgumentException(
          "status list of " + size + " entries of " + bits + " bits exceeds " + MAX_BYTES + " B");
    }
    this.bits = bits;
    this.size = size;
    this.bytes = new byte[(int) byteCount];
  }

  private StatusList(int bits, byte[] bytes) {
    this.bits = bits;
    this.bytes = bytes;
    this.size = (int) ((long) bytes.length * 8 / bits);
  }

  /** Whether {@code bits} is one of the allowed values 1, 2, 4, 8. */
  public static boolean isAllowedBits(int bits) {
    return bits == 1 || bits == 2 || bits == 4 || bits == 8;
  }

  private static void requireBits(int bits) {
    if (!isAllowedBits(bits)) {
      throw new IllegalArgumentException("status list bits must be 1, 2, 4 or 8, got " + bits);
    }
  }

  public int bits() {
    return bits;
  }

  /**
   * Number of entries. For a decoded list this is every entry the byte array can hold (bytes * 8 /
   * bits), since the encoding does not record how many were allocated.
   */
  public int size() {
    return size;
  }

  /** The status at {@code index}. */
  public Status get(int index) {
    checkIndex(index);
    int perByte = 8 / bits;
    int shift = (index % perByte) * bits;
    int mask = (1 << bits) - 1;
    return Status.of(((bytes[index / perByte] & 0xFF) >>> shift) & mask);
  }

  /** Sets the status at {@code index}; the value must fit in {@link #bits()} bits. */
  public StatusList set(int index, Status status) {
    return set(index, Objects.requireNonNull(status, "status").value());
  }

  /** Sets the raw status value at {@code index}; it must fit in {@link #bits()} bits. */
  public StatusList set(int index, int value) {
    checkIndex(index);
    int mask = (1 << bits) - 1;
    if (value < 0 || value > mask) {
      throw new IllegalArgumentException(
          "status value " + value + " does not fit in " + bits + " bit(s)");
    }
    int perByte = 8 / bits;
    int shift = (index % perByte) * bits;
    int i = index / perByte;
    bytes[i] = (byte) ((bytes[i] & ~(mask << shift)) | (value << shift));
    return this;
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(
          "status list index " + index + " is outside 0.." + (size - 1));
    }
  }

  /** The uncompressed byte array, a copy. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** A list over a copy of an uncompressed byte array. */
  public static StatusList fromByteArray(int bits, byte[] bytes) {
    requireBits(bits);
    if (bytes.length == 0 || bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException("status list byte array must hold 1.." + MAX_BYTES + " B");
    }
    return new StatusList(bits, bytes.clone());
  }

  /**
   * The {@code lst} value: base64url of the byte array compressed with DEFLATE in the ZLIB format
   * (RFC 1950) at the highest compression level, as section 4.1 recommends.
   */
  public String encode() {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    try {
      deflater.setInput(bytes);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 64));
      byte[] buf = new byte[8192];
      while (!deflater.finished()) {
        int n = deflater.deflate(buf);
        out.write(buf, 0, n);
      }
      return Base64Url.encode(out.toByteArray());
    } finally {
      deflater.end();
    }
  }

  /** {@link #decode(int, String, int)} with {@link #DEFAULT_MAX_DECOMPRESSED_BYTES}. */
  public static StatusList decode(int bits, String lst) throws StatusListParseException {
    return decode(bits, lst, DEFAULT_MAX_DECOMPRESSED_BYTES);
  }

  /**
   * Decodes a {@code status_list} as found in a Status List Token.
   *
   * <p>Security contract: refuses {@code bits} other than 1, 2, 4, 8; {@code lst} that is not
   * strict unpadded base64url; data that is not a single ZLIB stream (bad header, a preset
   * dictionary, invalid DEFLATE data, a wrong Adler-32 checksum, truncation, or any byte after the
   * stream); and an empty list. Decompression streams through a fixed buffer and stops with an
   * exception as soon as the output would exceed {@code maxDecompressedBytes}, so memory use stays
   * bounded by that cap whatever the input.
   *
   * @throws StatusListParseException when the input is malformed or too large
   */
  public static StatusList decode(int bits, String lst, int maxDecompressedBytes)
      throws StatusListParseException {
    if (!isAllowedBits(bits)) {
      throw new StatusListParseException("status list 'bits' must be 1, 2, 4 or 8, got " + bits);
    }
    if (maxDecompressedBytes < 1) {
      throw new IllegalArgumentException("maxDecompressedBytes must be positive");
    }
    if (lst == null || lst.isEmpty()) {
      throw new StatusListParseException("status list 'lst' is empty");
    }
    byte[] compressed;
    try {
      compressed = Base64Url.decode(lst);
    } catch (IllegalArgumentException e) {
      throw new StatusListParseException("status list 'lst' is " + e.getMessage());
    }
    checkZlibHeader(compressed);
    byte[] raw = inflate(compressed, maxDecompressedBytes);
    if (raw.length == 0) {
      throw new StatusListParseException("status list decompresses to zero bytes");
    }
    return new StatusList(bits, raw);
  }

  private static void checkZlibHeader(byte[] data) throws StatusListParseException {
    if (data.length < 2) {
      throw new StatusListParseException("status list 'lst' is too short for a ZLIB stream");
    }
    int cmf = data[0] & 0xFF;
    int flg = data[1] & 0xFF;
    if ((cmf & 0x0F) != 8 || (cmf >>> 4) > 7 || ((cmf << 8) | flg) % 31 != 0) {
      throw new StatusListParseException(
          "status list 'lst' is not a ZLIB (RFC 1950) stream: header "
              + String.format("%02x%02x", cmf, flg));
    }
    if ((flg & 0x20) != 0) {
      throw new StatusListParseException(
          "status list 'lst' asks for a preset dictionary, which the format does not use");
    }
  }

  private static byte[] inflate(byte[] compressed, int max) throws StatusListParseException {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(compressed);
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 64 * 1024));
      byte[] buf = new byte[16 * 1024];
      long total = 0;
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0) {
          if (inflater.finished()) {
            break;
          }
          if (inflater.needsInput()) {
            throw new StatusListParseException("status list 'lst' is a truncated ZLIB stream");
          }
          if (inflater.needsDictionary()) {
            throw new StatusListParseException("status list 'lst' needs a preset dictionary");
          }
          throw new StatusListParseException("status list 'lst' stalled the decompressor");
        }
        total += n;
        if (total > max) {
          throw new StatusListParseException(
              "status list decompresses to more than the limit of " + max + " bytes");
        }
        out.write(buf, 0, n);
      }
      if (inflater.getRemaining() > 0) {
        throw new StatusListParseException(
            "status list 'lst' has " + inflater.getRemaining() + " bytes after the ZLIB stream");
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new StatusListParseException(
          "status list 'lst' is not valid DEFLATE data: " + e.getMessage());
    } finally {
      inflater.end();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StatusList
        && ((StatusList) o).bits == bits
        && ((StatusList) o).size == size
        && Arrays.equals(((StatusList) o).bytes, bytes);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * bits + size) + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "StatusList[bits=" + bits + ", size=" + size + "]";
  }
}
