package nl.leerbewijs.core.keys;

import java.math.BigInteger;
import java.security.interfaces.ECKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Field;
import org.bouncycastle.math.raw.Nat256;
import org.bouncycastle.util.Pack;

/** The NIST P-256 (secp256r1) curve: parameters, point validation and scalar multiplication. */
final class P256 {

  /** Curve OID 1.2.840.10045.3.1.7. */
  static final ASN1ObjectIdentifier OID = SECObjectIdentifiers.secp256r1;

  /** Length of a coordinate or private scalar in bytes. */
  static final int FIELD_BYTES = 32;

  static final X9ECParameters X9 = CustomNamedCurves.getByName("secp256r1");

  /** The curve as a JCA parameter spec. */
  static final ECParameterSpec SPEC;

  static {
    ECCurve c = X9.getCurve();
    EllipticCurve curve =
        new EllipticCurve(
            new ECFieldFp(c.getField().getCharacteristic()),
            c.getA().toBigInteger(),
            c.getB().toBigInteger());
    org.bouncycastle.math.ec.ECPoint g = X9.getG().normalize();
    SPEC =
        new ECParameterSpec(
            curve,
            new ECPoint(g.getAffineXCoord().toBigInteger(), g.getAffineYCoord().toBigInteger()),
            X9.getN(),
            X9.getH().intValue());
  }

  private P256() {}

  private static final int[] FIELD_PRIME =
      Nat256.fromBigInteger(X9.getCurve().getField().getCharacteristic());
  private static final int[] CURVE_B = Nat256.fromBigInteger(X9.getCurve().getB().toBigInteger());

  /**
   * Whether 32-byte big-endian coordinates are a point on the curve: y² = x³ − 3x + b with both
   * below p, on BouncyCastle's fixed-size P-256 field arithmetic straight from the bytes. Every
   * presentation's holder key is checked this way; through {@link BigInteger} and the generic curve
   * API the check allocated several kilobytes and took about twice as long.
   */
  static boolean onCurve(byte[] x, byte[] y) {
    if (x.length != FIELD_BYTES || y.length != FIELD_BYTES) {
      return false;
    }
    int[] xs = element(x);
    int[] ys = element(y);
    if (Nat256.gte(xs, FIELD_PRIME) || Nat256.gte(ys, FIELD_PRIME)) {
      return false;
    }
    int[] right = Nat256.create();
    SecP256R1Field.square(xs, right);
    SecP256R1Field.multiply(right, xs, right); // x³
    SecP256R1Field.subtract(right, xs, right);
    SecP256R1Field.subtract(right, xs, right);
    SecP256R1Field.subtract(right, xs, right); // x³ − 3x (a = −3)
    SecP256R1Field.add(right, CURVE_B, right);
    int[] left = Nat256.create();
    SecP256R1Field.square(ys, left);
    return Nat256.eq(left, right);
  }

  /** A field element from 32 big-endian bytes: eight 32-bit words, least significant first. */
  private static int[] element(byte[] bytes) {
    int[] words = Nat256.create();
    for (int i = 0; i < 8; i++) {
      words[i] = Pack.bigEndianToInt(bytes, 28 - 4 * i);
    }
    return words;
  }

  /** Whether the parameters are exactly P-256's. */
  static boolean is(ECParameterSpec spec) {
    return spec != null
        && spec.getCurve().equals(SPEC.getCurve())
        && spec.getGenerator().equals(SPEC.getGenerator())
        && spec.getOrder().equals(SPEC.getOrder())
        && spec.getCofactor() == SPEC.getCofactor();
  }

  /** Whether the key is on P-256. */
  static boolean is(ECKey key) {
    return key != null && is(key.getParams());
  }

  /**
   * Whether (x, y) is a finite point on the curve (cofactor 1, so also in the group): {@link
   * #onCurve(byte[], byte[])} for coordinates that fit 32 bytes, false for any other.
   */
  static boolean onCurve(BigInteger x, BigInteger y) {
    if (x.signum() < 0 || y.signum() < 0 || x.bitLength() > 256 || y.bitLength() > 256) {
      return false;
    }
    return onCurve(fixed(x), fixed(y));
  }

  /** Whether d is a valid private scalar, 1 <= d < n. */
  static boolean validScalar(BigInteger d) {
    return d.signum() > 0 && d.compareTo(X9.getN()) < 0;
  }

  /** The public point d*G for a valid scalar. */
  static ECPoint publicPoint(BigInteger d) {
    org.bouncycastle.math.ec.ECPoint q =
        new FixedPointCombMultiplier().multiply(X9.getG(), d).normalize();
    return new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
  }

  /** Decodes an SEC1 point (uncompressed or compressed) and validates it. */
  static ECPoint decodePoint(byte[] encoded) {
    org.bouncycastle.math.ec.ECPoint q = X9.getCurve().decodePoint(encoded).normalize();
    if (q.isInfinity() || !q.isValid()) {
      throw new IllegalArgumentException("point not on curve");
    }
    return new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
  }

  /** Big-endian unsigned fixed-length encoding of a coordinate or scalar. */
  static byte[] fixed(BigInteger v) {
    byte[] raw = v.toByteArray();
    if (raw.length == FIELD_BYTES) {
      return raw;
    }
    byte[] out = new byte[FIELD_BYTES];
    if (raw.length > FIELD_BYTES) {
      int skip = raw.length - FIELD_BYTES;
      for (int i = 0; i < skip; i++) {
        if (raw[i] != 0) {
          throw new IllegalArgumentException("value longer than " + FIELD_BYTES + " bytes");
        }
      }
      System.arraycopy(raw, skip, out, 0, FIELD_BYTES);
    } else {
      System.arraycopy(raw, 0, out, FIELD_BYTES - raw.length, raw.length);
    }
    return out;
  }
}
