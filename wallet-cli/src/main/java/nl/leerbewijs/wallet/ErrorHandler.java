package nl.leerbewijs.wallet;

import java.io.PrintWriter;
import nl.leerbewijs.wallet.cli.Prescan;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * THE exception handler and exit-code mapper of the wallet: a {@link UserError} becomes its message
 * in the learner's language and its exit code; anything else is exit code {@value
 * ExitCodes#FAILURE} with a short message. Stack traces only with {@code --verbose}.
 */
final class ErrorHandler
    implements IExecutionExceptionHandler, IParameterExceptionHandler, IExitCodeExceptionMapper {

  private final Messages msg;
  private final boolean verbose;

  ErrorHandler(Messages msg, String[] args) {
    this.msg = msg;
    this.verbose = Prescan.verbose(args);
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
    PrintWriter err = cl.getErr();
    int code = getExitCode(ex);
    if (ex instanceof UserError) {
      UserError u = (UserError) ex;
      err.println(msg.get(u.key(), u.args()));
      if (verbose && u.detail() != null) {
        err.println("  " + msg.get("verbose.detail", u.detail()));
      }
    } else {
      err.println(msg.get("error.unexpected", ex.getClass().getSimpleName()));
    }
    if (verbose) {
      Throwable cause = ex instanceof UserError ? ex.getCause() : ex;
      if (cause != null) {
        cause.printStackTrace(err);
      }
    } else if (!(ex instanceof UserError)) {
      err.println(msg.get("error.moreWithVerbose"));
    }
    err.flush();
    return code;
  }

  @Override
  public int getExitCode(Throwable ex) {
    if (ex instanceof UserError) {
      return ((UserError) ex).exitCode();
    }
    if (ex instanceof ParameterException) {
      return ExitCodes.USAGE;
    }
    return ExitCodes.FAILURE;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println(msg.get("error.usage", ex.getMessage()));
    err.println(msg.get("error.usage.hint", cl.getCommandSpec().qualifiedName()));
    err.flush();
    return ExitCodes.USAGE;
  }
}
