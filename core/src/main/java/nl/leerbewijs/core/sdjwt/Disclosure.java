package nl.leerbewijs.core.sdjwt;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import nl.leerbewijs.core.json.Base64Url;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.json.Utf8JsonWriter;

/**
 * One disclosure (RFC 9901 section 4.2): the base64url text of {@code [salt, name, value]} for an
 * object property or {@code [salt, value]} for an array element, and its sha-256 digest.
 *
 * <p>The text is kept exactly as created or received: the digest is over that text, never over a
 * re-serialization. Immutable. {@link #toString()} never shows salt or value.
 */
public final class Disclosure {

  private final String salt;
  private final String claimName; // null for an array element
  private final JsonNode value;
  private final String encoded;
  private final String digest;

  private Disclosure(String salt, String claimName, JsonNode value, String encoded) {
    this(salt, claimName, value, encoded, Sha256.digest(encoded));
  }

  private Disclosure(String salt, String claimName, JsonNode value, String encoded, String digest) {
    this.salt = salt;
    this.claimName = claimName;
    this.value = value;
    this.encoded = encoded;
    this.digest = digest;
  }

  /**
   * Creates a disclosure for an object property.
   *
   * @throws IllegalArgumentException when the name is {@code _sd} or {@code ...}
   */
  public static Disclosure create(
      String salt, String claimName, JsonNode value, DisclosureFormat format) {
    Objects.requireNonNull(claimName, "claimName");
    Objects.requireNonNull(value, "value");
    return createOwned(salt, claimName, value.deepCopy(), format);
  }

  /** Creates a disclosure for an array element. */
  public static Disclosure createArrayElement(
      String salt, JsonNode value, DisclosureFormat format) {
    Objects.requireNonNull(value, "value");
    return createOwned(salt, null, value.deepCopy(), format);
  }

  /**
   * As {@link #create} ({@code claimName} null: {@link #createArrayElement}), taking ownership of
   * {@code value} instead of copying it: the caller must not modify it afterwards.
   */
  static Disclosure createOwned(
      String salt, String claimName, JsonNode value, DisclosureFormat format) {
    Objects.requireNonNull(salt, "salt");
    Objects.requireNonNull(value, "value");
    if (claimName != null) {
      requireAllowedName(claimName);
    }
    Utf8JsonWriter json =
        format == DisclosureFormat.SPACED_ASCII
            ? Utf8JsonWriter.spacedAscii()
            : Utf8JsonWriter.compact(128);
    json.raw('[').string(salt).comma();
    if (claimName != null) {
      json.string(claimName).comma();
    }
    json.value(value).raw(']');
    String encoded =
        Utf8JsonWriter.compact(json.length() / 3 * 4 + 4)
            .base64Url(json.buffer(), 0, json.length())
            .asciiString();
    return new Disclosure(salt, claimName, value, encoded);
  }

  /**
   * Parses one disclosure as received.
   *
   * @param what names it in messages, e.g. "disclosure #2"
   * @throws SdJwtParseException when it is not base64url of a JSON array of 2 or 3 elements with a
   *     string salt and, for 3, a string claim name other than {@code _sd} and {@code ...}
   */
  public static Disclosure parse(String encoded, String what) throws SdJwtParseException {
    return parse(encoded, what, 0);
  }

  /**
   * As {@link #parse(String, String)} for the {@code number}th disclosure of an SD-JWT, named
   * "disclosure #number" in messages. The name is built only for a message: one string per
   * disclosure per verification is otherwise garbage.
   */
  static Disclosure parse(String encoded, int number) throws SdJwtParseException {
    return parse(encoded, null, number);
  }

  private static String label(String what, int number) {
    return what != null ? what : "disclosure #" + number;
  }

  private static Disclosure parse(String encoded, String what, int number)
      throws SdJwtParseException {
    if (encoded == null || encoded.isEmpty()) {
      throw new SdJwtParseException(label(what, number) + " is empty");
    }
    // One copy of the text as bytes serves both the decoding and the digest.
    byte[] ascii = encoded.getBytes(StandardCharsets.ISO_8859_1);
    JsonNode node;
    try {
      node =
          Json.parse(
              ascii.length == encoded.length()
                  ? Base64Url.decode(ascii, 0, ascii.length)
                  : Base64Url.decode(encoded)); // characters above U+00FF: let it name one
    } catch (IllegalArgumentException e) {
      throw new SdJwtParseException(
          label(what, number) + " is not base64url JSON: " + e.getMessage());
    }
    if (!node.isArray() || (node.size() != 2 && node.size() != 3)) {
      throw new SdJwtParseException(
          label(what, number) + " is not a JSON array of 2 or 3 elements");
    }
    if (!node.get(0).isTextual()) {
      throw new SdJwtParseException(label(what, number) + " salt is not a string");
    }
    String name = null;
    if (node.size() == 3) {
      if (!node.get(1).isTextual()) {
        throw new SdJwtParseException(label(what, number) + " claim name is not a string");
      }
      name = node.get(1).textValue();
      if (name.length() > Json.MAX_NAME_LENGTH) {
        // Disclosed, it becomes a member name: held to the limit every JSON object is held to,
        // so the claims and the report built from them stay readable by our own reader.
        throw new SdJwtParseException(
            label(what, number)
                + " claim name is longer than "
                + Json.MAX_NAME_LENGTH
                + " characters");
      }
      if (isReservedName(name)) {
        throw new SdJwtParseException(
            label(what, number)
                + " uses the reserved claim name '"
                + name
                + "' (RFC 9901 section 7.1)");
      }
    }
    return new Disclosure(
        node.get(0).textValue(), name, node.get(node.size() - 1), encoded, Sha256.digest(ascii));
  }

  /** Whether a name may never be disclosed: {@code _sd} and {@code ...}. */
  static boolean isReservedName(String name) {
    return SdJwtNames.SD.equals(name) || SdJwtNames.ARRAY_ELEMENT_DIGEST.equals(name);
  }

  private static void requireAllowedName(String name) {
    if (isReservedName(name)) {
      throw new IllegalArgumentException("claim name '" + name + "' is reserved by RFC 9901");
    }
  }

  public String salt() {
    return salt;
  }

  /** The claim name, or empty for an array element disclosure. */
  public Optional<String> claimName() {
    return Optional.ofNullable(claimName);
  }

  public boolean isArrayElement() {
    return claimName == null;
  }

  /** The disclosed value, a defensive copy. */
  public JsonNode value() {
    return value.deepCopy();
  }

  JsonNode valueUnsafe() {
    return value;
  }

  /** The base64url text exactly as created or received. */
  public String encoded() {
    return encoded;
  }

  /** base64url(SHA-256(ASCII(encoded))), RFC 9901 section 4.2.3. */
  public String digest() {
    return digest;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Disclosure && ((Disclosure) o).encoded.equals(encoded);
  }

  @Override
  public int hashCode() {
    return encoded.hashCode();
  }

  @Override
  public String toString() {
    return isArrayElement()
        ? "Disclosure[array element, digest=" + digest + "]"
        : "Disclosure[claim=" + claimName + ", digest=" + digest + "]";
  }
}
