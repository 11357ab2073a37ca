package nl.leerbewijs.core.sdjwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.Curve;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.json.Base64Url;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.json.Utf8JsonWriter;
import nl.leerbewijs.core.keys.EcKeys;

/**
 * EC P-256 public keys as JWK (RFC 7517, RFC 7518 section 6.2), the form of {@code cnf.jwk} (RFC
 * 7800). Only {@code kty}, {@code crv}, {@code x} and {@code y} are written; on reading, a {@code
 * d} member (private key) is refused, coordinates must be exactly 32 bytes and the point must lie
 * on the curve.
 */
public final class EcPublicJwk {

  private static final ECParameterSpec P256 = Curve.P_256.toECParameterSpec();
  private static final int COORDINATE_BYTES = 32;

  /**
   * DER of SubjectPublicKeyInfo up to the point: SEQUENCE { SEQUENCE { id-ecPublicKey, prime256v1
   * }, BIT STRING (0 unused bits) of 65 bytes } (RFC 5480).
   */
  private static final byte[] SPKI_PREFIX = {
    0x30,
    0x59,
    0x30,
    0x13,
    0x06,
    0x07,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0xce,
    0x3d,
    0x02,
    0x01,
    0x06,
    0x08,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0xce,
    0x3d,
    0x03,
    0x01,
    0x07,
    0x03,
    0x42,
    0x00
  };

  private static final String NATIVE_KEY_PACKAGE = "com.amazon.corretto.crypto.provider.";

  private static final ThreadLocal<KeyFactory> KEY_FACTORY =
      ThreadLocal.withInitial(
          () -> {
            try {
              return KeyFactory.getInstance("EC", CryptoProvider.get());
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("EC keys are not available", e);
            }
          });

  private EcPublicJwk() {}

  /**
   * The minimal public JWK of a P-256 key: {@code {"kty":"EC","crv":"P-256","x":...,"y":...}}.
   *
   * @throws IllegalArgumentException when the key is not on P-256
   */
  public static ObjectNode toJwk(ECPublicKey key) {
    byte[] point = uncompressedPoint(key);
    ObjectNode jwk = Json.object();
    jwk.put(SdJwtNames.KTY, SdJwtNames.KTY_EC);
    jwk.put(SdJwtNames.CRV, SdJwtNames.CRV_P256);
    jwk.put(SdJwtNames.X, Base64Url.encode(Arrays.copyOfRange(point, 1, 1 + COORDINATE_BYTES)));
    jwk.put(SdJwtNames.Y, Base64Url.encode(Arrays.copyOfRange(point, 1 + COORDINATE_BYTES, 65)));
    return jwk;
  }

  /**
   * Writes the JWK of {@link #toJwk} as JSON, the same members in the same order, without building
   * a tree first (issuance writes one per credential).
   *
   * @throws IllegalArgumentException when the key is not on P-256
   */
  public static void writeJwk(ECPublicKey key, Utf8JsonWriter out) {
    byte[] point = uncompressedPoint(key);
    out.raw('{').name(SdJwtNames.KTY).string(SdJwtNames.KTY_EC);
    out.comma().name(SdJwtNames.CRV).string(SdJwtNames.CRV_P256);
    out.comma().name(SdJwtNames.X).raw('"').base64Url(point, 1, COORDINATE_BYTES).raw('"');
    out.comma().name(SdJwtNames.Y).raw('"');
    out.base64Url(point, 1 + COORDINATE_BYTES, COORDINATE_BYTES).raw('"').raw('}');
  }

  /** The key's point as {@code 0x04 || x || y}, 65 bytes. */
  private static byte[] uncompressedPoint(ECPublicKey key) {
    if (!P256.getOrder().equals(key.getParams().getOrder())) {
      throw new IllegalArgumentException("holder key is not a P-256 key");
    }
    // The native provider computes getW() through a native call but keeps its encoding at hand;
    // BouncyCastle and the JDK hold the point and re-encode on getEncoded(). Take the cheap one.
    byte[] spki = key.getClass().getName().startsWith(NATIVE_KEY_PACKAGE) ? key.getEncoded() : null;
    if (spki != null
        && spki.length == SPKI_PREFIX.length + 1 + 2 * COORDINATE_BYTES
        && Arrays.equals(spki, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)
        && spki[SPKI_PREFIX.length] == 0x04) {
      // The usual named-curve encoding: the point is at the end.
      return Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length);
    }
    ECPoint w = key.getW();
    byte[] point = new byte[1 + 2 * COORDINATE_BYTES];
    point[0] = 0x04;
    System.arraycopy(unsigned(w.getAffineX()), 0, point, 1, COORDINATE_BYTES);
    System.arraycopy(unsigned(w.getAffineY()), 0, point, 1 + COORDINATE_BYTES, COORDINATE_BYTES);
    return point;
  }

  /**
   * Reads a P-256 public JWK.
   *
   * @throws IllegalArgumentException naming what is wrong (never echoing key material)
   */
  public static ECPublicKey fromJwk(JsonNode jwk) {
    return fromSubjectPublicKeyInfo(validatedSubjectPublicKeyInfo(jwk));
  }

  /**
   * Every check of {@link #fromJwk} except the provider's import: the key's X.509
   * SubjectPublicKeyInfo, to import later with {@link #fromSubjectPublicKeyInfo}.
   *
   * @throws IllegalArgumentException as {@link #fromJwk}
   */
  static byte[] validatedSubjectPublicKeyInfo(JsonNode jwk) {
    if (jwk == null || !jwk.isObject()) {
      throw new IllegalArgumentException("jwk is not a JSON object");
    }
    if (jwk.has(SdJwtNames.D)) {
      throw new IllegalArgumentException("jwk contains private key material ('d')");
    }
    if (!SdJwtNames.KTY_EC.equals(text(jwk, SdJwtNames.KTY))) {
      throw new IllegalArgumentException("jwk 'kty' is not 'EC'");
    }
    if (!SdJwtNames.CRV_P256.equals(text(jwk, SdJwtNames.CRV))) {
      throw new IllegalArgumentException("jwk 'crv' is not 'P-256'");
    }
    byte[] xb = coordinate(jwk, SdJwtNames.X);
    byte[] yb = coordinate(jwk, SdJwtNames.Y);
    if (!EcKeys.isOnP256(xb, yb)) {
      throw new IllegalArgumentException("jwk point is not on the P-256 curve");
    }
    // The provider imports the key from its X.509 SubjectPublicKeyInfo encoding, which for a
    // named curve is a fixed prefix and the uncompressed point: cheaper than from an
    // ECPublicKeySpec, whose explicit curve parameters it would first re-encode.
    byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + 1 + 2 * COORDINATE_BYTES);
    spki[SPKI_PREFIX.length] = 0x04; // uncompressed point
    System.arraycopy(xb, 0, spki, SPKI_PREFIX.length + 1, COORDINATE_BYTES);
    System.arraycopy(yb, 0, spki, SPKI_PREFIX.length + 1 + COORDINATE_BYTES, COORDINATE_BYTES);
    return spki;
  }

  /** Imports a key checked by {@link #validatedSubjectPublicKeyInfo} into the crypto provider. */
  static ECPublicKey fromSubjectPublicKeyInfo(byte[] spki) {
    try {
      PublicKey key = KEY_FACTORY.get().generatePublic(new X509EncodedKeySpec(spki));
      if (!(key instanceof ECPublicKey)) {
        throw new IllegalArgumentException("jwk is not a usable EC public key");
      }
      return (ECPublicKey) key;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("jwk is not a usable EC public key");
    }
  }

  private static String text(JsonNode jwk, String name) {
    JsonNode v = jwk.get(name);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  private static byte[] coordinate(JsonNode jwk, String name) {
    String s = text(jwk, name);
    if (s == null) {
      throw new IllegalArgumentException("jwk '" + name + "' is missing or not a string");
    }
    byte[] b;
    try {
      b = Base64Url.decode(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("jwk '" + name + "' is not base64url");
    }
    if (b.length != COORDINATE_BYTES) {
      throw new IllegalArgumentException(
          "jwk '" + name + "' is " + b.length + " bytes, expected " + COORDINATE_BYTES);
    }
    return b;
  }

  private static byte[] unsigned(BigInteger v) {
    byte[] b = v.toByteArray();
    if (b.length == COORDINATE_BYTES) {
      return b;
    }
    if (b.length > COORDINATE_BYTES) {
      return Arrays.copyOfRange(b, b.length - COORDINATE_BYTES, b.length);
    }
    byte[] out = new byte[COORDINATE_BYTES];
    System.arraycopy(b, 0, out, COORDINATE_BYTES - b.length, b.length);
    return out;
  }
}
