package nl.leerbewijs.issuer.admin;

import io.vertx.pgclient.PgException;
import nl.leerbewijs.issuer.config.ConfigException;
import nl.leerbewijs.issuer.tenant.DuplicateTenantException;
import nl.leerbewijs.issuer.tenant.TenantNotFoundException;
import picocli.CommandLine;

/**
 * The one place mapping failures to exit codes and messages: 0 ok, 1 failure, 2 bad usage or input
 * (including configuration). Messages only, never stack traces or secrets.
 */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int BAD_INPUT = 2;

  private ExitCodes() {}

  public static void install(CommandLine cl) {
    cl.setExitCodeExceptionMapper(ExitCodes::code);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("error: " + message(e));
          commandLine.getErr().flush();
          return code(e);
        });
  }

  static int code(Throwable e) {
    if (e instanceof ConfigException
        || e instanceof IllegalArgumentException
        || e instanceof TenantNotFoundException
        || e instanceof DuplicateTenantException
        || e instanceof CommandLine.ParameterException) {
      return BAD_INPUT;
    }
    return FAILURE;
  }

  private static String message(Throwable e) {
    if (e instanceof PgException) {
      return "database error: " + ((PgException) e).getErrorMessage();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
