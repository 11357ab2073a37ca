package nl.leerbewijs.core.jose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import nl.leerbewijs.core.json.Base64Url;
import nl.leerbewijs.core.json.Json;

/**
 * A parsed, <em>unverified</em> JWS in compact serialization (RFC 7515 section 7.1).
 *
 * <p>Parsing checks only form: three base64url parts, a header that is a JSON object with a string
 * {@code alg}, no {@code crit} (we implement no critical extensions, so RFC 7515 section 4.1.11
 * requires rejecting any). Nothing here says the signature is good or the key trusted; see {@link
 * JwsVerifier}.
 */
public final class CompactJws {

  /** Longest compact JWS accepted, in characters. */
  public static final int MAX_LENGTH = 256 * 1024;

  private final String compact;
  private final int firstDot;
  private final int secondDot;
  private final ObjectNode header;
  private final byte[] payload;
  private final byte[] signature;

  private CompactJws(
      String compact,
      int firstDot,
      int secondDot,
      ObjectNode header,
      byte[] payload,
      byte[] signature) {
    this.compact = compact;
    this.firstDot = firstDot;
    this.secondDot = secondDot;
    this.header = header;
    this.payload = payload;
    this.signature = signature;
  }

  /**
   * Parses a compact JWS.
   *
   * @param what names the object in error messages, e.g. "issuer-signed JWT"
   * @throws JoseParseException when the text is not a well-formed compact JWS
   */
  public static CompactJws parse(String compact, String what) throws JoseParseException {
    if (compact == null || compact.isEmpty()) {
      throw new JoseParseException(what + " is empty");
    }
    if (compact.length() > MAX_LENGTH) {
      throw new JoseParseException(
          what + " is " + compact.length() + " characters, more than the limit of " + MAX_LENGTH);
    }
    int first = compact.indexOf('.');
    int second = first < 0 ? -1 : compact.indexOf('.', first + 1);
    if (first < 0 || second < 0 || compact.indexOf('.', second + 1) >= 0) {
      throw new JoseParseException(
          what + " is not a compact JWS: expected three parts separated by '.'");
    }
    ObjectNode header;
    byte[] payload;
    byte[] signature;
    // One byte copy of the whole text serves all three parts. A character above U+00FF (which
    // ISO-8859-1 turns into '?', a surrogate pair into one '?') shifts the positions: then each
    // part is decoded from its own substring, so error messages still count in characters.
    byte[] ascii = compact.getBytes(StandardCharsets.ISO_8859_1);
    boolean exact = ascii.length == compact.length();
    try {
      header =
          Json.parseObject(
              exact
                  ? Base64Url.decode(ascii, 0, first)
                  : Base64Url.decode(compact.substring(0, first)));
    } catch (IllegalArgumentException e) {
      throw new JoseParseException(what + " header is not valid: " + e.getMessage());
    }
    try {
      payload =
          exact
              ? Base64Url.decode(ascii, first + 1, second - first - 1)
              : Base64Url.decode(compact.substring(first + 1, second));
      signature =
          exact
              ? Base64Url.decode(ascii, second + 1, ascii.length - second - 1)
              : Base64Url.decode(compact.substring(second + 1));
    } catch (IllegalArgumentException e) {
      throw new JoseParseException(what + " payload or signature: " + e.getMessage());
    }
    JsonNode alg = header.get(JoseHeaderNames.ALG);
    if (alg == null || !alg.isTextual()) {
      throw new JoseParseException(what + " header has no string 'alg'");
    }
    if (header.has(JoseHeaderNames.CRIT)) {
      throw new JoseParseException(
          what + " header has 'crit', which this implementation does not support");
    }
    JsonNode typ = header.get(JoseHeaderNames.TYP);
    if (typ != null && !typ.isTextual()) {
      throw new JoseParseException(what + " header 'typ' is not a string");
    }
    JsonNode kid = header.get(JoseHeaderNames.KID);
    if (kid != null && !kid.isTextual()) {
      throw new JoseParseException(what + " header 'kid' is not a string");
    }
    return new CompactJws(compact, first, second, header, payload, signature);
  }

  /** The original compact text. */
  public String compact() {
    return compact;
  }

  /** The protected header, a defensive copy. */
  public ObjectNode header() {
    return header.deepCopy();
  }

  public String alg() {
    return header.get(JoseHeaderNames.ALG).asText();
  }

  /** The {@code typ} header, or null. */
  public String typ() {
    JsonNode t = header.get(JoseHeaderNames.TYP);
    return t == null ? null : t.asText();
  }

  /** The {@code kid} header, or null. */
  public String kid() {
    JsonNode k = header.get(JoseHeaderNames.KID);
    return k == null ? null : k.asText();
  }

  /**
   * The {@code x5c} header as base64 (not base64url) DER certificates, leaf first; empty when
   * absent.
   *
   * @throws JoseParseException when x5c is present but not an array of strings
   */
  public List<String> x5c() throws JoseParseException {
    JsonNode x = header.get(JoseHeaderNames.X5C);
    if (x == null) {
      return List.of();
    }
    if (!x.isArray() || x.isEmpty()) {
      throw new JoseParseException("header 'x5c' is not a non-empty array");
    }
    List<String> out = new ArrayList<>(x.size());
    for (JsonNode c : x) {
      if (!c.isTextual()) {
        throw new JoseParseException("header 'x5c' has a non-string element");
      }
      out.add(c.asText());
    }
    return Collections.unmodifiableList(out);
  }

  /** Whether the header names a parameter (used to refuse {@code jwk}, {@code jku}, ...). */
  public boolean hasHeader(String name) {
    return header.has(name);
  }

  /** The decoded payload bytes, a copy. */
  public byte[] payload() {
    return payload.clone();
  }

  /**
   * The payload parsed as a JSON object (JWT claims set).
   *
   * @throws JoseParseException when the payload is not a JSON object
   */
  public ObjectNode payloadObject() throws JoseParseException {
    try {
      return Json.parseObject(payload);
    } catch (IllegalArgumentException e) {
      throw new JoseParseException("payload is not a JSON object: " + e.getMessage());
    }
  }

  /** The decoded signature bytes, a copy. */
  public byte[] signature() {
    return signature.clone();
  }

  byte[] signatureUnsafe() {
    return signature;
  }

  /** The ASCII bytes the signature covers: {@code BASE64URL(header) '.' BASE64URL(payload)}. */
  public byte[] signingInput() {
    return compact.substring(0, secondDot).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The length of {@link #signingInput()}, which is also where it sits: at the start of {@link
   * #compact()}.
   */
  public int signingInputLength() {
    return secondDot;
  }

  /** The base64url header part as sent. */
  public String encodedHeader() {
    return compact.substring(0, firstDot);
  }

  /** The base64url payload part as sent. */
  public String encodedPayload() {
    return compact.substring(firstDot + 1, secondDot);
  }

  @Override
  public String toString() {
    // Never the token itself: it may carry personal data.
    return "CompactJws[alg=" + alg() + ", typ=" + typ() + ", kid=" + kid() + "]";
  }
}
