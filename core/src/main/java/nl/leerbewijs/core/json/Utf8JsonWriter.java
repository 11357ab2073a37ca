package nl.leerbewijs.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes JSON, and the base64url text that carries JSON in a JWS or a disclosure, straight into a
 * growable byte array.
 *
 * <p>Why not Jackson's generator: an SD-JWT is a dozen small documents (a header, a payload, one
 * array per disclosure), each base64url-encoded, hashed or signed and then concatenated. Through
 * Jackson and {@code java.util.Base64} every one of them becomes a {@code String}, then bytes, then
 * another {@code String}; the copying and per-call setup cost more than the signature's own
 * hashing. Here a document is written once, as bytes, in the place where it is needed.
 *
 * <p>Two layouts:
 *
 * <ul>
 *   <li>{@link #compact()}: exactly the bytes of {@link Json#write} (Jackson's compact UTF-8 output
 *       with its default escaping: quote, backslash, control characters — backspace, tab, newline,
 *       form feed and carriage return short, the rest as {@code \\u00XX} — and each UTF-16
 *       surrogate as an upper-case {@code \\uXXXX}; everything else as UTF-8);
 *   <li>{@link #spacedAscii()}: a space after each comma and colon and everything outside printable
 *       ASCII escaped as lower-case {@code \\uXXXX}: Python's {@code json.dumps}, the layout of the
 *       RFC 9901 examples.
 * </ul>
 *
 * Objects, arrays, strings, booleans, null, integers and decimals are written here; binary floating
 * point ({@code double}, {@code float}, which {@link Json#parse} never produces) is handed to
 * Jackson, whose shortest-representation algorithm differs from JDK 17's {@code Double.toString}
 * for some values. Not thread-safe: one writer per document being built.
 */
public final class Utf8JsonWriter {

  private static final byte[] UPPER_HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LOWER_HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** Non-zero for the ASCII characters written as they are in both layouts. */
  private static final byte[] PLAIN = new byte[0x80];

  static {
    for (char c = 0x20; c < 0x7f; c++) {
      PLAIN[c] = 1;
    }
    PLAIN['"'] = 0;
    PLAIN['\\'] = 0;
  }

  /**
   * Non-zero for every UTF-16 code unit that is not written as it is in both layouts: a table over
   * all 65,536, so the plain-ASCII test is one lookup without comparisons.
   */
  private static final byte[] SPECIAL = new byte[0x10000];

  static {
    Arrays.fill(SPECIAL, (byte) 1);
    for (char c = 0; c < 0x80; c++) {
      SPECIAL[c] = (byte) (PLAIN[c] != 0 ? 0 : 1);
    }
  }

  private final boolean spaced;
  private byte[] buf;
  private int len;
  private char[] chars = new char[64];

  private Utf8JsonWriter(boolean spaced, int capacity) {
    this.spaced = spaced;
    this.buf = new byte[Math.max(16, capacity)];
  }

  /** A writer in Jackson's compact layout. */
  public static Utf8JsonWriter compact() {
    return new Utf8JsonWriter(false, 256);
  }

  /** A writer in Jackson's compact layout with room for {@code capacity} bytes to start with. */
  public static Utf8JsonWriter compact(int capacity) {
    return new Utf8JsonWriter(false, capacity);
  }

  /** A writer in Python's {@code json.dumps} layout (RFC 9901 examples). */
  public static Utf8JsonWriter spacedAscii() {
    return new Utf8JsonWriter(true, 256);
  }

  /** An empty writer with the same layout as this one. */
  public Utf8JsonWriter sameLayout(int capacity) {
    return new Utf8JsonWriter(spaced, capacity);
  }

  /** Whether this writer uses the compact layout. */
  public boolean isCompact() {
    return !spaced;
  }

  /** The size of the internal array. */
  public int capacity() {
    return buf.length;
  }

  /** Bytes written so far. */
  public int length() {
    return len;
  }

  /** The internal array; bytes {@code [0, length())} are the output. Valid until the next write. */
  public byte[] buffer() {
    return buf;
  }

  /** A copy of the output. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  /**
   * The output as a string, for output known to be ASCII (base64url, compact serializations): one
   * copy, no decoding.
   */
  public String asciiString() {
    return new String(buf, 0, len, StandardCharsets.ISO_8859_1);
  }

  /** Forgets the output, keeping the array. */
  public void reset() {
    len = 0;
  }

  /** Appends one byte (an ASCII character). */
  public Utf8JsonWriter raw(char ascii) {
    ensure(1);
    buf[len++] = (byte) ascii;
    return this;
  }

  /** Appends bytes as they are. */
  public Utf8JsonWriter raw(byte[] bytes, int offset, int length) {
    ensure(length);
    System.arraycopy(bytes, offset, buf, len, length);
    len += length;
    return this;
  }

  /** Appends text known to be ASCII (names of our own, base64url) as it is, without escaping. */
  public Utf8JsonWriter ascii(String s) {
    int n = s.length();
    ensure(n);
    copyAscii(s, n);
    return this;
  }

  /**
   * Appends base64url text (a digest, a salt) as a JSON string: it never needs escaping, so its
   * characters are copied without being looked at.
   */
  public Utf8JsonWriter base64UrlString(String s) {
    int n = s.length();
    ensure(n + 2);
    buf[len++] = '"';
    copyAscii(s, n);
    buf[len++] = '"';
    return this;
  }

  /** The separator between array elements or object members: {@code ,} or {@code , }. */
  public Utf8JsonWriter comma() {
    return spaced ? raw(',').raw(' ') : raw(',');
  }

  /** The separator between a member's name and value: {@code :} or {@code : }. */
  public Utf8JsonWriter colon() {
    return spaced ? raw(':').raw(' ') : raw(':');
  }

  /** Appends {@code "name":} (with this layout's colon). */
  public Utf8JsonWriter name(String name) {
    return string(name).colon();
  }

  /** Appends a JSON string literal. */
  public Utf8JsonWriter string(String s) {
    int n = s.length();
    ensure(n + 2);
    byte[] b = buf;
    int p = len;
    b[p++] = '"';
    // Most strings in a credential are printable ASCII without quotes or backslashes: copy them
    // in one pass with one table lookup a character (1.5x faster than copying the characters out
    // first and scanning them, for the short names and values of a credential), and escape from
    // the first character that needs it.
    int i = 0;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (SPECIAL[c] != 0) {
        break;
      }
      b[p + i] = (byte) c;
    }
    len = p + i;
    if (i < n) {
      escapeRest(s, i, n);
    }
    buf[len++] = '"';
    return this;
  }

  /** Writes characters {@code [from, n)} of {@code s}, escaping as this layout does. */
  private void escapeRest(String s, int from, int n) {
    // Bulk-copy the characters first (an intrinsic for Latin-1 strings), then scan an array.
    char[] cs = chars.length >= n ? chars : (chars = new char[Math.max(n, chars.length * 2)]);
    s.getChars(from, n, cs, from);
    for (int start = from; start < n; start += CHUNK) {
      int to = Math.min(n, start + CHUNK);
      // Room for the worst case (six bytes per character) and the closing quote, so the loop
      // needs no checks.
      ensure(6 * (to - start) + 1);
      len = chunk(cs, start, to, buf, len);
    }
  }

  private static final int CHUNK = 4096;

  /**
   * Copies a string known or found to be ASCII, into room already ensured. {@code
   * String.getBytes(int, int, byte[], int)} keeps the low byte of each character, which is exact
   * here, and is an array copy for Latin-1 strings.
   */
  @SuppressWarnings("deprecation")
  private void copyAscii(String s, int n) {
    s.getBytes(0, n, buf, len);
    len += n;
  }

  /** Writes characters {@code [from, to)} at {@code p}, which has room; returns the new end. */
  private int chunk(char[] cs, int from, int to, byte[] b, int p) {
    for (int i = from; i < to; i++) {
      char c = cs[i];
      if (c < 0x80) {
        if (PLAIN[c] != 0) {
          b[p++] = (byte) c;
        } else {
          p = escapeAscii(c, b, p);
        }
      } else if (spaced || (c >= 0xD800 && c <= 0xDFFF)) {
        p = unicodeEscape(c, b, p);
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      } else {
        b[p++] = (byte) (0xE0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return p;
  }

  /** Quote, backslash, control characters and DEL. */
  private int escapeAscii(char c, byte[] b, int p) {
    char shortForm;
    switch (c) {
      case '"':
        shortForm = '"';
        break;
      case '\\':
        shortForm = '\\';
        break;
      case '\b':
        shortForm = 'b';
        break;
      case '\t':
        shortForm = 't';
        break;
      case '\n':
        shortForm = 'n';
        break;
      case '\f':
        shortForm = 'f';
        break;
      case '\r':
        shortForm = 'r';
        break;
      default:
        if (c == 0x7f && !spaced) {
          b[p] = (byte) c; // Jackson writes DEL as it is
          return p + 1;
        }
        return unicodeEscape(c, b, p);
    }
    b[p] = '\\';
    b[p + 1] = (byte) shortForm;
    return p + 2;
  }

  private int unicodeEscape(char c, byte[] b, int p) {
    byte[] hex = spaced ? LOWER_HEX : UPPER_HEX;
    b[p] = '\\';
    b[p + 1] = 'u';
    b[p + 2] = hex[(c >> 12) & 0xF];
    b[p + 3] = hex[(c >> 8) & 0xF];
    b[p + 4] = hex[(c >> 4) & 0xF];
    b[p + 5] = hex[c & 0xF];
    return p + 6;
  }

  /** Appends a JSON value. */
  public Utf8JsonWriter value(JsonNode node) {
    if (node instanceof TextNode) { // the most common node: a type test, not a virtual call
      return string(node.textValue());
    }
    switch (node.getNodeType()) {
      case OBJECT:
        raw('{');
        boolean first = true;
        Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!first) {
            comma();
          }
          first = false;
          name(e.getKey());
          value(e.getValue());
        }
        return raw('}');
      case ARRAY:
        raw('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            comma();
          }
          value(node.get(i));
        }
        return raw(']');
      case STRING:
        return string(node.textValue());
      case BOOLEAN:
        return ascii(node.booleanValue() ? "true" : "false");
      case NULL:
        return ascii("null");
      case NUMBER:
        if (node.isInt() || node.isLong() || node.isShort()) {
          return number(node.longValue());
        }
        if (node.isBigInteger()) {
          return ascii(node.bigIntegerValue().toString());
        }
        if (node.isBigDecimal()) {
          // What Jackson writes for a BigDecimal without WRITE_BIGDECIMAL_AS_PLAIN (ects 7.5).
          return ascii(node.decimalValue().toString());
        }
        break;
      default:
        break;
    }
    // Floating point, decimals and anything unusual: Jackson's own text, never a different one.
    byte[] jackson =
        spaced ? node.toString().getBytes(StandardCharsets.UTF_8) : Json.jacksonWrite(node);
    return raw(jackson, 0, jackson.length);
  }

  /** Appends an integer. */
  public Utf8JsonWriter number(long v) {
    if (v >= 0 && v < 10) {
      return raw((char) ('0' + v));
    }
    return ascii(Long.toString(v));
  }

  /** Appends the unpadded base64url text of bytes (RFC 4648 section 5). */
  public Utf8JsonWriter base64Url(byte[] src, int offset, int length) {
    ensure(Base64Url.encodedLength(length));
    len = Base64Url.encode(src, offset, length, buf, len);
    return this;
  }

  /** Appends another writer's output. */
  public Utf8JsonWriter append(Utf8JsonWriter other) {
    return raw(other.buf, 0, other.len);
  }

  private void ensure(int extra) {
    int need = len + extra;
    if (need > buf.length) {
      if (need < 0) {
        throw new OutOfMemoryError("JSON output larger than 2 GiB");
      }
      buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }
  }
}
