package nl.leerbewijs.core.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class EcKeysTest {

  @Test
  void generateP256_usesConfiguredProviderAndCurve() {
    KeyPair kp = EcKeys.generateP256();
    assertTrue(EcKeys.isP256(kp.getPublic()));
    assertTrue(EcKeys.isP256(kp.getPrivate()));
    assertFalse(EcKeys.isP256(TestPki.ec("secp384r1").getPublic()));
    assertFalse(kp.getPrivate().getClass().getName().startsWith("sun.security.ec"), "never SunEC");
  }

  @Test
  void thumbprint_equalsNimbusRfc7638Thumbprint() throws Exception {
    for (int i = 0; i < 20; i++) { // covers coordinates with leading zero bytes now and then
      ECPublicKey pub = (ECPublicKey) EcKeys.generateP256().getPublic();
      String nimbus = new ECKey.Builder(Curve.P_256, pub).build().computeThumbprint().toString();
      assertEquals(nimbus, EcKeys.thumbprint(pub));
    }
  }

  @Test
  void thumbprint_rfc7517AppendixA1Key_isStable() {
    // RFC 7517 appendix A.1 key; thumbprint per RFC 7638 section 3 computed over crv, kty, x, y.
    ECPublicKey key =
        KeyLoader.publicKeyFromJwk(
            "{\"kty\":\"EC\",\"crv\":\"P-256\","
                + "\"x\":\"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4\","
                + "\"y\":\"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM\"}");
    assertEquals("cn-I_WNMClehiVp51i_0VpOENW1upEerA8sEam5hn-s", EcKeys.thumbprint(key));
  }

  @Test
  void toPublicJwk_roundTrips_andHasNoPrivateMember() {
    ECPublicKey pub = (ECPublicKey) EcKeys.generateP256().getPublic();
    ObjectNode jwk = EcKeys.toPublicJwk(pub, null);

    assertEquals(EcKeys.thumbprint(pub), jwk.get("kid").asText());
    assertEquals("ES256", jwk.get("alg").asText());
    assertFalse(jwk.has("d"));
    assertTrue(EcKeys.samePublicKey(pub, EcKeys.fromPublicJwkJson(jwk.toString())));
  }

  @Test
  void publicKeyOf_derivesTheMatchingPublicKey() {
    KeyPair kp = EcKeys.generateP256();
    assertTrue(
        EcKeys.samePublicKey(
            (ECPublicKey) kp.getPublic(), EcKeys.publicKeyOf((ECPrivateKey) kp.getPrivate())));
  }

  @Test
  void thumbprint_p384Key_refused() {
    ECPublicKey p384 = (ECPublicKey) TestPki.ec("secp384r1").getPublic();
    assertThrows(IllegalArgumentException.class, () -> EcKeys.thumbprint(p384));
  }

  @Test
  void signingKey_mismatchedHalves_refusedAndToStringHidesKey() {
    KeyPair a = EcKeys.generateP256();
    KeyPair b = EcKeys.generateP256();
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SigningKey(
                (ECPrivateKey) a.getPrivate(), IssuerKey.of((ECPublicKey) b.getPublic())));
    SigningKey ok =
        new SigningKey((ECPrivateKey) a.getPrivate(), IssuerKey.of((ECPublicKey) a.getPublic()));
    assertEquals("SigningKey[kid=" + ok.kid() + "]", ok.toString());
  }

  @Test
  void issuerKey_leafCertificateOfAnotherKey_refused() {
    KeyPair caKp = TestPki.p256();
    var ca = TestPki.ca("CA", caKp);
    var leaf = TestPki.leaf(ca, caKp.getPrivate(), TestPki.p256().getPublic(), "https://x.example");
    ECPublicKey other = (ECPublicKey) TestPki.p256().getPublic();
    assertThrows(IllegalArgumentException.class, () -> new IssuerKey("k", other, List.of(leaf)));
  }

  /**
   * The byte-level check agrees with BouncyCastle's generic point validation (the check it
   * replaced) on points and non-points.
   */
  @Test
  void isOnP256_agreesWithTheBigIntegerCheck() throws Exception {
    java.util.Random r = new java.util.Random(9);
    java.math.BigInteger p = P256.X9.getCurve().getField().getCharacteristic();
    for (int i = 0; i < 300; i++) {
      java.security.interfaces.ECPublicKey k =
          (java.security.interfaces.ECPublicKey) EcKeys.generateP256().getPublic();
      java.math.BigInteger x = k.getW().getAffineX();
      java.math.BigInteger y = k.getW().getAffineY();
      java.math.BigInteger[][] candidates = {
        {x, y}, // on the curve
        {x, p.subtract(y)}, // the negated point, also on it
        {x, y.add(java.math.BigInteger.ONE).mod(p)}, // off it
        {x.add(p), y}, // same point, but x not below p
        {new java.math.BigInteger(256, r), new java.math.BigInteger(256, r)}, // random
        {java.math.BigInteger.ZERO, java.math.BigInteger.ZERO},
        {p.subtract(java.math.BigInteger.ONE), p.subtract(java.math.BigInteger.ONE)},
      };
      for (java.math.BigInteger[] c : candidates) {
        boolean expected = bouncyCastleValidates(c[0], c[1]);
        if (c[0].compareTo(p) >= 0 || c[1].compareTo(p) >= 0) {
          expected = false; // a coordinate must be a field element, below p
        }
        if (c[0].bitLength() > 256 || c[1].bitLength() > 256) {
          continue; // does not fit 32 bytes
        }
        assertEquals(
            expected, EcKeys.isOnP256(P256.fixed(c[0]), P256.fixed(c[1])), c[0] + "," + c[1]);
      }
    }
    assertEquals(false, EcKeys.isOnP256(new byte[31], new byte[32]));
    assertEquals(false, EcKeys.isOnP256(new byte[32], new byte[33]));
    assertEquals(false, P256.onCurve(java.math.BigInteger.ONE.negate(), java.math.BigInteger.ONE));
    assertEquals(
        false, P256.onCurve(java.math.BigInteger.ONE.shiftLeft(256), java.math.BigInteger.ONE));
  }

  private static boolean bouncyCastleValidates(java.math.BigInteger x, java.math.BigInteger y) {
    try {
      return P256.X9.getCurve().validatePoint(x, y).isValid();
    } catch (IllegalArgumentException | ArithmeticException e) {
      return false;
    }
  }
}
