package nl.leerbewijs.verifier.cli;

import nl.leerbewijs.core.verify.Verdict;
import nl.leerbewijs.verifier.config.ConfigException;
import nl.leerbewijs.verifier.tls.TlsLoadException;
import nl.leerbewijs.verifier.trust.TrustListLoadException;
import picocli.CommandLine;

/**
 * Exit codes of the verifier command line.
 *
 * <ul>
 *   <li>{@value #VALID}: the credential is valid (green).
 *   <li>{@value #FAILURE}: the verifier itself failed (a bug, an I/O error writing output).
 *   <li>{@value #BAD_INPUT}: usage error or unusable input: unknown option, unreadable file, an
 *       image without a QR code, an invalid trust list, configuration or https certificate.
 *   <li>{@value #INVALID}: a red verdict: revoked, suspended, expired, invalid or malformed.
 *   <li>{@value #WARNING}: an amber verdict: revocation status could not be checked, or the issuer
 *       is not on the trust list (signature may be valid). Not accepted as valid, but not proven
 *       false either; scripts that only need "valid or not" test for 0.
 * </ul>
 */
public final class ExitCodes {
  public static final int VALID = 0;
  public static final int FAILURE = 1;
  public static final int BAD_INPUT = 2;
  public static final int INVALID = 3;
  public static final int WARNING = 4;

  private ExitCodes() {}

  /** The exit code for a verdict. */
  public static int of(Verdict verdict) {
    switch (verdict.severity()) {
      case OK:
        return VALID;
      case WARNING:
        return WARNING;
      default:
        return INVALID;
    }
  }

  /** Maps configuration and input problems to {@link #BAD_INPUT} with a one-line message. */
  public static void install(CommandLine cl) {
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof BadInputException
              || ex instanceof ConfigException
              || ex instanceof TrustListLoadException
              || ex instanceof TlsLoadException) {
            commandLine.getErr().println("error: " + ex.getMessage());
            return BAD_INPUT;
          }
          commandLine.getErr().println("error: " + ex);
          return FAILURE;
        });
  }
}
