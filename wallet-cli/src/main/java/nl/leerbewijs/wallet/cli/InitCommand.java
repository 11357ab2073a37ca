package nl.leerbewijs.wallet.cli;

import java.util.Arrays;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.wallet.ExitCodes;
import nl.leerbewijs.wallet.UserError;
import nl.leerbewijs.wallet.store.KdfParameters;
import nl.leerbewijs.wallet.store.WalletData;
import nl.leerbewijs.wallet.store.WalletFileException;
import nl.leerbewijs.wallet.store.WalletStore;
import picocli.CommandLine.Command;

/** {@code wallet init}: creates an empty wallet with a new holder key. */
@Command(name = "init", mixinStandardHelpOptions = true)
public final class InitCommand extends WalletSubcommand {

  @Override
  protected int run() {
    WalletStore store = store();
    if (store.exists()) {
      throw new UserError(ExitCodes.USAGE, "error.wallet.exists", store.home());
    }
    char[] pass = passphrase(true, "prompt.passphrase.new");
    WalletStore.Unlocked u;
    try {
      u =
          store.create(
              WalletData.create(ctx().clock().instant()),
              pass,
              KdfParameters.forNewFiles(ctx().env()));
    } catch (WalletFileException e) {
      throw fileError(e, store.walletFile());
    } finally {
      Arrays.fill(pass, '\0');
    }
    say("init.done", store.home());
    say("init.key", EcKeys.thumbprint(u.data().holderPublicKey()));
    say("init.remember");
    return ExitCodes.OK;
  }
}
