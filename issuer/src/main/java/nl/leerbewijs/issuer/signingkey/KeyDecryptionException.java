package nl.leerbewijs.issuer.signingkey;

/** A stored private key cannot be decrypted: wrong key-encryption key or altered ciphertext. */
public final class KeyDecryptionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KeyDecryptionException(String message) {
    super(message);
  }
}
