package nl.leerbewijs.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nl.leerbewijs.core.schema.Examples;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonReader} against Jackson's {@code readTree} with the same limits: the same verdict on
 * every input (accepted or refused) and, when accepted, the same tree with the same node classes.
 * The one intended difference, malformed UTF-8, has its own tests.
 */
class JsonReaderTest {

  /** Jackson's verdict: the tree, or null when it refuses the input. */
  private static JsonNode jackson(byte[] input) {
    try {
      JsonNode n = Json.mapper().readTree(input);
      return n == null || n.isMissingNode() ? null : n;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void assertSameAsJackson(byte[] input) {
    JsonNode expected = jackson(input);
    JsonNode actual;
    try {
      actual = JsonReader.read(input);
    } catch (Json.JsonParseFailure e) {
      if (expected != null) {
        fail("refused what Jackson accepts: " + show(input) + ": " + e.getMessage());
      }
      return;
    }
    if (expected == null) {
      fail("accepted what Jackson refuses: " + show(input));
    }
    assertSameTree(expected, actual, show(input));
  }

  private static void assertSameTree(JsonNode expected, JsonNode actual, String what) {
    assertEquals(expected.getClass(), actual.getClass(), what);
    assertEquals(expected, actual, what);
    if (expected.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> e = expected.properties().iterator();
      Iterator<Map.Entry<String, JsonNode>> a = actual.properties().iterator();
      while (e.hasNext()) {
        Map.Entry<String, JsonNode> x = e.next();
        Map.Entry<String, JsonNode> y = a.next();
        assertEquals(x.getKey(), y.getKey(), what + ": member order");
        assertSameTree(x.getValue(), y.getValue(), what);
      }
    } else if (expected.isArray()) {
      for (int i = 0; i < expected.size(); i++) {
        assertSameTree(expected.get(i), actual.get(i), what);
      }
    }
  }

  private static String show(byte[] input) {
    String s = new String(input, StandardCharsets.UTF_8);
    return s.length() > 120 ? s.substring(0, 120) + "..." : s;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void read_handWrittenCases_sameVerdictAndTreeAsJackson() {
    String[] cases = {
      "{}",
      "[]",
      "0",
      "-0",
      "1",
      "-1",
      "2147483647",
      "2147483648",
      "-2147483648",
      "-2147483649",
      "9223372036854775807",
      "9223372036854775808",
      "-9223372036854775808",
      "-9223372036854775809",
      "123456789012345678901234567890",
      "1.5",
      "7.50",
      "0.0",
      "-0.0",
      "1e3",
      "1E+3",
      "1e-3",
      "1.0e2",
      "0e0",
      "100",
      "1.10",
      "2.500E+2",
      "1E400",
      "-1.23e-400",
      "true",
      "false",
      "null",
      "\"\"",
      "\"a\"",
      "\"\\u00e9\\n\\t\\\"\\\\\\/\\b\\f\\r\"",
      "\"\\ud83d\\ude00\"",
      "\"\\ud800\"",
      "\"é ë ï – 😀\"",
      " { \"a\" : [ 1 , 2 ] } ",
      "{\"a\":{\"b\":{\"c\":[[[]]]}}}",
      "[1,\"x\",true,null,{\"k\":-2.5}]",
      // refused
      "",
      " ",
      "{",
      "}",
      "[",
      "]",
      "[1,]",
      "{\"a\":1,}",
      "{,}",
      "[,1]",
      "{\"a\" 1}",
      "{a:1}",
      "{'a':1}",
      "[1 2]",
      "01",
      "-01",
      "+1",
      ".5",
      "1.",
      "1.e3",
      "1e",
      "1e+",
      "-",
      "--1",
      "NaN",
      "Infinity",
      "-Infinity",
      "tru",
      "truex",
      "nul",
      "nulll",
      "True",
      "\"abc",
      "\"a\nb\"",
      "\"a\tb\"",
      "\"\\x\"",
      "\"\\u12\"",
      "\"\\u12g4\"",
      "\"\\",
      "{\"a\":1}{}",
      "[] []",
      "1 2",
      "{\"a\":1,\"a\":2}",
      "{\"a\":{\"b\":1,\"b\":1}}",
      "/* c */ 1",
      "1 // c",
      "[1]x",
      "{\"a\":1}\u0000",
      "\u0000",
      "[\"\u0001\"]",
      "0x10",
      "1_000",
      "[01]",
      "{\"\":1}",
      "{\"a\":1,\"\":2,\"\":3}"
    };
    for (String c : cases) {
      assertSameAsJackson(utf8(c));
    }
  }

  @Test
  void read_limits_sameAsJackson() {
    assertSameAsJackson(utf8("[".repeat(64) + "]".repeat(64)));
    assertSameAsJackson(utf8("[".repeat(65) + "]".repeat(65)));
    assertSameAsJackson(utf8("{\"a\":".repeat(63) + "{}" + "}".repeat(63)));
    assertSameAsJackson(utf8("{\"a\":".repeat(64) + "{}" + "}".repeat(64)));
    assertSameAsJackson(utf8("1".repeat(100)));
    assertSameAsJackson(utf8("-" + "1".repeat(100)));
    assertSameAsJackson(utf8("1".repeat(101)));
    assertSameAsJackson(utf8("1." + "1".repeat(97)));
    assertSameAsJackson(utf8("1." + "1".repeat(120)));
    assertSameAsJackson(utf8("\"" + "a".repeat(Json.MAX_STRING_LENGTH) + "\""));
    assertSameAsJackson(utf8("\"" + "a".repeat(Json.MAX_STRING_LENGTH + 1) + "\""));
    assertSameAsJackson(utf8("\"" + "é".repeat(Json.MAX_STRING_LENGTH + 1) + "\""));
    assertSameAsJackson(utf8("{\"" + "n".repeat(Json.MAX_NAME_LENGTH) + "\":1}"));
    assertSameAsJackson(utf8("{\"" + "n".repeat(Json.MAX_NAME_LENGTH + 1) + "\":1}"));
  }

  /**
   * Member names go through a shared cache of short ASCII names: many distinct names (so slots are
   * overwritten and colliding names compared), names at and past the cached length, names that
   * differ only late or in length, escaped and non-ASCII names, read repeatedly.
   */
  @Test
  void read_manyNamesThroughTheNameCache_sameTreeAsJackson() {
    java.util.Random r = new java.util.Random(11);
    List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      names.add("n" + Integer.toString(r.nextInt(5000), 36));
    }
    names.addAll(
        List.of(
            "",
            "x".repeat(31),
            "x".repeat(32),
            "x".repeat(33),
            "x".repeat(32) + "y",
            "abc",
            "abd",
            "ab",
            "abcd",
            "a\\u0062c",
            "caf\u00e9",
            "\u007f",
            "Aa",
            "BB")); // "Aa" and "BB" have the same String hash
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i + 4 <= names.size(); i += 4) {
        StringBuilder doc = new StringBuilder("{");
        for (int k = 0; k < 4; k++) {
          if (k > 0) {
            doc.append(',');
          }
          doc.append('"').append(names.get(i + k)).append("\":").append(k);
        }
        String text = doc.append('}').toString();
        assertSameAsJackson(utf8(text));
      }
    }
  }

  @Test
  void read_byteOrderMark_skippedAsJacksonDoes() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
    assertSameAsJackson(bom);
  }

  @Test
  void read_projectDocuments_sameTreeAsJackson() {
    for (byte[] example : examples()) {
      assertSameAsJackson(example);
    }
  }

  /**
   * Realistic documents with random damage (a byte changed, inserted, deleted, or the document cut
   * short): whatever Jackson makes of it, the reader makes the same.
   */
  @Test
  void read_mutatedDocuments_sameVerdictAsJackson() {
    List<byte[]> seeds = examples();
    seeds.add(utf8("{\"a\":[1,-2.5e3,\"x\\u00e9y\",true,false,null,{\"b\":{}}],\"c\":\"😀\"}"));
    byte[] alphabet = utf8("{}[],:\"\\/-+.eE0123456789 \n\ttrufalsn\u00e9x");
    Random r = new Random(20261122);
    for (int i = 0; i < 20_000; i++) {
      byte[] seed = seeds.get(r.nextInt(seeds.size()));
      byte[] m = mutate(seed, r, alphabet);
      if (isWellFormedUtf8(m)) {
        assertSameAsJackson(m);
      } else {
        assertThrows(Json.JsonParseFailure.class, () -> JsonReader.read(m), () -> show(m));
      }
    }
  }

  private static byte[] mutate(byte[] seed, Random r, byte[] alphabet) {
    byte[] b = seed.clone();
    int edits = 1 + r.nextInt(3);
    for (int e = 0; e < edits && b.length > 0; e++) {
      int at = r.nextInt(b.length);
      byte x = r.nextInt(4) == 0 ? (byte) r.nextInt(256) : alphabet[r.nextInt(alphabet.length)];
      switch (r.nextInt(4)) {
        case 0 -> b[at] = x;
        case 1 -> {
          byte[] n = new byte[b.length + 1];
          System.arraycopy(b, 0, n, 0, at);
          n[at] = x;
          System.arraycopy(b, at, n, at + 1, b.length - at);
          b = n;
        }
        case 2 -> {
          byte[] n = new byte[b.length - 1];
          System.arraycopy(b, 0, n, 0, at);
          System.arraycopy(b, at + 1, n, at, b.length - at - 1);
          b = n;
        }
        default -> b = java.util.Arrays.copyOf(b, at);
      }
    }
    return b;
  }

  private static boolean isWellFormedUtf8(byte[] b) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  /** Every example document of leerbewijs-schemas. */
  private static List<byte[]> examples() {
    List<byte[]> out = new ArrayList<>();
    for (String folder : List.of("valid", "invalid", "disclosed")) {
      for (String name : Examples.list(folder)) {
        out.add(Examples.bytes(folder, name));
      }
    }
    assertTrue(out.size() > 20, "example documents found: " + out.size());
    return out;
  }

  @Test
  void read_malformedUtf8_refusedWithOffset() {
    byte[][] bad = {
      {'"', (byte) 0xC0, (byte) 0x80, '"'}, // overlong NUL
      {'"', (byte) 0xE0, (byte) 0x80, (byte) 0x80, '"'}, // overlong
      {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, // encoded surrogate
      {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, // beyond U+10FFFF
      {'"', (byte) 0x80, '"'}, // stray continuation byte
      {'"', (byte) 0xC3, '"'}, // cut short
      {'"', (byte) 0xFF, '"'},
    };
    for (byte[] b : bad) {
      Json.JsonParseFailure e = assertThrows(Json.JsonParseFailure.class, () -> JsonReader.read(b));
      assertTrue(e.getMessage().contains("at byte 1"), e.getMessage());
    }
  }

  @Test
  void read_duplicateName_messageNamesItAndItsOffset() {
    Json.JsonParseFailure e =
        assertThrows(
            Json.JsonParseFailure.class, () -> JsonReader.read(utf8("{\"iss\":1,\"iss\":2}")));
    assertEquals("malformed JSON: duplicate member name 'iss' at byte 9", e.getMessage());
  }

  @Test
  void read_hostileName_notEchoedInFull() {
    String name = "x".repeat(500) + "\u0001";
    Json.JsonParseFailure e =
        assertThrows(
            Json.JsonParseFailure.class,
            () -> JsonReader.read(utf8("{\"" + name + "\":1,\"" + name + "\":1}")));
    assertTrue(e.getMessage().length() < 120, e.getMessage());
  }
}
