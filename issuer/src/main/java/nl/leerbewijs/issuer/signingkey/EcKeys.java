package nl.leerbewijs.issuer.signingkey;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.json.Base64Url;

/** P-256 key generation, JWK form and RFC 7638 thumbprints, all through core's JCA provider. */
final class EcKeys {
  static final String ALG_ES256 = "ES256";
  private static final int P256_COORDINATE = 32;

  private EcKeys() {}

  static KeyPair generateP256() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC", CryptoProvider.get());
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a P-256 key: " + e, e);
    }
  }

  static PrivateKey privateKeyFromPkcs8(byte[] der) {
    try {
      return KeyFactory.getInstance("EC", CryptoProvider.get())
          .generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new KeyDecryptionException("stored private key is not a valid PKCS#8 EC key");
    }
  }

  /** The required members of a P-256 public JWK, in RFC 7638's lexicographic order. */
  static JsonObject publicJwk(ECPublicKey key) {
    return new JsonObject()
        .put("crv", "P-256")
        .put("kty", "EC")
        .put("x", coordinate(key.getW().getAffineX()))
        .put("y", coordinate(key.getW().getAffineY()));
  }

  /** RFC 7638 thumbprint (SHA-256, base64url) of a P-256 public key. */
  static String thumbprint(ECPublicKey key) {
    JsonObject jwk = publicJwk(key);
    String canonical =
        "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\""
            + jwk.getString("x")
            + "\",\"y\":\""
            + jwk.getString("y")
            + "\"}";
    try {
      return Base64Url.encode(
          MessageDigest.getInstance("SHA-256", CryptoProvider.get())
              .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String coordinate(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[P256_COORDINATE];
    if (raw.length > P256_COORDINATE) {
      raw = Arrays.copyOfRange(raw, raw.length - P256_COORDINATE, raw.length);
    }
    System.arraycopy(raw, 0, out, P256_COORDINATE - raw.length, raw.length);
    return Base64Url.encode(out);
  }
}
