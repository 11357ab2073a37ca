package nl.leerbewijs.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes JSON trees exactly as {@link Json#write} does (Jackson's compact UTF-8 output with its
 * default escaping), without Jackson's per-call setup, which costs more than the writing itself for
 * the small documents of an SD-JWT (a header, a payload, one disclosure).
 *
 * <p>Strings are escaped as Jackson escapes them: quote and backslash, control characters
 * (backspace, tab, newline, form feed and carriage return short, the rest as a six-character
 * unicode escape), and UTF-16 surrogates as unicode escapes (upper-case hex); everything else is
 * written as UTF-8. Objects, arrays, strings, booleans, null and integers are written here; any
 * other node (floating point, decimal, binary, POJO) is handed to Jackson, so the output never
 * differs from {@link Json#write}.
 */
public final class CompactJson {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private CompactJson() {}

  /** The compact UTF-8 JSON of a tree; the same bytes as {@link Json#write}. */
  public static byte[] write(JsonNode node) {
    StringBuilder sb = new StringBuilder(256);
    append(sb, node);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Appends the compact JSON of a tree. */
  public static void append(StringBuilder sb, JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT:
        sb.append('{');
        boolean first = true;
        Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!first) {
            sb.append(',');
          }
          first = false;
          appendString(sb, e.getKey());
          sb.append(':');
          append(sb, e.getValue());
        }
        sb.append('}');
        return;
      case ARRAY:
        sb.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          append(sb, node.get(i));
        }
        sb.append(']');
        return;
      case STRING:
        appendString(sb, node.textValue());
        return;
      case BOOLEAN:
        sb.append(node.booleanValue());
        return;
      case NULL:
        sb.append("null");
        return;
      case NUMBER:
        if (node.isInt() || node.isLong() || node.isShort()) {
          sb.append(node.longValue());
          return;
        }
        if (node.isBigInteger()) {
          sb.append(node.bigIntegerValue());
          return;
        }
        break;
      default:
        break;
    }
    sb.append(new String(Json.jacksonWrite(node), StandardCharsets.UTF_8));
  }

  /** Appends a JSON string literal, escaped as Jackson escapes it. */
  public static void appendString(StringBuilder sb, String s) {
    sb.append('"');
    int n = s.length();
    int first = 0;
    while (first < n && !needsEscape(s.charAt(first))) {
      first++;
    }
    if (first == n) { // the usual case: one bulk copy
      sb.append(s).append('"');
      return;
    }
    sb.append(s, 0, first);
    int start = first;
    for (int i = first; i < n; i++) {
      char c = s.charAt(i);
      if (!needsEscape(c)) {
        continue;
      }
      sb.append(s, start, i);
      start = i + 1;
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\b':
          sb.append("\\b");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\f':
          sb.append("\\f");
          break;
        case '\r':
          sb.append("\\r");
          break;
        default:
          sb.append("\\u")
              .append(HEX[(c >> 12) & 0xF])
              .append(HEX[(c >> 8) & 0xF])
              .append(HEX[(c >> 4) & 0xF])
              .append(HEX[c & 0xF]);
      }
    }
    sb.append(s, start, n);
    sb.append('"');
  }

  private static boolean needsEscape(char c) {
    return c < 0x20 || c == '"' || c == '\\' || (c >= 0xD800 && c <= 0xDFFF);
  }
}
