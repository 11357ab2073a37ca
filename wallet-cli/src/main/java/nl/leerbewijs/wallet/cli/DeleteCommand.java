package nl.leerbewijs.wallet.cli;

import java.util.Locale;
import nl.leerbewijs.wallet.ExitCodes;
import nl.leerbewijs.wallet.UserError;
import nl.leerbewijs.wallet.store.StoredCredential;
import nl.leerbewijs.wallet.store.WalletStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wallet delete <id>}: removes a credential after confirmation. */
@Command(name = "delete", mixinStandardHelpOptions = true)
public final class DeleteCommand extends WalletSubcommand {

  @Parameters(index = "0", paramLabel = "ID", descriptionKey = "param.id")
  String id;

  @Option(
      names = {"-y", "--yes"},
      descriptionKey = "opt.yes")
  boolean yes;

  @Override
  protected int run() {
    WalletStore store = store();
    WalletStore.Unlocked u = unlock(store);
    StoredCredential c = find(u.data(), id);
    Display d = new Display(msg);
    if (!yes) {
      if (!ctx().terminal().interactive()) {
        throw new UserError(ExitCodes.USAGE, "error.delete.confirm");
      }
      String answer = ctx().terminal().readLine(msg.get("delete.ask", c.id(), d.title(c)));
      String a = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
      if (!a.equals(msg.get("delete.yesWord")) && !a.equals("y") && !a.equals("j")) {
        say("delete.cancelled");
        return ExitCodes.OK;
      }
    }
    u.data().remove(c.id());
    save(store, u);
    say("delete.done", c.id(), d.title(c));
    return ExitCodes.OK;
  }
}
