package nl.leerbewijs.core.qr;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import nl.leerbewijs.core.json.Base64Url;

/**
 * The binary container behind {@link QrPayloadCodec}: a lossless transform of any string, tuned for
 * SD-JWT presentations. See docs/qr-payload.md for the format and the measurements.
 *
 * <p>The text is cut at every {@code '.'} and {@code '~'} into parts. A part that is canonical
 * base64url (decoding and re-encoding gives the same text) is carried as its bytes: as JSON bytes
 * in the structure stream when they start with <code>{</code> or {@code [}, otherwise (signatures)
 * in the side stream. Any other part is carried as UTF-8 text. Inside JSON bytes, a quoted
 * canonical base64url string of 16 or more characters (digests, salts, key coordinates, key ids)
 * becomes an escape plus its raw bytes in the side stream, and a lowercase UUID becomes an escape
 * plus its 16 bytes; byte 0xFF, which never occurs in UTF-8, is the escape and is itself escaped.
 * The structure stream is compressed with raw DEFLATE and the {@link QrDictionary}; the side
 * stream, random bytes that do not compress, follows it uncompressed.
 */
final class PresentationPacker {

  /** Longest string {@link #pack} accepts, in characters. */
  static final int MAX_INPUT_CHARS = 256 * 1024;

  /** Cap on the inflated structure stream while unpacking. */
  static final int MAX_STRUCTURE_BYTES = 1024 * 1024;

  private static final int KIND_TEXT = 0;
  private static final int KIND_JSON = 1;
  private static final int KIND_BLOB = 2;
  private static final int SEP_DOT = 0;
  private static final int SEP_TILDE = 1;
  private static final int SEP_END = 2;

  static final int ESCAPE = 0xFF;
  static final int OP_LITERAL_ESCAPE = 0x00;
  static final int OP_UUID = 0x01;
  // OP_QUOTED_BASE64 + n - 1: a quoted base64url string of n bytes, n in 1..253
  static final int OP_QUOTED_BASE64 = 0x02;
  static final int MIN_QUOTED_CHARS = 16;
  static final int MAX_QUOTED_BYTES = 0xFF - OP_QUOTED_BASE64 + 1;

  /** Variants measured for docs/qr-payload.md; the format uses {@link #FORMAT}. */
  record Options(boolean transformJson, boolean sideStream, byte[] dictionary) {}

  static final Options FORMAT = new Options(true, true, QrDictionary.bytes());

  private PresentationPacker() {}

  static byte[] pack(String text) throws QrPayloadException {
    return pack(text, FORMAT);
  }

  static byte[] pack(String text, Options options) throws QrPayloadException {
    if (text.length() > MAX_INPUT_CHARS) {
      throw new QrPayloadException(
          "presentation is " + text.length() + " characters, more than " + MAX_INPUT_CHARS);
    }
    Writer w = new Writer(options);
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : 0;
      if (i == text.length() || c == '.' || c == '~') {
        int sep = i == text.length() ? SEP_END : c == '.' ? SEP_DOT : SEP_TILDE;
        w.part(text.substring(start, i), sep);
        start = i + 1;
      }
    }
    byte[] structure = w.structure.toByteArray();
    byte[] deflated = deflate(structure, options.dictionary());
    byte[] side = w.side.toByteArray();
    byte[] out = Arrays.copyOf(deflated, deflated.length + side.length);
    System.arraycopy(side, 0, out, deflated.length, side.length);
    return out;
  }

  static String unpack(byte[] packed) throws QrPayloadException {
    return unpack(packed, FORMAT);
  }

  static String unpack(byte[] packed, Options options) throws QrPayloadException {
    Inflater inflater = new Inflater(true);
    byte[] structure;
    int sideStart;
    try {
      if (options.dictionary() != null) {
        inflater.setDictionary(options.dictionary());
      }
      inflater.setInput(packed);
      ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
      byte[] buf = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && !inflater.finished()) {
          throw new QrPayloadException("QR payload is truncated: the compressed data ends early");
        }
        if (out.size() + n > MAX_STRUCTURE_BYTES) {
          throw new QrPayloadException(
              "QR payload decompresses to more than " + MAX_STRUCTURE_BYTES + " bytes");
        }
        out.write(buf, 0, n);
      }
      structure = out.toByteArray();
      sideStart = packed.length - inflater.getRemaining();
    } catch (DataFormatException e) {
      throw new QrPayloadException("QR payload is damaged: " + e.getMessage());
    } finally {
      inflater.end();
    }
    return new Reader(structure, packed, sideStart, options.sideStream()).read();
  }

  private static byte[] deflate(byte[] data, byte[] dictionary) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
    try {
      if (dictionary != null) {
        d.setDictionary(dictionary);
      }
      d.setInput(data);
      d.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
      byte[] buf = new byte[4096];
      while (!d.finished()) {
        out.write(buf, 0, d.deflate(buf));
      }
      return out.toByteArray();
    } finally {
      d.end();
    }
  }

  /** Canonical base64url: decodes, and encoding the bytes gives back exactly the text. */
  static byte[] canonicalBase64Url(String s) {
    if (s.isEmpty()) {
      return null;
    }
    try {
      byte[] b = Base64Url.decode(s);
      return Base64Url.encode(b).equals(s) ? b : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static final class Writer {
    final Options options;
    final ByteArrayOutputStream structure = new ByteArrayOutputStream(2048);
    final ByteArrayOutputStream side = new ByteArrayOutputStream(1024);

    Writer(Options options) {
      this.options = options;
    }

    void part(String part, int sep) throws QrPayloadException {
      byte[] bytes = canonicalBase64Url(part);
      if (bytes == null) {
        byte[] utf8 = utf8(part);
        structure.write(KIND_TEXT | sep << 2);
        varint(structure, utf8.length);
        structure.writeBytes(utf8);
      } else if (bytes.length > 0 && (bytes[0] == '{' || bytes[0] == '[')) {
        byte[] json = options.transformJson() ? transformJson(bytes) : bytes;
        structure.write(KIND_JSON | sep << 2);
        varint(structure, json.length);
        structure.writeBytes(json);
      } else {
        structure.write(KIND_BLOB | sep << 2);
        varint(structure, bytes.length);
        blob(bytes, 0, bytes.length);
      }
    }

    void blob(byte[] b, int off, int len) {
      (options.sideStream() ? side : structure).write(b, off, len);
    }

    byte[] transformJson(byte[] in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
      int i = 0;
      while (i < in.length) {
        int b = in[i] & 0xFF;
        if (b == ESCAPE) {
          out.write(ESCAPE);
          out.write(OP_LITERAL_ESCAPE);
          i++;
          continue;
        }
        if (b == '"') {
          int end = quotedBase64End(in, i);
          if (end > 0) {
            String s = new String(in, i + 1, end - i - 1, StandardCharsets.US_ASCII);
            byte[] raw = canonicalBase64Url(s);
            if (raw != null && raw.length <= MAX_QUOTED_BYTES && !isUuid(in, i + 1, end)) {
              out.write(ESCAPE);
              out.write(OP_QUOTED_BASE64 + raw.length - 1);
              (options.sideStream() ? side : out).write(raw, 0, raw.length);
              i = end + 1;
              continue;
            }
          }
        }
        if (isUuid(in, i, i + 36)) {
          out.write(ESCAPE);
          out.write(OP_UUID);
          byte[] raw = uuidBytes(in, i);
          (options.sideStream() ? side : out).write(raw, 0, raw.length);
          i += 36;
          continue;
        }
        out.write(b);
        i++;
      }
      return out.toByteArray();
    }
  }

  /** Index of the closing quote when a base64url run of at least 16 characters is quoted. */
  private static int quotedBase64End(byte[] in, int quote) {
    int j = quote + 1;
    while (j < in.length && isBase64UrlChar(in[j])) {
      j++;
    }
    if (j < in.length && in[j] == '"' && j - quote - 1 >= MIN_QUOTED_CHARS) {
      return j;
    }
    return -1;
  }

  private static boolean isBase64UrlChar(byte c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }

  private static boolean isHexLower(byte c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  /** Whether {@code in[from, to)} is exactly a lowercase 8-4-4-4-12 UUID. */
  private static boolean isUuid(byte[] in, int from, int to) {
    if (to - from != 36 || to > in.length) {
      return false;
    }
    for (int k = 0; k < 36; k++) {
      byte c = in[from + k];
      boolean dash = k == 8 || k == 13 || k == 18 || k == 23;
      if (dash ? c != '-' : !isHexLower(c)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] uuidBytes(byte[] in, int from) {
    byte[] out = new byte[16];
    int o = 0;
    for (int k = 0; k < 36; ) {
      if (in[from + k] == '-') {
        k++;
        continue;
      }
      out[o++] =
          (byte) (Character.digit(in[from + k], 16) << 4 | Character.digit(in[from + k + 1], 16));
      k += 2;
    }
    return out;
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private static void writeUuid(ByteArrayOutputStream out, byte[] b) {
    for (int k = 0; k < 16; k++) {
      if (k == 4 || k == 6 || k == 8 || k == 10) {
        out.write('-');
      }
      out.write(HEX[(b[k] >>> 4) & 0xF]);
      out.write(HEX[b[k] & 0xF]);
    }
  }

  private static byte[] utf8(String s) throws QrPayloadException {
    try {
      ByteBuffer bb =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(s));
      return Arrays.copyOfRange(bb.array(), bb.position(), bb.limit());
    } catch (CharacterCodingException e) {
      throw new QrPayloadException("presentation is not well-formed Unicode text");
    }
  }

  private static void varint(ByteArrayOutputStream out, int v) {
    while ((v & ~0x7F) != 0) {
      out.write((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.write(v);
  }

  private static final class Reader {
    private final byte[] s;
    private final byte[] packed;
    private int p;
    private int side;
    private final boolean sideStream;
    private final StringBuilder out = new StringBuilder(4096);

    Reader(byte[] structure, byte[] packed, int sideStart, boolean sideStream) {
      this.s = structure;
      this.packed = packed;
      this.side = sideStart;
      this.sideStream = sideStream;
    }

    String read() throws QrPayloadException {
      if (s.length == 0) {
        throw new QrPayloadException("QR payload is empty");
      }
      while (true) {
        int tag = u8();
        int kind = tag & 0x03;
        int sep = (tag >>> 2) & 0x03;
        if ((tag & ~0x0F) != 0 || kind == 3 || sep == 3) {
          throw new QrPayloadException("QR payload has an unknown part tag " + tag);
        }
        int len = varint();
        if (kind == KIND_TEXT) {
          byte[] t = take(len);
          try {
            out.append(
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(t)));
          } catch (CharacterCodingException e) {
            throw new QrPayloadException("QR payload has a text part that is not UTF-8");
          }
        } else if (kind == KIND_JSON) {
          out.append(Base64Url.encode(untransform(take(len))));
        } else {
          out.append(Base64Url.encode(sideBytes(len)));
        }
        if (out.length() > MAX_INPUT_CHARS) {
          throw new QrPayloadException("QR payload expands beyond " + MAX_INPUT_CHARS + " chars");
        }
        if (sep == SEP_END) {
          break;
        }
        out.append(sep == SEP_DOT ? '.' : '~');
      }
      if (p != s.length) {
        throw new QrPayloadException("QR payload has " + (s.length - p) + " stray bytes");
      }
      if (side != packed.length) {
        throw new QrPayloadException(
            "QR payload has " + (packed.length - side) + " bytes after its data");
      }
      return out.toString();
    }

    private byte[] untransform(byte[] in) throws QrPayloadException {
      ByteArrayOutputStream o = new ByteArrayOutputStream(in.length + 256);
      int[] at = {0};
      while (at[0] < in.length) {
        int b = in[at[0]++] & 0xFF;
        if (b != ESCAPE) {
          o.write(b);
          continue;
        }
        if (at[0] >= in.length) {
          throw new QrPayloadException("QR payload ends inside an escape");
        }
        int op = in[at[0]++] & 0xFF;
        if (op == OP_LITERAL_ESCAPE) {
          o.write(ESCAPE);
        } else if (op == OP_UUID) {
          writeUuid(o, rawBytes(in, at, 16));
        } else {
          byte[] raw = rawBytes(in, at, op - OP_QUOTED_BASE64 + 1);
          o.write('"');
          o.writeBytes(Base64Url.encode(raw).getBytes(StandardCharsets.US_ASCII));
          o.write('"');
        }
      }
      return o.toByteArray();
    }

    /** Raw bytes of an escape: from the side stream, or inline in the JSON bytes. */
    private byte[] rawBytes(byte[] in, int[] at, int n) throws QrPayloadException {
      if (sideStream) {
        return sideBytes(n);
      }
      if (n > in.length - at[0]) {
        throw new QrPayloadException("QR payload is truncated inside a JSON part");
      }
      byte[] b = Arrays.copyOfRange(in, at[0], at[0] + n);
      at[0] += n;
      return b;
    }

    private byte[] sideBytes(int n) throws QrPayloadException {
      if (!sideStream) {
        return take(n);
      }
      if (n < 0 || n > packed.length - side) {
        throw new QrPayloadException("QR payload is truncated: side data missing");
      }
      byte[] b = Arrays.copyOfRange(packed, side, side + n);
      side += n;
      return b;
    }

    private int u8() throws QrPayloadException {
      if (p >= s.length) {
        throw new QrPayloadException("QR payload is truncated: structure ends early");
      }
      return s[p++] & 0xFF;
    }

    private byte[] take(int n) throws QrPayloadException {
      if (n < 0 || n > s.length - p) {
        throw new QrPayloadException("QR payload is truncated: part longer than the data");
      }
      byte[] b = Arrays.copyOfRange(s, p, p + n);
      p += n;
      return b;
    }

    private int varint() throws QrPayloadException {
      int v = 0;
      for (int shift = 0; shift < 28; shift += 7) {
        int b = u8();
        v |= (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return v;
        }
      }
      throw new QrPayloadException("QR payload has an overlong length");
    }
  }
}
