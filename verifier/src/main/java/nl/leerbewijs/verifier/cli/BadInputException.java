package nl.leerbewijs.verifier.cli;

/** The command's input cannot be used (unreadable, too large, no QR code); exit code 2. */
public final class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }
}
