package nl.leerbewijs.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.wallet.ExitCodes;
import nl.leerbewijs.wallet.Terminal;
import nl.leerbewijs.wallet.WalletCommand;
import nl.leerbewijs.wallet.WalletContext;
import nl.leerbewijs.wallet.store.KdfParameters;
import nl.leerbewijs.wallet.store.WalletStore;

/**
 * The learner's wallet, run in-process exactly as {@code wallet ...} on the command line: a
 * temporary home, the passphrase from the environment, the test-only KDF, English messages, no
 * terminal, and no trust list (so issuer keys come from the issuer's {@code
 * /.well-known/jwt-vc-issuer} metadata).
 */
final class Wallet {

  static final String PASSPHRASE = "correct horse battery";

  private static final Terminal NO_TERMINAL =
      new Terminal() {
        @Override
        public boolean interactive() {
          return false;
        }

        @Override
        public char[] readSecret(String prompt) {
          return null;
        }

        @Override
        public String readLine(String prompt) {
          return null;
        }
      };

  final Path home;
  private final Map<String, String> env;

  Wallet(Path tmp) {
    this.home = tmp.resolve("wallet");
    this.env =
        Map.of(
            WalletStore.HOME_ENV,
            home.toString(),
            WalletContext.PASSPHRASE_ENV,
            PASSPHRASE,
            KdfParameters.INSECURE_TEST_KDF_ENV,
            "1",
            "LANG",
            "en_GB.UTF-8");
  }

  /** The result of one command. */
  record Run(int rc, String out, String err) {
    String all() {
      return out + err;
    }
  }

  Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    WalletContext ctx =
        WalletContext.builder()
            .env(env)
            .terminal(NO_TERMINAL)
            .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(15))
            .build();
    int rc = WalletCommand.execute(ctx, new PrintWriter(out), new PrintWriter(err), args);
    return new Run(rc, out.toString(), err.toString());
  }

  /** Runs a command that must succeed. */
  Run ok(String... args) {
    Run r = run(args);
    if (r.rc() != ExitCodes.OK) {
      throw new AssertionError(
          "wallet " + args[0] + " exited with " + r.rc() + ":\n" + r.out() + "\n" + r.err());
    }
    return r;
  }

  void init() {
    ok("init");
  }

  /** {@code wallet list --format json}. */
  List<JsonNode> list() {
    Run r = ok("list", "--format", "json");
    List<JsonNode> l = new ArrayList<>();
    Json.parse(r.out().strip().getBytes(StandardCharsets.UTF_8)).forEach(l::add);
    return l;
  }

  byte[] fileBytes() throws Exception {
    return Files.readAllBytes(home.resolve(WalletStore.WALLET_FILE));
  }
}
