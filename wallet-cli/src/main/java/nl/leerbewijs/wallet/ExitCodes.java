package nl.leerbewijs.wallet;

/** The wallet's exit codes, the same for every command. */
public final class ExitCodes {

  /** Done. */
  public static final int OK = 0;

  /** Something failed: a file could not be written, an issuer could not be reached... */
  public static final int FAILURE = 1;

  /** The command was used wrongly, or its input was wrong (unknown id, wrong passphrase...). */
  public static final int USAGE = 2;

  /** A credential did not pass verification (forged, revoked, for another wallet...). */
  public static final int VERIFICATION_FAILED = 3;

  private ExitCodes() {}
}
