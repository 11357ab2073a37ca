package nl.leerbewijs.core.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.impl.ECDSA;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.EnumMap;
import java.util.Map;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.json.AsciiScratch;

/**
 * Checks JWS signatures with a key the caller has already decided to trust.
 *
 * <p>Contract: this class never picks a key; it never looks at {@code jwk}, {@code jku}, {@code
 * x5u} or {@code x5c} in the header. It checks that the signature has exactly the length the
 * algorithm defines, that R and S lie in [1, n-1] (no "psychic signatures", CVE-2022-21449), that
 * the key is an EC key whose field size fits the algorithm, and then the ECDSA equation through
 * {@link CryptoProvider#get()}. Whether the algorithm is acceptable at all is the caller's {@link
 * AlgorithmPolicy}.
 */
public final class JwsVerifier {

  private static final ThreadLocal<Map<JwsAlgorithm, Signature>> SIGNATURES =
      ThreadLocal.withInitial(() -> new EnumMap<>(JwsAlgorithm.class));

  private static final ThreadLocal<Signature> PREHASHED = new ThreadLocal<>();

  private JwsVerifier() {}

  /** Whether {@code jws} carries a valid signature by {@code key} under {@code algorithm}. */
  public static boolean verify(CompactJws jws, PublicKey key, JwsAlgorithm algorithm) {
    return verify(jws, key, algorithm, false);
  }

  /**
   * As {@link #verify(CompactJws, PublicKey, JwsAlgorithm)} for a key the caller has already
   * established lies on P-256 (a holder key checked by {@code EcPublicJwk}): the curve comparison
   * becomes a check that the algorithm is ES256. Asking the native provider for a fresh key's curve
   * parameters is a native round trip, about 1 % of a verification with key binding.
   */
  public static boolean verifyWithP256Key(
      CompactJws jws, ECPublicKey p256Key, JwsAlgorithm algorithm) {
    return algorithm == JwsAlgorithm.ES256 && verify(jws, p256Key, algorithm, true);
  }

  /**
   * As {@link #verify(CompactJws, PublicKey, JwsAlgorithm)}, hashing the signing input with {@code
   * sha256} (reset first) instead of inside the signature, and leaving {@code sha256} holding the
   * state after the signing input, for a caller that hashes on from there: an SD-JWT's {@code
   * sd_hash} covers the issuer-signed JWT again, and the two hashes share their first 2 kB this
   * way. Any algorithm but ES256 is checked as usual, and {@code sha256} is then left reset.
   */
  public static boolean verifyHashingWith(
      CompactJws jws, PublicKey key, JwsAlgorithm algorithm, MessageDigest sha256) {
    sha256.reset();
    if (algorithm != JwsAlgorithm.ES256) {
      return verify(jws, key, algorithm, false);
    }
    int length = jws.signingInputLength();
    sha256.update(AsciiScratch.prefix(jws.compact(), length), 0, length);
    byte[] digest;
    try {
      digest = ((MessageDigest) sha256.clone()).digest();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
    }
    return verify(digest, 0, digest.length, jws.signatureUnsafe(), key, algorithm, false, true);
  }

  private static boolean verify(
      CompactJws jws, PublicKey key, JwsAlgorithm algorithm, boolean onP256) {
    // Parsing proved the signing input ASCII (base64url and one '.').
    int length = jws.signingInputLength();
    byte[] input = AsciiScratch.prefix(jws.compact(), length);
    return verify(input, 0, length, jws.signatureUnsafe(), key, algorithm, onP256, false);
  }

  /** Whether {@code signature} (R || S) over {@code signingInput} is valid for {@code key}. */
  public static boolean verify(
      byte[] signingInput, byte[] signature, PublicKey key, JwsAlgorithm algorithm) {
    return verify(signingInput, 0, signingInput.length, signature, key, algorithm, false, false);
  }

  private static boolean verify(
      byte[] input,
      int offset,
      int length,
      byte[] signature,
      PublicKey key,
      JwsAlgorithm algorithm,
      boolean onP256,
      boolean prehashed) {
    if (!(key instanceof ECPublicKey)) {
      return false;
    }
    if (signature.length != algorithm.signatureLength()
        || !(onP256 || algorithm.curveOrder().equals(((ECPublicKey) key).getParams().getOrder()))) {
      return false; // wrong length, or a key on another curve (e.g. secp256k1 for ES256)
    }
    try {
      ECDSA.ensureLegalSignature(signature, JWSAlgorithm.parse(algorithm.headerValue()));
      byte[] der = ECDSA.transcodeSignatureToDER(signature);
      // A prehashed input is the algorithm's digest: the same ECDSA check without its hashing.
      Signature s = prehashed ? signature(null) : signature(algorithm);
      s.initVerify(key);
      s.update(input, offset, length);
      return s.verify(der);
    } catch (JOSEException | InvalidKeyException e) {
      return false; // an illegal signature or unusable key is a failed check, not a crash
    } catch (GeneralSecurityException e) {
      throw new JoseCryptoException("verifying with " + algorithm + " failed", e);
    }
  }

  /** This thread's signature object for an algorithm; for null, ECDSA over a given digest. */
  private static Signature signature(JwsAlgorithm algorithm) throws GeneralSecurityException {
    if (algorithm == null) {
      Signature s = PREHASHED.get();
      if (s == null) {
        s = Signature.getInstance("NONEwithECDSA", CryptoProvider.get());
        PREHASHED.set(s);
      }
      return s;
    }
    Map<JwsAlgorithm, Signature> cache = SIGNATURES.get();
    Signature s = cache.get(algorithm);
    if (s == null) {
      s = Signature.getInstance(algorithm.jcaName(), CryptoProvider.get());
      cache.put(algorithm, s);
    }
    return s;
  }
}
