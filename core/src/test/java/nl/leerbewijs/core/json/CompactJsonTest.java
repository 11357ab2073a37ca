package nl.leerbewijs.core.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link CompactJson} must write exactly the bytes Jackson writes. */
class CompactJsonTest {

  private static void assertSameAsJackson(JsonNode node) {
    assertArrayEquals(Json.jacksonWrite(node), CompactJson.write(node), () -> node.toString());
  }

  @Test
  void write_everyUtf16CodeUnit_sameAsJackson() {
    for (int c = 0; c <= 0xFFFF; c++) {
      String s = "a" + (char) c + "b";
      assertSameAsJackson(TextNode.valueOf(s));
      ObjectNode o = Json.object();
      o.put(s, s);
      assertSameAsJackson(o);
    }
  }

  /** Long plain runs before, between and after characters that need escaping, across chunks. */
  @Test
  void write_longStringsWithLateEscapes_sameAsJackson() {
    String run = "a".repeat(5000);
    for (String special : List.of("\u00e9", "\"", "\n", "\u20ac", "\ud83d\ude00", "\u007f")) {
      assertSameAsJackson(TextNode.valueOf(run + special));
      assertSameAsJackson(TextNode.valueOf(run + special + run));
      assertSameAsJackson(TextNode.valueOf(special + run + special + run));
      assertSameAsJackson(TextNode.valueOf(special.repeat(5000)));
    }
  }

  @Test
  void write_surrogatePairsAndLoneSurrogates_sameAsJackson() {
    for (String s :
        List.of(
            "\ud83d\ude00",
            "x\ud83d",
            "\ude00x",
            "\ude00\ud83d",
            "\ud800\udc00\udbff\udfff",
            "",
            "\"\\/\u2028\u2029\u007f\u0080\u00ff")) {
      assertSameAsJackson(TextNode.valueOf(s));
    }
  }

  @Test
  void write_randomStrings_sameAsJackson() {
    Random r = new Random(7);
    for (int i = 0; i < 2000; i++) {
      char[] cs = new char[r.nextInt(40)];
      for (int j = 0; j < cs.length; j++) {
        int kind = r.nextInt(4);
        cs[j] =
            (char)
                (kind == 0
                    ? r.nextInt(0x80)
                    : kind == 1 ? r.nextInt(0x20) : kind == 2 ? r.nextInt(0x10000) : 'a');
      }
      assertSameAsJackson(TextNode.valueOf(new String(cs)));
    }
  }

  @Test
  void write_everyNodeType_sameAsJackson() {
    ObjectNode o = Json.object();
    o.put("int", 42);
    o.put("negative", -7);
    o.put("long", Long.MIN_VALUE);
    o.put("short", (short) 3);
    o.put("big", new BigInteger("123456789012345678901234567890"));
    o.put("double", 1.5);
    o.put("nan", Double.NaN);
    o.put("float", 1.0f);
    o.put("decimal", new BigDecimal("1E+3"));
    o.put("true", true);
    o.put("false", false);
    o.putNull("null");
    o.put("binary", new byte[] {1, 2, 3});
    o.putPOJO("pojo", List.of(1, "x"));
    o.putArray("empty");
    o.putObject("emptyObject");
    ArrayNode nested = o.putArray("nested");
    nested.addObject().put("a", "b").putArray("c").add(1).add("d").addNull();
    nested.addArray().addArray();
    assertSameAsJackson(o);
  }

  @Test
  void write_parsedDocument_sameAsJacksonAndOriginal() {
    String text =
        "{\"iss\":\"https://a.example/t/x\",\"iat\":1700000000,\"n\":-0.5e-3,\"big\":1E400,"
            + "\"a\":[{\"...\":\"x\"},[],{}],\"s\":\"\\u00e9\\n\\\"\"}";
    JsonNode node = Json.parse(text);
    assertSameAsJackson(node);
  }

  @Test
  void string_quoteAndControl_escaped() {
    assertEquals("\"a\\\"b\\u0001\"", Utf8JsonWriter.compact().string("a\"b\u0001").asciiString());
    assertEquals(
        "\"\\uD83D\\uDE00\"",
        new String(CompactJson.write(TextNode.valueOf("\ud83d\ude00")), StandardCharsets.UTF_8));
  }

  @Test
  void spacedAscii_pythonLayout() {
    ObjectNode o = Json.object();
    o.put("name", "Émile \u2028 \"q\"\u007f");
    o.putArray("a").add(1).add(true).addNull().add("x");
    assertEquals(
        "{\"name\": \"\\u00c9mile \\u2028 \\\"q\\\"\\u007f\", \"a\": [1, true, null, \"x\"]}",
        Utf8JsonWriter.spacedAscii().value(o).asciiString());
  }

  @Test
  void base64Url_everyLengthAndOffset_sameAsJdk() {
    Random r = new Random(11);
    for (int n = 0; n < 100; n++) {
      byte[] src = new byte[n + 5];
      r.nextBytes(src);
      for (int off = 0; off < 3; off++) {
        byte[] part = java.util.Arrays.copyOfRange(src, off, off + n);
        assertEquals(
            Base64Url.encode(part),
            Utf8JsonWriter.compact(1).base64Url(src, off, n).asciiString(),
            "length " + n + " offset " + off);
      }
    }
  }
}
