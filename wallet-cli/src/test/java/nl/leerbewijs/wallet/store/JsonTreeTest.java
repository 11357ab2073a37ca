package nl.leerbewijs.wallet.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.core.json.Json;
import org.junit.jupiter.api.Test;

class JsonTreeTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void assertSameAsJson(String doc) {
    assertEquals(Json.parse(utf8(doc)), JsonTree.parse(utf8(doc)), doc);
    assertArrayEquals(Json.write(Json.parse(utf8(doc))), Json.write(JsonTree.parse(utf8(doc))));
  }

  @Test
  void parse_wellFormed_sameTreeAsJson() {
    assertSameAsJson("{\"a\":1,\"b\":[true,false,null,\"x\\u00e9\\n\"],\"c\":{\"d\":{}}}");
    assertSameAsJson("[1, -2, 2147483648, 12345678901234567890123, 7.50, 0.0, -0.00, 1e3, 2.5E-3]");
    assertSameAsJson("\"tekst\"");
    assertSameAsJson("  42 ");
    assertSameAsJson("{\"ects\":7.5,\"leeg\":[],\"naam\":\"Café ✓\"}");
  }

  @Test
  void parse_packagedTypeMetadata_sameTreeAsJson() throws Exception {
    for (CredentialType t : CredentialType.values()) {
      try (var in = getClass().getClassLoader().getResourceAsStream(t.typeMetadataResource())) {
        assertSameAsJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void parse_hostile_rejected() {
    for (String bad :
        new String[] {
          "",
          "   ",
          "{",
          "{\"a\":1,\"a\":2}",
          "{\"a\":1} x",
          "[1] [2]",
          "{\"a\":}",
          "[1,]",
          "nul",
          "\"abc",
          "[" + "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 2),
          "1" + "0".repeat(200)
        }) {
      assertThrows(Json.JsonParseFailure.class, () -> JsonTree.parse(utf8(bad)), bad);
    }
  }

  @Test
  void parseObject_notAnObject_rejected() {
    assertThrows(Json.JsonParseFailure.class, () -> JsonTree.parseObject(utf8("[1]")));
    assertEquals(1, JsonTree.parseObject(utf8("{\"a\":1}")).path("a").intValue());
  }
}
