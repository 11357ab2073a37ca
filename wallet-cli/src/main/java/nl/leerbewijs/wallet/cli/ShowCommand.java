package nl.leerbewijs.wallet.cli;

import nl.leerbewijs.wallet.ExitCodes;
import nl.leerbewijs.wallet.store.StoredCredential;
import nl.leerbewijs.wallet.store.WalletStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code wallet show <id>}: everything a credential says, in plain language. */
@Command(name = "show", mixinStandardHelpOptions = true)
public final class ShowCommand extends WalletSubcommand {

  @Parameters(index = "0", paramLabel = "ID", descriptionKey = "param.id")
  String id;

  @Override
  protected int run() {
    WalletStore.Unlocked u = unlock(store());
    StoredCredential c = find(u.data(), id);
    new Display(msg).details(c).forEach(out::println);
    return ExitCodes.OK;
  }
}
