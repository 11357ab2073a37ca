package nl.leerbewijs.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * The one Jackson configuration core uses for untrusted JSON.
 *
 * <p>Everything that reaches us from a token, a file or a request is hostile until checked, so the
 * parser ({@link JsonReader}, which builds the same trees as this mapper's {@code readTree}, faster
 * for the small documents of an SD-JWT) is bounded: nesting depth {@value #MAX_DEPTH}, string
 * length {@value #MAX_STRING_LENGTH} characters, number length 100 digits, and duplicate object
 * keys are refused (RFC 9901 and RFC 7519 both require rejecting or at least not silently picking
 * one of two same-named claims).
 */
public final class Json {

  /** Deepest nesting accepted in any JSON document. */
  public static final int MAX_DEPTH = 64;

  /** Longest string value accepted in any JSON document, in characters. */
  public static final int MAX_STRING_LENGTH = 1_000_000;

  /** Longest member name accepted in any JSON document, in characters (Jackson's default). */
  public static final int MAX_NAME_LENGTH = 50_000;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_DEPTH)
                          .maxStringLength(MAX_STRING_LENGTH)
                          .maxNumberLength(100)
                          .build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private Json() {}

  /** The shared, bounded mapper. Thread-safe; do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Parses UTF-8 JSON bytes into a tree.
   *
   * @throws JsonParseFailure when the bytes are not one well-formed JSON value within the limits
   */
  public static JsonNode parse(byte[] utf8) {
    return JsonReader.read(utf8);
  }

  /** Parses a JSON string into a tree. */
  public static JsonNode parse(String json) {
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses JSON that must be an object. */
  public static ObjectNode parseObject(byte[] utf8) {
    JsonNode node = parse(utf8);
    if (!node.isObject()) {
      throw new JsonParseFailure("expected a JSON object, got " + node.getNodeType());
    }
    return (ObjectNode) node;
  }

  /**
   * Compact UTF-8 serialization (no whitespace). JSON trees go through {@link CompactJson}, which
   * writes the same bytes as Jackson without its per-call setup.
   */
  public static byte[] write(Object value) {
    if (value instanceof JsonNode) {
      return CompactJson.write((JsonNode) value);
    }
    return jacksonWrite(value);
  }

  /** Serialization by Jackson itself. */
  static byte[] jacksonWrite(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value cannot be serialized as JSON", e);
    }
  }

  /** A new empty object node. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Malformed JSON: the input is not a well-formed document within our limits. */
  public static final class JsonParseFailure extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public JsonParseFailure(String message) {
      super("malformed JSON: " + message);
    }
  }
}
