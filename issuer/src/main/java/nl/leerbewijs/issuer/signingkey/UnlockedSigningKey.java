package nl.leerbewijs.issuer.signingkey;

import java.security.PrivateKey;
import java.util.List;

/**
 * A tenant's current signing key, decrypted for signing. Lives in memory only; never serialise or
 * log it ({@link #toString()} omits the key).
 */
public record UnlockedSigningKey(String kid, String alg, PrivateKey privateKey, List<String> x5c) {
  public UnlockedSigningKey {
    x5c = List.copyOf(x5c);
  }

  @Override
  public String toString() {
    return "UnlockedSigningKey[kid=" + kid + ", alg=" + alg + "]";
  }
}
