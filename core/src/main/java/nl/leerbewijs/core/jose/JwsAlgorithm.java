package nl.leerbewijs.core.jose;

import com.nimbusds.jose.jwk.Curve;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The JWS algorithms leerbewijs implements (RFC 7518 section 3.4, ECDSA). Which of them a verifier
 * accepts is decided by an {@link AlgorithmPolicy}; anything not listed here ({@code none}, HMAC,
 * RSA) is never accepted.
 */
public enum JwsAlgorithm {
  ES256("SHA256withECDSA", 32, "secp256r1", Curve.P_256),
  ES384("SHA384withECDSA", 48, "secp384r1", Curve.P_384),
  ES512("SHA512withECDSA", 66, "secp521r1", Curve.P_521);

  private final String jcaName;
  private final int coordinateLength;
  private final String curve;
  private final BigInteger curveOrder;

  JwsAlgorithm(String jcaName, int coordinateLength, String curve, Curve jwkCurve) {
    this.jcaName = jcaName;
    this.coordinateLength = coordinateLength;
    this.curve = curve;
    this.curveOrder = jwkCurve.toECParameterSpec().getOrder();
  }

  /** The order n of the curve's base point; a key is on the right curve when its order matches. */
  public BigInteger curveOrder() {
    return curveOrder;
  }

  /** The JCA signature algorithm name (DER-encoded output). */
  public String jcaName() {
    return jcaName;
  }

  /** Length in bytes of the JWS signature (R || S, RFC 7518 section 3.4). */
  public int signatureLength() {
    return 2 * coordinateLength;
  }

  /** The named curve the key must be on. */
  public String curve() {
    return curve;
  }

  /** The {@code alg} header value. */
  public String headerValue() {
    return name();
  }

  /** Looks up an {@code alg} header value; empty for anything we do not implement. */
  public static Optional<JwsAlgorithm> fromHeader(String alg) {
    if (alg == null) {
      return Optional.empty();
    }
    for (JwsAlgorithm a : values()) {
      if (a.name().equals(alg)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
