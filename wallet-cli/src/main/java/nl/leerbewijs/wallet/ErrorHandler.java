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
 *
 * <p>This class itself does not touch picocli, so that the commands run without it (see {@link
 * nl.leerbewijs.wallet.cli.FastPath}) report failures through the same code; {@link #installOn}
 * plugs it into picocli.
 */
final class ErrorHandler {

  private final Messages msg;
  private final boolean verbose;

  ErrorHandler(Messages msg, String[] args) {
    this.msg = msg;
    this.verbose = Prescan.verbose(args);
  }

  /** Tells the learner what went wrong on {@code err}; returns the exit code. */
  int report(Exception ex, PrintWriter err) {
    int code = exitCode(ex);
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

  /** The exit code of a failure of a command's work (not of parsing its arguments). */
  static int exitCode(Throwable ex) {
    return ex instanceof UserError ? ((UserError) ex).exitCode() : ExitCodes.FAILURE;
  }

  /** Makes this picocli's exception handlers and exit-code mapper for {@code cl}. */
  void installOn(CommandLine cl) {
    ForPicocli.install(cl, this);
  }

  /** This handler as picocli's exception handlers and exit-code mapper. */
  private static final class ForPicocli
      implements IExecutionExceptionHandler, IParameterExceptionHandler, IExitCodeExceptionMapper {

    private final ErrorHandler handler;

    private ForPicocli(ErrorHandler handler) {
      this.handler = handler;
    }

    // Here rather than in installOn: linking a class that passes a ForPicocli as picocli's
    // interfaces loads those interfaces, and the fast path loads ErrorHandler.
    static void install(CommandLine cl, ErrorHandler handler) {
      ForPicocli p = new ForPicocli(handler);
      cl.setExecutionExceptionHandler(p);
      cl.setParameterExceptionHandler(p);
      cl.setExitCodeExceptionMapper(p);
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
      return handler.report(ex, cl.getErr());
    }

    @Override
    public int getExitCode(Throwable ex) {
      return ex instanceof ParameterException ? ExitCodes.USAGE : exitCode(ex);
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
      CommandLine cl = ex.getCommandLine();
      PrintWriter err = cl.getErr();
      err.println(handler.msg.get("error.usage", ex.getMessage()));
      err.println(handler.msg.get("error.usage.hint", cl.getCommandSpec().qualifiedName()));
      err.flush();
      return ExitCodes.USAGE;
    }
  }
}
