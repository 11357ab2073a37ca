package nl.leerbewijs.verifier.tls;

/** The service's HTTPS certificate or key cannot be used at start; the message says why. */
public final class TlsLoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TlsLoadException(String message) {
    super(message);
  }
}
