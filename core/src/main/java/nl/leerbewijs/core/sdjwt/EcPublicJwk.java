package nl.leerbewijs.core.sdjwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.Curve;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.json.Base64Url;
import nl.leerbewijs.core.json.Json;

/**
 * EC P-256 public keys as JWK (RFC 7517, RFC 7518 section 6.2), the form of {@code cnf.jwk} (RFC
 * 7800). Only {@code kty}, {@code crv}, {@code x} and {@code y} are written; on reading, a {@code
 * d} member (private key) is refused, coordinates must be exactly 32 bytes and the point must lie
 * on the curve.
 */
public final class EcPublicJwk {

  private static final ECParameterSpec P256 = Curve.P_256.toECParameterSpec();
  private static final int COORDINATE_BYTES = 32;

  private EcPublicJwk() {}

  /**
   * The minimal public JWK of a P-256 key: {@code {"kty":"EC","crv":"P-256","x":...,"y":...}}.
   *
   * @throws IllegalArgumentException when the key is not on P-256
   */
  public static ObjectNode toJwk(ECPublicKey key) {
    if (!P256.getOrder().equals(key.getParams().getOrder())) {
      throw new IllegalArgumentException("holder key is not a P-256 key");
    }
    ObjectNode jwk = Json.object();
    jwk.put(SdJwtNames.KTY, SdJwtNames.KTY_EC);
    jwk.put(SdJwtNames.CRV, SdJwtNames.CRV_P256);
    jwk.put(SdJwtNames.X, Base64Url.encode(unsigned(key.getW().getAffineX())));
    jwk.put(SdJwtNames.Y, Base64Url.encode(unsigned(key.getW().getAffineY())));
    return jwk;
  }

  /**
   * Reads a P-256 public JWK.
   *
   * @throws IllegalArgumentException naming what is wrong (never echoing key material)
   */
  public static ECPublicKey fromJwk(JsonNode jwk) {
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
    BigInteger x = coordinate(jwk, SdJwtNames.X);
    BigInteger y = coordinate(jwk, SdJwtNames.Y);
    BigInteger p = ((ECFieldFp) P256.getCurve().getField()).getP();
    if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      throw new IllegalArgumentException("jwk coordinates are not field elements");
    }
    BigInteger lhs = y.multiply(y).mod(p);
    BigInteger rhs =
        x.pow(3).add(P256.getCurve().getA().multiply(x)).add(P256.getCurve().getB()).mod(p);
    if (!lhs.equals(rhs)) {
      throw new IllegalArgumentException("jwk point is not on the P-256 curve");
    }
    try {
      KeyFactory kf = KeyFactory.getInstance("EC", CryptoProvider.get());
      return (ECPublicKey) kf.generatePublic(new ECPublicKeySpec(new ECPoint(x, y), P256));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("jwk is not a usable EC public key");
    }
  }

  private static String text(JsonNode jwk, String name) {
    JsonNode v = jwk.get(name);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  private static BigInteger coordinate(JsonNode jwk, String name) {
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
    return new BigInteger(1, b);
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
