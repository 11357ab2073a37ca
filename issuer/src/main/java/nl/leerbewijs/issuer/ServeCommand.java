package nl.leerbewijs.issuer;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import nl.leerbewijs.issuer.config.IssuerConfig;
import picocli.CommandLine.Command;

/** Runs the issuer until the JVM is asked to stop. */
@Command(name = "serve", description = "Run the issuer service (the default command).")
final class ServeCommand implements Callable<Integer> {
  private final Map<String, String> env;

  ServeCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    IssuerConfig config = IssuerConfig.fromEnv(env);
    RunningIssuer issuer = RunningIssuer.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  issuer.close();
                  stopped.countDown();
                },
                "issuer-shutdown"));
    stopped.await();
    return 0;
  }
}
