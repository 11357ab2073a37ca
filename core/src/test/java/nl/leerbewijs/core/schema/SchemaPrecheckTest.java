package nl.leerbewijs.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.core.json.Json;
import org.junit.jupiter.api.Test;

/**
 * The precheck must be sound: whenever it says a document fits, the JSON Schema library finds no
 * violation. Checked on every example in every mode and on thousands of damaged documents.
 */
class SchemaPrecheckTest {

  private final CredentialValidator validator = new CredentialValidator();

  @Test
  void compile_everyTypeAndMode_hasAPrecheck() {
    for (CredentialType type : CredentialType.values()) {
      for (ValidationMode mode : ValidationMode.values()) {
        assertTrue(SchemaPrecheck.compile(type, mode).isPresent(), type + " " + mode);
      }
    }
  }

  @Test
  void fits_validExamples_yes() {
    for (String folder : List.of("valid", "disclosed")) {
      for (String name : Examples.list(folder)) {
        CredentialType type = Examples.typeOf(name);
        ValidationMode mode =
            folder.equals("valid") ? ValidationMode.AWARD : ValidationMode.DISCLOSED;
        assertTrue(precheck(type, mode).fits(Examples.read(folder, name)), folder + "/" + name);
      }
    }
  }

  @Test
  void fits_examplesInEveryMode_onlyWhenTheLibraryAgrees() {
    for (String folder : List.of("valid", "invalid", "disclosed")) {
      for (String name : Examples.list(folder)) {
        if (name.equals("expected.json")) {
          continue; // the invalid examples' answer key, not an example
        }
        for (ValidationMode mode : ValidationMode.values()) {
          assertSound(
              Examples.typeOf(name), mode, Examples.read(folder, name), folder + "/" + name);
        }
      }
    }
  }

  @Test
  void fits_damagedDocuments_onlyWhenTheLibraryAgrees() {
    List<JsonNode> seeds = new ArrayList<>();
    List<CredentialType> types = new ArrayList<>();
    for (String folder : List.of("valid", "disclosed")) {
      for (String name : Examples.list(folder)) {
        seeds.add(Examples.read(folder, name));
        types.add(Examples.typeOf(name));
      }
    }
    Random r = new Random(20261122);
    int fitting = 0;
    for (int i = 0; i < 4000; i++) {
      int k = r.nextInt(seeds.size());
      JsonNode doc = seeds.get(k).deepCopy();
      for (int edits = 1 + r.nextInt(2); edits > 0; edits--) {
        damage(doc, r);
      }
      for (ValidationMode mode : ValidationMode.values()) {
        if (assertSound(types.get(k), mode, doc, "damaged document #" + i)) {
          fitting++;
        }
      }
    }
    assertTrue(fitting > 100, "some damaged documents still fit: " + fitting);
  }

  @Test
  void compile_unsupportedKeyword_noPrecheck() {
    JsonNode schema = Json.parse("{\"type\":\"object\",\"oneOf\":[{\"required\":[\"a\"]}]}");
    assertEquals(
        Optional.empty(), SchemaPrecheck.compileForTest(schema, URI.create("https://x.test/s")));
    JsonNode format = Json.parse("{\"type\":\"string\",\"format\":\"email\"}");
    assertEquals(
        Optional.empty(), SchemaPrecheck.compileForTest(format, URI.create("https://x.test/s")));
  }

  @Test
  void fits_dates_strict() {
    SchemaPrecheck p =
        SchemaPrecheck.compileForTest(
                Json.parse("{\"type\":\"string\",\"format\":\"date\"}"),
                URI.create("https://x.test/d"))
            .orElseThrow();
    assertTrue(p.fits(TextNode.valueOf("2024-02-29")));
    for (String bad :
        List.of(
            "2023-02-29",
            "2024-13-01",
            "2024-1-01",
            "24-01-01",
            "0999-01-01",
            "2024-01-01T00:00:00Z",
            " 2024-01-01",
            "2024-01-32")) {
      assertFalse(p.fits(TextNode.valueOf(bad)), bad);
    }
  }

  /** Returns whether the precheck said "fits"; fails the test if the library disagrees then. */
  private boolean assertSound(CredentialType type, ValidationMode mode, JsonNode doc, String what) {
    if (!precheck(type, mode).fits(doc)) {
      return false;
    }
    List<Violation> library = validator.validateWithLibraryOnly(type, doc, mode);
    List<Violation> schemaOnly = new ArrayList<>();
    for (Violation v : library) {
      if (v.code().startsWith(ViolationCodes.SCHEMA_PREFIX)) {
        schemaOnly.add(v);
      }
    }
    if (!schemaOnly.isEmpty()) {
      fail(
          what
              + " ("
              + type
              + ", "
              + mode
              + "): precheck says it fits, library finds "
              + schemaOnly
              + " in "
              + doc);
    }
    return true;
  }

  private static SchemaPrecheck precheck(CredentialType type, ValidationMode mode) {
    return SchemaPrecheck.compile(type, mode).orElseThrow();
  }

  /** One random change somewhere in the tree: remove, retype, stretch, empty or add. */
  private static void damage(JsonNode root, Random r) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    JsonNode c = containers.get(r.nextInt(containers.size()));
    JsonNode replacement = randomValue(r);
    if (c.isObject()) {
      ObjectNode o = (ObjectNode) c;
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      int op = r.nextInt(4);
      if (names.isEmpty() || op == 0) {
        o.set(r.nextBoolean() ? "extra_" + r.nextInt(3) : "nlqf", replacement);
      } else if (op == 1) {
        o.remove(names.get(r.nextInt(names.size())));
      } else {
        o.set(names.get(r.nextInt(names.size())), replacement);
      }
    } else {
      ArrayNode a = (ArrayNode) c;
      int op = r.nextInt(3);
      if (a.isEmpty() || op == 0) {
        a.add(replacement);
      } else if (op == 1) {
        a.remove(r.nextInt(a.size()));
      } else {
        a.set(r.nextInt(a.size()), replacement);
      }
    }
  }

  private static void collect(JsonNode n, List<JsonNode> out) {
    if (n.isContainerNode()) {
      out.add(n);
      for (JsonNode child : n) {
        collect(child, out);
      }
    }
  }

  private static JsonNode randomValue(Random r) {
    switch (r.nextInt(14)) {
      case 0:
        return NullNode.instance;
      case 1:
        return BooleanNode.valueOf(r.nextBoolean());
      case 2:
        return IntNode.valueOf(r.nextInt(300) - 50);
      case 3:
        return DecimalNode.valueOf(new BigDecimal(r.nextInt(3000) - 100).movePointLeft(1));
      case 4:
        return TextNode.valueOf("");
      case 5:
        return TextNode.valueOf("x".repeat(r.nextInt(1200)));
      case 6:
        return TextNode.valueOf(
            List.of("2024-02-30", "2025-06-27", "27-06-2025", "2024-02-29").get(r.nextInt(4)));
      case 7:
        return TextNode.valueOf(List.of("6", "entry", "9", "4", "1", "0").get(r.nextInt(6)));
      case 8:
        return TextNode.valueOf(
            List.of(
                    "12345",
                    "1234",
                    "K1234",
                    "25PZ",
                    "00000001234567890123",
                    "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d",
                    "https://example.nl/x y",
                    "ftp://x")
                .get(r.nextInt(8)));
      case 9:
        return Json.object();
      case 10:
        return Json.mapper().createArrayNode();
      case 11:
        return Json.parse("{\"nl\":\"x\",\"en\":\"y\"}");
      case 12:
        return Json.parse("[{\"label\":\"SQL\"}]");
      default:
        return Json.parse("{\"label\":\"\",\"uri\":\"https://a\"}");
    }
  }

  @Test
  void validate_withPrecheck_sameAsLibraryOnly_onExamples() {
    for (String folder : List.of("valid", "invalid", "disclosed")) {
      for (String name : Examples.list(folder)) {
        if (name.equals("expected.json")) {
          continue; // the invalid examples' answer key, not an example
        }
        for (ValidationMode mode : ValidationMode.values()) {
          CredentialType type = Examples.typeOf(name);
          JsonNode doc = Examples.read(folder, name);
          assertEquals(
              validator.validateWithLibraryOnly(type, doc, mode),
              validator.validate(type, doc, mode),
              folder + "/" + name + " " + mode);
        }
      }
    }
  }
}
