package nl.leerbewijs.issuer;

import java.util.Map;
import nl.leerbewijs.issuer.admin.AdminCommand;
import nl.leerbewijs.issuer.admin.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar leerbewijs-issuer.jar [serve]} runs the service; {@code ... admin ...} runs a
 * system administrator's command against the configured database. Configuration comes from the
 * environment (see {@link nl.leerbewijs.issuer.config.IssuerConfig}).
 */
@Command(
    name = "issuer",
    mixinStandardHelpOptions = true,
    version = "leerbewijs issuer 0.1.0",
    description = "leerbewijs issuer: awards SD-JWT VC learning credentials over OpenID4VCI.",
    subcommands = {ServeCommand.class, AdminCommand.class})
public final class IssuerMain implements Runnable {

  public static void main(String[] args) {
    String[] effective = args.length == 0 ? new String[] {"serve"} : args;
    System.exit(commandLine(System.getenv()).execute(effective));
  }

  /** The command line, with the environment to read configuration from (tests pass their own). */
  public static CommandLine commandLine(Map<String, String> env) {
    CommandLine cl = new CommandLine(new IssuerMain(), new EnvFactory(env));
    ExitCodes.install(cl);
    return cl;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "choose a command: serve or admin");
  }

  /** Gives commands the environment map through their constructor. */
  static final class EnvFactory implements CommandLine.IFactory {
    private final Map<String, String> env;

    EnvFactory(Map<String, String> env) {
      this.env = Map.copyOf(env);
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      try {
        return cls.cast(cls.getDeclaredConstructor(Map.class).newInstance(env));
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(cls);
      }
    }
  }
}
