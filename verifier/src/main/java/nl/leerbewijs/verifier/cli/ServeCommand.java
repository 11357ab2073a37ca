package nl.leerbewijs.verifier.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import nl.leerbewijs.verifier.RunningVerifier;
import nl.leerbewijs.verifier.config.VerifierConfig;
import picocli.CommandLine.Command;

/** Runs the verifier service until the JVM is asked to stop. */
@Command(
    name = "serve",
    description = "Run the verifier service and the employer page (configured by environment).")
public final class ServeCommand implements Callable<Integer> {
  private final Map<String, String> env;

  public ServeCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    RunningVerifier verifier = RunningVerifier.start(VerifierConfig.fromEnv(env));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  verifier.close();
                  stopped.countDown();
                },
                "verifier-shutdown"));
    stopped.await();
    return 0;
  }
}
