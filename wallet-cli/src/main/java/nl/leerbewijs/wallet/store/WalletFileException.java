package nl.leerbewijs.wallet.store;

/**
 * A wallet or backup file could not be used. {@link #reason()} tells why; the message names the
 * file and the reason, never the passphrase or any content.
 */
public final class WalletFileException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why the file could not be used. */
  public enum Reason {
    /** The passphrase does not open the file (or the file was altered). */
    WRONG_PASSPHRASE,
    /** The file is not a wallet file, is damaged or truncated, or has unsupported parameters. */
    CORRUPT,
    /** The file is a wallet file of a newer format version. */
    UNSUPPORTED_VERSION,
    /** The file could not be read or written. */
    IO
  }

  private final Reason reason;

  public WalletFileException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public WalletFileException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
