package nl.leerbewijs.core.keys;

import java.security.interfaces.ECPrivateKey;
import java.util.Objects;

/**
 * A P-256 private key with its public half ({@link IssuerKey}: kid, public key, certificates).
 *
 * <p>{@link #toString()} never prints the private key.
 */
public record SigningKey(ECPrivateKey privateKey, IssuerKey issuerKey) {

  public SigningKey {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(issuerKey, "issuerKey");
    if (!EcKeys.isP256(privateKey)) {
      throw new IllegalArgumentException("signing key " + issuerKey.kid() + " is not P-256");
    }
    if (!EcKeys.samePublicKey(EcKeys.publicKeyOf(privateKey), issuerKey.publicKey())) {
      throw new IllegalArgumentException(
          "signing key " + issuerKey.kid() + ": private and public key do not belong together");
    }
  }

  /** The key id (RFC 7638 thumbprint unless set otherwise). */
  public String kid() {
    return issuerKey.kid();
  }

  @Override
  public String toString() {
    return "SigningKey[kid=" + issuerKey.kid() + "]";
  }
}
