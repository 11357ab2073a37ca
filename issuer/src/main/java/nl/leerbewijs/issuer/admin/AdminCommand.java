package nl.leerbewijs.issuer.admin;

import java.util.Map;
import nl.leerbewijs.issuer.IssuerContext;
import nl.leerbewijs.issuer.audit.Actor;
import nl.leerbewijs.issuer.config.IssuerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code issuer admin ...}: a system administrator's commands, run against the configured database
 * (with the embedded one, against the running issuer's server or a briefly started one). Every
 * change is audited with the OS user as actor and the given {@code --reason}.
 */
@Command(
    name = "admin",
    description = "Administer tenants, API keys and signing keys.",
    mixinStandardHelpOptions = true,
    subcommands = {TenantCommand.class, ApiKeyCommand.class, KeyCommand.class})
public final class AdminCommand implements Runnable {
  private final Map<String, String> env;

  @Spec CommandSpec spec;

  public AdminCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "choose a command: tenant, apikey or key");
  }

  /** Opens the issuer's context for one command. */
  IssuerContext open() {
    return IssuerContext.open(IssuerConfig.fromEnv(env), false);
  }

  /** A variable of the environment the command runs in (tests pass their own). */
  String env(String name) {
    return env.get(name);
  }

  static Actor actor() {
    return Actor.admin(System.getProperty("user.name"));
  }
}
