package nl.leerbewijs.wallet;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point of {@code java -jar leerbewijs-wallet.jar}. */
public final class WalletMain {

  private WalletMain() {}

  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    System.exit(WalletCommand.execute(WalletContext.system(), out, err, args));
  }
}
