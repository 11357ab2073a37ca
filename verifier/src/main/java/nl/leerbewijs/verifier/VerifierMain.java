package nl.leerbewijs.verifier;

import java.util.Map;
import nl.leerbewijs.verifier.cli.ExitCodes;
import nl.leerbewijs.verifier.cli.ServeCommand;
import nl.leerbewijs.verifier.cli.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar leerbewijs-verifier.jar serve} runs the service (configuration from the
 * environment, see {@link nl.leerbewijs.verifier.config.VerifierConfig}); {@code ... verify <file |
 * image | ->} checks one presentation and exits with {@link ExitCodes}. Without arguments: serve.
 */
@Command(
    name = "verifier",
    mixinStandardHelpOptions = true,
    version = "leerbewijs verifier 0.1.0",
    description = "leerbewijs verifier: checks SD-JWT VC learning credentials.",
    subcommands = {ServeCommand.class, VerifyCommand.class})
public final class VerifierMain implements Runnable {

  public static void main(String[] args) {
    String[] effective = args.length == 0 ? new String[] {"serve"} : args;
    System.exit(commandLine(System.getenv()).execute(effective));
  }

  /** The command line, with the environment to read configuration from (tests pass their own). */
  public static CommandLine commandLine(Map<String, String> env) {
    CommandLine cl = new CommandLine(new VerifierMain(), new EnvFactory(env));
    ExitCodes.install(cl);
    return cl;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "choose a command: serve or verify");
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
