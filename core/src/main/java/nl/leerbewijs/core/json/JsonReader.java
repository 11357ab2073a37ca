package nl.leerbewijs.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A strict, bounded RFC 8259 reader from UTF-8 bytes to Jackson trees: the parser behind {@link
 * Json#parse}.
 *
 * <p>Why not Jackson's own {@code readTree}: a presentation is a dozen small documents (header,
 * payload, one per disclosure, the key-binding JWT), and for documents of a hundred bytes Jackson's
 * per-call setup (parser, symbol table, deserialization context) costs more than the parsing. This
 * reader builds the same trees — the same node classes, {@link IntNode} / {@link LongNode} / {@link
 * BigIntegerNode} for integers by size and {@link DecimalNode} for every other number, trailing
 * zeros stripped as Jackson does — and applies the same limits as {@link Json}'s mapper: nesting
 * depth {@value Json#MAX_DEPTH}, strings {@value Json#MAX_STRING_LENGTH} characters, member names
 * {@value Json#MAX_NAME_LENGTH} characters, numbers {@value #MAX_NUMBER_LENGTH} characters,
 * duplicate member names refused, nothing after the value but whitespace. A differential test holds
 * it to Jackson on valid and broken input alike.
 *
 * <p>It is stricter than Jackson in one respect: malformed UTF-8 anywhere (overlong forms, encoded
 * surrogates, code points above U+10FFFF, stray continuation bytes) is refused, not decoded. A
 * UTF-8 byte order mark at the start is skipped, as Jackson skips it.
 */
final class JsonReader {

  /** Longest number accepted, in characters. */
  static final int MAX_NUMBER_LENGTH = 100;

  /**
   * Member names read before, shared by all readers: credentials repeat a small vocabulary ({@code
   * iss}, {@code _sd}, {@code ...}, {@code skills}), and reusing the string saves its allocation
   * and, because a string caches its hash, hashing it again for each map it is put in or looked up
   * in. Only short ASCII names are kept, in a fixed table where a newcomer replaces the name in its
   * slot, so hostile input can only make the cache miss. Slots are read and written without locks:
   * strings are immutable and safely published through their final fields.
   */
  private static final int NAME_SLOT_BITS = 11;

  private static final String[] NAMES = new String[1 << NAME_SLOT_BITS];

  private static final int MAX_CACHED_NAME = 32;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final byte[] in;
  private final int end;
  private int pos;
  private char[] chars; // scratch for strings with escapes or non-ASCII characters

  private JsonReader(byte[] in) {
    this.in = in;
    this.end = in.length;
  }

  /**
   * Reads one JSON value that makes up the whole input.
   *
   * @throws Json.JsonParseFailure naming what is wrong and the byte offset
   */
  static JsonNode read(byte[] utf8) {
    JsonReader r = new JsonReader(utf8);
    if (utf8.length >= 3
        && (utf8[0] & 0xff) == 0xEF
        && (utf8[1] & 0xff) == 0xBB
        && (utf8[2] & 0xff) == 0xBF) {
      r.pos = 3;
    }
    r.skipWhitespace();
    if (r.pos == r.end) {
      throw new Json.JsonParseFailure("empty JSON document");
    }
    JsonNode value = r.value(0);
    r.skipWhitespace();
    if (r.pos != r.end) {
      throw r.fail("unexpected content after the JSON value");
    }
    return value;
  }

  private JsonNode value(int depth) {
    if (pos >= end) {
      throw fail("unexpected end of input, expected a value");
    }
    byte b = in[pos];
    switch (b) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"':
        return TextNode.valueOf(string(Json.MAX_STRING_LENGTH, "string"));
      case 't':
        literal("true");
        return BooleanNode.TRUE;
      case 'f':
        literal("false");
        return BooleanNode.FALSE;
      case 'n':
        literal("null");
        return NullNode.instance;
      default:
        if (b == '-' || (b >= '0' && b <= '9')) {
          return number();
        }
        throw fail("unexpected character " + describe(b) + ", expected a value");
    }
  }

  private ObjectNode object(int depth) {
    checkDepth(depth);
    pos++; // '{'
    ObjectNode object = NODES.objectNode();
    skipWhitespace();
    if (pos < end && in[pos] == '}') {
      pos++;
      return object;
    }
    while (true) {
      if (pos >= end || in[pos] != '"') {
        throw fail(pos >= end ? "unexpected end of input in an object" : "expected a member name");
      }
      int nameAt = pos;
      String name = name();
      skipWhitespace();
      expect(':', "after a member name");
      skipWhitespace();
      JsonNode value = value(depth);
      if (object.replace(name, value) != null) {
        pos = nameAt;
        throw fail("duplicate member name '" + printable(name) + "'");
      }
      skipWhitespace();
      if (pos >= end) {
        throw fail("unexpected end of input in an object");
      }
      byte b = in[pos++];
      if (b == '}') {
        return object;
      }
      if (b != ',') {
        pos--;
        throw fail("unexpected character " + describe(b) + ", expected ',' or '}'");
      }
      skipWhitespace();
    }
  }

  private ArrayNode array(int depth) {
    checkDepth(depth);
    pos++; // '['
    ArrayNode array = NODES.arrayNode();
    skipWhitespace();
    if (pos < end && in[pos] == ']') {
      pos++;
      return array;
    }
    while (true) {
      skipWhitespace();
      array.add(value(depth));
      skipWhitespace();
      if (pos >= end) {
        throw fail("unexpected end of input in an array");
      }
      byte b = in[pos++];
      if (b == ']') {
        return array;
      }
      if (b != ',') {
        pos--;
        throw fail("unexpected character " + describe(b) + ", expected ',' or ']'");
      }
    }
  }

  private void checkDepth(int depth) {
    if (depth > Json.MAX_DEPTH) {
      throw fail("nesting deeper than " + Json.MAX_DEPTH + " levels");
    }
  }

  /** A member name at {@code pos} (on its opening quote), from {@link #NAMES} when it is there. */
  private String name() {
    int start = pos + 1;
    int limit = Math.min(end, start + MAX_CACHED_NAME + 1);
    int hash = 0;
    for (int i = start; i < limit; i++) {
      byte c = in[i];
      if (c == '"') {
        int length = i - start;
        pos = i + 1;
        // Two slots per name (Fibonacci hashing picks the pair), so two names of the vocabulary
        // that land together do not keep evicting each other.
        int slot = (hash * 0x9E3779B9) >>> (32 - NAME_SLOT_BITS) & ~1;
        String first = NAMES[slot];
        if (first != null && first.hashCode() == hash && sameAscii(first, start, length)) {
          return first;
        }
        String second = NAMES[slot + 1];
        if (second != null && second.hashCode() == hash && sameAscii(second, start, length)) {
          return second;
        }
        String name = new String(in, start, length, StandardCharsets.ISO_8859_1);
        NAMES[first == null ? slot : slot + 1] = name;
        return name;
      }
      if (c == '\\' || c < 0x20) { // escapes, control characters and (negative) non-ASCII
        break;
      }
      hash = 31 * hash + c; // String.hashCode of the same ASCII characters
    }
    return string(Json.MAX_NAME_LENGTH, "member name");
  }

  private boolean sameAscii(String s, int start, int length) {
    if (s.length() != length) {
      return false;
    }
    for (int k = 0; k < length; k++) {
      if (s.charAt(k) != in[start + k]) {
        return false;
      }
    }
    return true;
  }

  /** A string literal at {@code pos} (on its opening quote). */
  private String string(int maxLength, String what) {
    int start = ++pos;
    // The usual case: printable ASCII without escapes, decoded by one bulk copy.
    int i = start;
    byte[] b = in;
    while (i < end) {
      byte c = b[i];
      if (c == '"') {
        int length = i - start;
        if (length > maxLength) {
          throw fail(what + " longer than " + maxLength + " characters");
        }
        pos = i + 1;
        return new String(b, start, length, StandardCharsets.ISO_8859_1);
      }
      if (c == '\\' || c < 0x20) { // also every non-ASCII byte: negative
        break;
      }
      i++;
    }
    return slowString(start, i, maxLength, what);
  }

  /** The rest of a string from {@code i} on: escapes, non-ASCII, or the end of the input. */
  private String slowString(int start, int i, int maxLength, String what) {
    int n = i - start;
    char[] cs = chars == null || chars.length < n + 64 ? new char[Math.max(64, 2 * n + 16)] : chars;
    for (int k = 0; k < n; k++) {
      cs[k] = (char) in[start + k];
    }
    pos = i;
    while (true) {
      if (pos >= end) {
        throw fail("unexpected end of input in a " + what);
      }
      if (n + 2 > cs.length) {
        cs = java.util.Arrays.copyOf(cs, cs.length * 2);
      }
      int c = in[pos] & 0xff;
      if (c == '"') {
        pos++;
        break;
      }
      if (c == '\\') {
        n = escape(cs, n);
      } else if (c < 0x20) {
        throw fail(
            "control character " + describe((byte) c) + " in a " + what + " must be escaped");
      } else if (c < 0x80) {
        cs[n++] = (char) c;
        pos++;
      } else {
        n = utf8(cs, n, c);
      }
      if (n > maxLength) {
        throw fail(what + " longer than " + maxLength + " characters");
      }
    }
    chars = cs;
    return new String(cs, 0, n);
  }

  private int escape(char[] cs, int n) {
    if (pos + 1 >= end) {
      throw fail("unexpected end of input in an escape");
    }
    byte e = in[pos + 1];
    char c;
    switch (e) {
      case '"':
        c = '"';
        break;
      case '\\':
        c = '\\';
        break;
      case '/':
        c = '/';
        break;
      case 'b':
        c = '\b';
        break;
      case 'f':
        c = '\f';
        break;
      case 'n':
        c = '\n';
        break;
      case 'r':
        c = '\r';
        break;
      case 't':
        c = '\t';
        break;
      case 'u':
        if (pos + 6 > end) {
          throw fail("unexpected end of input in a \\u escape");
        }
        int v = 0;
        for (int k = pos + 2; k < pos + 6; k++) {
          int d = Character.digit(in[k], 16);
          if (d < 0 || in[k] < 0) {
            throw fail("invalid \\u escape: expected four hexadecimal digits");
          }
          v = (v << 4) | d;
        }
        cs[n] = (char) v;
        pos += 6;
        return n + 1;
      default:
        throw fail("invalid escape \\" + (char) (e & 0x7f));
    }
    cs[n] = c;
    pos += 2;
    return n + 1;
  }

  /** Decodes one multi-byte UTF-8 sequence starting with lead byte {@code c}; strict. */
  private int utf8(char[] cs, int n, int c) {
    int need;
    int cp;
    int min;
    if (c >= 0xC2 && c <= 0xDF) {
      need = 1;
      cp = c & 0x1F;
      min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
      need = 2;
      cp = c & 0x0F;
      min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
      need = 3;
      cp = c & 0x07;
      min = 0x10000;
    } else {
      throw fail("invalid UTF-8 byte 0x" + Integer.toHexString(c));
    }
    if (pos + need >= end) {
      throw fail("unexpected end of input in a UTF-8 sequence");
    }
    for (int k = 1; k <= need; k++) {
      int cont = in[pos + k] & 0xff;
      if ((cont & 0xC0) != 0x80) {
        throw fail("invalid UTF-8 continuation byte 0x" + Integer.toHexString(cont));
      }
      cp = (cp << 6) | (cont & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      throw fail("invalid UTF-8 sequence (overlong, surrogate or beyond U+10FFFF)");
    }
    pos += need + 1;
    if (cp >= 0x10000) {
      cs[n++] = Character.highSurrogate(cp);
      cs[n++] = Character.lowSurrogate(cp);
      return n;
    }
    cs[n] = (char) cp;
    return n + 1;
  }

  private JsonNode number() {
    int start = pos;
    if (in[pos] == '-') {
      pos++;
    }
    if (pos >= end || in[pos] < '0' || in[pos] > '9') {
      throw fail("invalid number: expected a digit");
    }
    if (in[pos] == '0') {
      pos++;
      if (pos < end && in[pos] >= '0' && in[pos] <= '9') {
        throw fail("invalid number: leading zero");
      }
    } else {
      digits();
    }
    boolean integral = true;
    if (pos < end && in[pos] == '.') {
      integral = false;
      pos++;
      if (digits() == 0) {
        throw fail("invalid number: expected a digit after '.'");
      }
    }
    if (pos < end && (in[pos] == 'e' || in[pos] == 'E')) {
      integral = false;
      pos++;
      if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
        pos++;
      }
      if (digits() == 0) {
        throw fail("invalid number: expected a digit in the exponent");
      }
    }
    int length = pos - start;
    // Jackson bounds the digits of an integer and the whole text of any other number.
    int counted = integral && in[start] == '-' ? length - 1 : length;
    if (counted > MAX_NUMBER_LENGTH) {
      pos = start;
      throw fail("number longer than " + MAX_NUMBER_LENGTH + " characters");
    }
    if (integral && length <= 18) { // fits a long for sure: no BigInteger
      long v = 0;
      int k = start;
      boolean negative = in[k] == '-';
      if (negative) {
        k++;
      }
      for (; k < pos; k++) {
        v = v * 10 + (in[k] - '0');
      }
      v = negative ? -v : v;
      return v == (int) v ? IntNode.valueOf((int) v) : LongNode.valueOf(v);
    }
    String text = new String(in, start, length, StandardCharsets.ISO_8859_1);
    if (integral) {
      BigInteger v = new BigInteger(text);
      if (v.compareTo(LONG_MIN) >= 0 && v.compareTo(LONG_MAX) <= 0) {
        long l = v.longValue();
        return l == (int) l ? IntNode.valueOf((int) l) : LongNode.valueOf(l);
      }
      return BigIntegerNode.valueOf(v);
    }
    BigDecimal d;
    try {
      d = new BigDecimal(text);
    } catch (NumberFormatException e) { // an exponent beyond what BigDecimal holds
      pos = start;
      throw fail("number out of range");
    }
    // Jackson strips trailing zeros from decimals
    // (JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
    return DecimalNode.valueOf(d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros());
  }

  private int digits() {
    int start = pos;
    while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
      pos++;
    }
    return pos - start;
  }

  private void literal(String word) {
    int n = word.length();
    if (pos + n > end) {
      throw fail("unexpected end of input, expected " + word);
    }
    for (int k = 0; k < n; k++) {
      if (in[pos + k] != word.charAt(k)) {
        pos += k;
        throw fail("unexpected character " + describe(in[pos]) + ", expected " + word);
      }
    }
    pos += n;
    // "trueish" is not true: a literal must end where a value ends.
    if (pos < end && isWordByte(in[pos])) {
      throw fail("unexpected character " + describe(in[pos]) + " after " + word);
    }
  }

  private static boolean isWordByte(byte b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b < 0;
  }

  private void expect(char c, String where) {
    if (pos >= end) {
      throw fail("unexpected end of input, expected '" + c + "' " + where);
    }
    if (in[pos] != c) {
      throw fail("unexpected character " + describe(in[pos]) + ", expected '" + c + "' " + where);
    }
    pos++;
  }

  private void skipWhitespace() {
    while (pos < end) {
      byte b = in[pos];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return;
      }
      pos++;
    }
  }

  private Json.JsonParseFailure fail(String reason) {
    return new Json.JsonParseFailure(reason + " at byte " + pos);
  }

  private static String describe(byte b) {
    int c = b & 0xff;
    return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("0x%02x", c);
  }

  /** A name for a message: at most 40 characters, non-printable ones as '?'. */
  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && i < 40; i++) {
      char c = s.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return s.length() > 40 ? sb + "..." : sb.toString();
  }
}
