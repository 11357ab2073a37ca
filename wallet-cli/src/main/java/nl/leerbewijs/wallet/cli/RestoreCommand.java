package nl.leerbewijs.wallet.cli;

import java.nio.file.Path;
import java.util.Arrays;
import nl.leerbewijs.wallet.ExitCodes;
import nl.leerbewijs.wallet.UserError;
import nl.leerbewijs.wallet.WalletContext;
import nl.leerbewijs.wallet.store.WalletFileException;
import nl.leerbewijs.wallet.store.WalletStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wallet restore <file>}: makes a backup the wallet. The backup is opened (so checked)
 * before anything is written; an existing wallet is replaced only with {@code --force}. Afterwards
 * the wallet's passphrase is the backup's passphrase.
 */
@Command(name = "restore", mixinStandardHelpOptions = true)
public final class RestoreCommand extends WalletSubcommand {

  @Parameters(index = "0", paramLabel = "FILE", descriptionKey = "param.backupFile")
  Path file;

  @Option(
      names = "--backup-passphrase-file",
      paramLabel = "FILE",
      descriptionKey = "opt.backupPassphraseFile")
  Path backupPassphraseFile;

  @Option(names = "--force", descriptionKey = "opt.forceRestore")
  boolean force;

  @Override
  protected int run() {
    WalletStore store = store();
    if (store.exists() && !force) {
      throw new UserError(ExitCodes.USAGE, "error.restore.exists", store.home());
    }
    byte[] backup;
    try {
      backup = WalletStore.readFile(file, "the backup file");
    } catch (WalletFileException e) {
      throw fileError(e, file);
    }
    char[] pass;
    if (backupPassphraseFile != null
        || ctx().env().get(WalletContext.BACKUP_PASSPHRASE_ENV) != null) {
      pass =
          readPassphrase(
              backupPassphraseFile,
              WalletContext.BACKUP_PASSPHRASE_ENV,
              false,
              "prompt.passphrase.backupOpen");
    } else {
      pass = passphrase(false, "prompt.passphrase.backupOpen");
    }
    WalletStore.Unlocked u;
    try {
      u = WalletStore.open(backup, pass, "the backup file");
    } catch (WalletFileException e) {
      throw fileError(e, file);
    } finally {
      Arrays.fill(pass, '\0');
    }
    save(store, u);
    say("restore.done", u.data().credentials().size(), store.home());
    return ExitCodes.OK;
  }
}
