package nl.leerbewijs.wallet.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import nl.leerbewijs.core.json.Json;

/**
 * Reads JSON into the same trees as {@link Json#parse} (same limits, duplicate names rejected,
 * trailing content rejected, fractions as {@link BigDecimal} without trailing zeros) with Jackson's
 * streaming parser only. It exists for start time: building Jackson's {@code ObjectMapper} loads
 * some 400 classes and costs about 0.1 s, which {@code wallet list} and {@code show} need not pay.
 *
 * <p>Contract as {@link Json#parse}: input is untrusted; anything that is not one well-formed JSON
 * value within {@link Json#MAX_DEPTH} levels and {@link Json#MAX_STRING_LENGTH} characters per
 * string throws {@link Json.JsonParseFailure}.
 */
public final class JsonTree {

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(Json.MAX_DEPTH)
                  .maxStringLength(Json.MAX_STRING_LENGTH)
                  .maxNumberLength(100)
                  .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTree() {}

  /**
   * Parses UTF-8 JSON bytes into a tree.
   *
   * @throws Json.JsonParseFailure when the bytes are not one well-formed JSON value within limits
   */
  public static JsonNode parse(byte[] utf8) {
    try (JsonParser p = FACTORY.createParser(utf8)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new Json.JsonParseFailure("empty JSON document");
      }
      JsonNode node = value(p, first);
      if (p.nextToken() != null) {
        throw new Json.JsonParseFailure(
            "trailing content after the JSON value at offset " + p.currentTokenLocation());
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new Json.JsonParseFailure(e.getOriginalMessage());
    } catch (IOException e) {
      throw new Json.JsonParseFailure(e.getMessage());
    }
  }

  /** Parses JSON that must be an object. */
  public static ObjectNode parseObject(byte[] utf8) {
    JsonNode node = parse(utf8);
    if (!node.isObject()) {
      throw new Json.JsonParseFailure("expected a JSON object, got " + node.getNodeType());
    }
    return (ObjectNode) node;
  }

  private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT:
        ObjectNode o = NODES.objectNode();
        for (JsonToken n = p.nextToken(); n != JsonToken.END_OBJECT; n = p.nextToken()) {
          String name = p.currentName();
          o.set(name, value(p, p.nextToken()));
        }
        return o;
      case START_ARRAY:
        ArrayNode a = NODES.arrayNode();
        for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
          a.add(value(p, n));
        }
        return a;
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return NODES.numberNode(p.getIntValue());
          case LONG:
            return NODES.numberNode(p.getLongValue());
          default:
            return NODES.numberNode(p.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        BigDecimal d = p.getDecimalValue();
        return NODES.numberNode(d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new Json.JsonParseFailure("unexpected JSON token " + t);
    }
  }
}
