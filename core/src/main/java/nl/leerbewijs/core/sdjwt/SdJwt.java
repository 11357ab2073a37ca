package nl.leerbewijs.core.sdjwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import nl.leerbewijs.core.jose.CompactJws;
import nl.leerbewijs.core.jose.JoseParseException;

/**
 * A parsed, <em>unverified</em> SD-JWT in compact serialization (RFC 9901 section 4): {@code
 * <issuer-signed JWT>~<disclosure>~...~<optional key binding JWT>}.
 *
 * <p>Parsing checks form only: the issuer-signed JWT and the key binding JWT are well-formed
 * compact JWS with JSON object payloads, every disclosure is well-formed ({@link
 * Disclosure#parse}), there are no empty parts and no more than {@value #MAX_DISCLOSURES}
 * disclosures in at most {@value #MAX_LENGTH} characters. Nothing here says a signature is valid, a
 * digest referenced or a key trusted; see {@link SdJwtVerifier}.
 */
public final class SdJwt {

  /** Longest SD-JWT accepted, in characters. */
  public static final int MAX_LENGTH = 512 * 1024;

  /** Most disclosures accepted in one SD-JWT. */
  public static final int MAX_DISCLOSURES = 1000;

  private final String text;
  private final int presentedEnd; // index just after the last '~'
  private final CompactJws issuerSigned;
  private final ObjectNode issuerPayload;
  private final List<Disclosure> disclosures;
  private final CompactJws keyBinding; // null when absent
  private final ObjectNode keyBindingPayload;

  private SdJwt(
      String text,
      int presentedEnd,
      CompactJws issuerSigned,
      ObjectNode issuerPayload,
      List<Disclosure> disclosures,
      CompactJws keyBinding,
      ObjectNode keyBindingPayload) {
    this.text = text;
    this.presentedEnd = presentedEnd;
    this.issuerSigned = issuerSigned;
    this.issuerPayload = issuerPayload;
    this.disclosures = Collections.unmodifiableList(disclosures);
    this.keyBinding = keyBinding;
    this.keyBindingPayload = keyBindingPayload;
  }

  /**
   * Parses the compact serialization.
   *
   * @throws SdJwtParseException when the text is not a well-formed SD-JWT; the message names the
   *     offending part
   */
  public static SdJwt parse(String text) throws SdJwtParseException {
    if (text == null || text.isEmpty()) {
      throw new SdJwtParseException("SD-JWT is empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw new SdJwtParseException(
          "SD-JWT is " + text.length() + " characters, more than the limit of " + MAX_LENGTH);
    }
    int first = text.indexOf(SdJwtNames.SEPARATOR);
    if (first < 0) {
      throw new SdJwtParseException("SD-JWT has no '~' separator (a plain JWT is not an SD-JWT)");
    }
    int last = text.lastIndexOf(SdJwtNames.SEPARATOR);
    int count = 0;
    for (int i = first + 1; i < last; i++) {
      if (text.charAt(i) == SdJwtNames.SEPARATOR) {
        count++;
      }
    }
    if (first < last) {
      count++; // parts between the first and the last '~'
    }
    if (count > MAX_DISCLOSURES) {
      throw new SdJwtParseException(
          "SD-JWT has " + count + " disclosures, more than the limit of " + MAX_DISCLOSURES);
    }
    CompactJws issuerSigned = jws(text.substring(0, first), "issuer-signed JWT");
    ObjectNode issuerPayload = payload(issuerSigned, "issuer-signed JWT");
    List<Disclosure> disclosures = new ArrayList<>(count);
    int start = first + 1;
    while (start <= last) {
      int end = text.indexOf(SdJwtNames.SEPARATOR, start);
      int number = disclosures.size() + 1;
      if (end == start) {
        throw new SdJwtParseException("disclosure #" + number + " is empty ('~~')");
      }
      disclosures.add(Disclosure.parse(text.substring(start, end), number));
      start = end + 1;
    }
    CompactJws kb = null;
    ObjectNode kbPayload = null;
    if (last + 1 < text.length()) {
      kb = jws(text.substring(last + 1), "key binding JWT");
      kbPayload = payload(kb, "key binding JWT");
    }
    return new SdJwt(text, last + 1, issuerSigned, issuerPayload, disclosures, kb, kbPayload);
  }

  private static CompactJws jws(String part, String what) throws SdJwtParseException {
    try {
      return CompactJws.parse(part, what);
    } catch (JoseParseException e) {
      throw new SdJwtParseException(e.getMessage());
    }
  }

  private static ObjectNode payload(CompactJws jws, String what) throws SdJwtParseException {
    try {
      return jws.payloadObject();
    } catch (JoseParseException e) {
      throw new SdJwtParseException(what + " " + e.getMessage());
    }
  }

  /** An SD-JWT of the same issuer-signed JWT with other disclosures and no key binding JWT. */
  static SdJwt of(CompactJws issuerSigned, ObjectNode issuerPayload, List<Disclosure> kept) {
    StringBuilder b = new StringBuilder(issuerSigned.compact()).append(SdJwtNames.SEPARATOR);
    for (Disclosure d : kept) {
      b.append(d.encoded()).append(SdJwtNames.SEPARATOR);
    }
    String text = b.toString();
    return new SdJwt(
        text, text.length(), issuerSigned, issuerPayload, new ArrayList<>(kept), null, null);
  }

  /** The issuer-signed JWT (unverified). */
  public CompactJws issuerSigned() {
    return issuerSigned;
  }

  /** The issuer-signed JWT payload with digests in place (unverified), a defensive copy. */
  public ObjectNode issuerPayload() {
    return issuerPayload.deepCopy();
  }

  ObjectNode issuerPayloadUnsafe() {
    return issuerPayload;
  }

  /**
   * One top-level claim of the issuer-signed JWT payload as signed (unverified), or null when
   * absent; a defensive copy, which costs nothing for strings and numbers. Cheaper than {@link
   * #issuerPayload()} when only a few claims are needed.
   */
  public JsonNode issuerClaim(String name) {
    JsonNode v = issuerPayload.get(name);
    return v == null ? null : v.deepCopy();
  }

  /** The disclosures in the order received. */
  public List<Disclosure> disclosures() {
    return disclosures;
  }

  /** The key binding JWT (unverified), if present. */
  public Optional<CompactJws> keyBinding() {
    return Optional.ofNullable(keyBinding);
  }

  /** The key binding JWT payload (unverified), if present; a defensive copy. */
  public Optional<ObjectNode> keyBindingPayload() {
    return Optional.ofNullable(keyBindingPayload).map(ObjectNode::deepCopy);
  }

  ObjectNode keyBindingPayloadUnsafe() {
    return keyBindingPayload;
  }

  /**
   * The SD-JWT without its key binding JWT, up to and including the last {@code ~}: the exact text
   * that {@code sd_hash} covers (RFC 9901 section 4.3.1).
   */
  public String withoutKeyBinding() {
    return text.substring(0, presentedEnd);
  }

  /**
   * The {@code sd_hash} of this presentation: base64url(SHA-256) of {@link #withoutKeyBinding()},
   * hashed where it lies, without the two copies (substring and bytes) of a few kilobytes.
   */
  String presentedDigest() {
    return Sha256.digestAsciiPrefix(text, presentedEnd);
  }

  /**
   * {@link #presentedDigest()}, hashing on from {@code afterSigningInput}, which holds the SHA-256
   * state after the issuer-signed JWT's signing input (as {@code JwsVerifier.verifyHashingWith}
   * leaves it): those first 2 kB are not hashed twice.
   */
  String presentedDigest(MessageDigest afterSigningInput) {
    return Sha256.finish(afterSigningInput, text, issuerSigned.signingInputLength(), presentedEnd);
  }

  /** The compact serialization exactly as parsed or built. */
  public String serialize() {
    return text;
  }

  @Override
  public String toString() {
    // Never the token: it carries personal data.
    return "SdJwt["
        + issuerSigned
        + ", disclosures="
        + disclosures.size()
        + ", keyBinding="
        + (keyBinding != null)
        + "]";
  }
}
