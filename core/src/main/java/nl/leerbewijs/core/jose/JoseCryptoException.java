package nl.leerbewijs.core.jose;

/** A cryptographic or provider fault (not a rejected token): key unusable, provider failure. */
public class JoseCryptoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JoseCryptoException(String message, Throwable cause) {
    super(message, cause);
  }
}
