package nl.leerbewijs.core.keys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.KeySpec;
import java.util.Objects;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.json.Base64Url;
import nl.leerbewijs.core.json.Json;

/**
 * EC P-256 key utilities: generation, RFC 7638 thumbprints (our {@code kid}), and conversion
 * between keys and public JWKs (RFC 7517 / RFC 7518 section 6.2).
 *
 * <p>Every key is created through {@link CryptoProvider#get()}; when that provider refuses a key
 * specification, BouncyCastle's provider object is used instead (never SunEC).
 */
public final class EcKeys {

  /** The JWS algorithm for P-256 keys. */
  public static final String ES256 = "ES256";

  private EcKeys() {}

  /** A fresh P-256 key pair from {@link CryptoProvider#get()}. */
  public static KeyPair generateP256() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC", CryptoProvider.get());
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 key generation unavailable", e);
    }
  }

  /**
   * The RFC 7638 JWK thumbprint of a P-256 public key: base64url(SHA-256 of {@code
   * {"crv":"P-256","kty":"EC","x":...,"y":...}}). leerbewijs uses it as {@code kid}.
   */
  public static String thumbprint(ECPublicKey key) {
    requireP256(key);
    String canonical =
        "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\""
            + Base64Url.encode(P256.fixed(key.getW().getAffineX()))
            + "\",\"y\":\""
            + Base64Url.encode(P256.fixed(key.getW().getAffineY()))
            + "\"}";
    return Base64Url.encode(
        CryptoProvider.sha256().digest(canonical.getBytes(StandardCharsets.US_ASCII)));
  }

  /**
   * The public JWK of a P-256 key, with {@code kid}, {@code use: sig} and {@code alg: ES256}.
   *
   * @param kid the key id; {@code null} means the RFC 7638 thumbprint
   */
  public static ObjectNode toPublicJwk(ECPublicKey key, String kid) {
    requireP256(key);
    ObjectNode jwk = Json.object();
    jwk.put("kty", "EC");
    jwk.put("crv", "P-256");
    jwk.put("x", Base64Url.encode(P256.fixed(key.getW().getAffineX())));
    jwk.put("y", Base64Url.encode(P256.fixed(key.getW().getAffineY())));
    jwk.put("kid", kid == null ? thumbprint(key) : kid);
    jwk.put("use", "sig");
    jwk.put("alg", ES256);
    return jwk;
  }

  /** {@link #toPublicJwk} as compact JSON text. */
  public static String toPublicJwkJson(ECPublicKey key, String kid) {
    return new String(Json.write(toPublicJwk(key, kid)), StandardCharsets.UTF_8);
  }

  /**
   * Reads a public JWK (EC, P-256, no private members).
   *
   * @throws KeyFormatException when the JWK is malformed, not P-256, or holds a private key
   */
  public static ECPublicKey fromPublicJwkJson(String json) {
    return KeyLoader.publicKeyFromJwk(json);
  }

  /** The public key belonging to a P-256 private key (computes d*G). */
  public static ECPublicKey publicKeyOf(ECPrivateKey key) {
    requireP256(key);
    return publicKey(P256.publicPoint(key.getS()));
  }

  /** Whether two P-256 public keys are the same point. */
  public static boolean samePublicKey(ECPublicKey a, ECPublicKey b) {
    return P256.is(a) && P256.is(b) && a.getW().equals(b.getW());
  }

  /** The key as uncompressed SEC1 point bytes (0x04 || x || y). */
  public static byte[] uncompressedPoint(ECPublicKey key) {
    requireP256(key);
    byte[] out = new byte[1 + 2 * P256.FIELD_BYTES];
    out[0] = 0x04;
    System.arraycopy(P256.fixed(key.getW().getAffineX()), 0, out, 1, P256.FIELD_BYTES);
    System.arraycopy(
        P256.fixed(key.getW().getAffineY()), 0, out, 1 + P256.FIELD_BYTES, P256.FIELD_BYTES);
    return out;
  }

  /**
   * Whether (x, y), 32-byte big-endian unsigned coordinates, is a point on P-256 (a finite point;
   * the cofactor is 1, so it is also in the group); coordinates of another length are not. The one
   * point check of core, on BouncyCastle's fixed-size P-256 field arithmetic straight from the
   * bytes, which matters when every presentation brings a holder key.
   */
  public static boolean isOnP256(byte[] x, byte[] y) {
    return P256.onCurve(x, y);
  }

  /** Whether the key is an EC key on P-256. */
  public static boolean isP256(java.security.Key key) {
    return key instanceof java.security.interfaces.ECKey
        && P256.is((java.security.interfaces.ECKey) key);
  }

  // --- package-private construction helpers, shared with KeyLoader ---

  /** A public key for a point already validated to lie on P-256. */
  static ECPublicKey publicKey(ECPoint w) {
    if (!P256.onCurve(w.getAffineX(), w.getAffineY())) {
      throw new IllegalArgumentException("point not on P-256");
    }
    return (ECPublicKey) generate(new ECPublicKeySpec(w, P256.SPEC), true);
  }

  /** A private key for a scalar already validated to be in [1, n). */
  static ECPrivateKey privateKey(BigInteger d) {
    if (!P256.validScalar(d)) {
      throw new IllegalArgumentException("scalar out of range");
    }
    return (ECPrivateKey) generate(new ECPrivateKeySpec(d, P256.SPEC), false);
  }

  private static java.security.Key generate(KeySpec spec, boolean isPublic) {
    Provider preferred = CryptoProvider.get();
    try {
      return generate(spec, isPublic, preferred);
    } catch (GeneralSecurityException | RuntimeException first) {
      Provider bc = CryptoProvider.of(CryptoProvider.Kind.BOUNCY_CASTLE);
      if (preferred == bc) {
        throw new IllegalStateException("EC KeyFactory refused a validated P-256 key", first);
      }
      try {
        return generate(spec, isPublic, bc);
      } catch (GeneralSecurityException | RuntimeException second) {
        throw new IllegalStateException("EC KeyFactory refused a validated P-256 key", second);
      }
    }
  }

  private static java.security.Key generate(KeySpec spec, boolean isPublic, Provider p)
      throws GeneralSecurityException {
    KeyFactory f = KeyFactory.getInstance("EC", p);
    return isPublic ? f.generatePublic(spec) : f.generatePrivate(spec);
  }

  private static void requireP256(java.security.interfaces.ECKey key) {
    Objects.requireNonNull(key, "key");
    if (!P256.is(key)) {
      throw new IllegalArgumentException("not a P-256 key");
    }
  }
}
