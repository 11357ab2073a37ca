package nl.leerbewijs.verifier.trust;

/** The trust list file could not be loaded at start; the message names the file and the reason. */
public final class TrustListLoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TrustListLoadException(String message) {
    super(message);
  }
}
