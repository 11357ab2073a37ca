package nl.leerbewijs.core.sdjwt;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.interfaces.ECPublicKey;

/**
 * A {@code cnf.jwk} that passed every check of {@link EcPublicJwk#fromJwk}, imported into the
 * crypto provider only when first needed: a presentation without key binding never uses it, and the
 * import costs a noticeable part of a verification. Thread-safe.
 */
final class HolderKey {

  private final byte[] subjectPublicKeyInfo;
  private volatile ECPublicKey key;

  private HolderKey(byte[] subjectPublicKeyInfo) {
    this.subjectPublicKeyInfo = subjectPublicKeyInfo;
  }

  /**
   * Checks a JWK now.
   *
   * @throws IllegalArgumentException as {@link EcPublicJwk#fromJwk}
   */
  static HolderKey of(JsonNode jwk) {
    return new HolderKey(EcPublicJwk.validatedSubjectPublicKeyInfo(jwk));
  }

  /**
   * The key. The import of a checked P-256 point cannot fail with a working provider; if it does,
   * {@link IllegalStateException}.
   */
  ECPublicKey get() {
    ECPublicKey k = key;
    if (k == null) {
      try {
        k = EcPublicJwk.fromSubjectPublicKeyInfo(subjectPublicKeyInfo);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("the crypto provider rejects a checked P-256 key", e);
      }
      key = k;
    }
    return k;
  }
}
