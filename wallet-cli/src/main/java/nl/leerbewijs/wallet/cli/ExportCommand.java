package nl.leerbewijs.wallet.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import nl.leerbewijs.wallet.ExitCodes;
import nl.leerbewijs.wallet.UserError;
import nl.leerbewijs.wallet.WalletContext;
import nl.leerbewijs.wallet.store.KdfParameters;
import nl.leerbewijs.wallet.store.SealedFile;
import nl.leerbewijs.wallet.store.WalletFileException;
import nl.leerbewijs.wallet.store.WalletStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wallet export <file>}: an encrypted backup in the wallet file format, under the wallet's
 * passphrase or, with {@code --new-passphrase}, one of its own.
 */
@Command(name = "export", mixinStandardHelpOptions = true)
public final class ExportCommand extends WalletSubcommand {

  @Parameters(index = "0", paramLabel = "FILE", descriptionKey = "param.backupFile")
  Path file;

  @Option(names = "--new-passphrase", descriptionKey = "opt.newPassphrase")
  boolean newPassphrase;

  @Option(
      names = "--backup-passphrase-file",
      paramLabel = "FILE",
      descriptionKey = "opt.backupPassphraseFile")
  Path backupPassphraseFile;

  @Option(names = "--force", descriptionKey = "opt.forceExport")
  boolean force;

  @Override
  protected int run() {
    if (Files.exists(file) && !force) {
      throw new UserError(ExitCodes.USAGE, "error.export.exists", file);
    }
    WalletStore store = store();
    WalletStore.Unlocked u = unlock(store);
    SealedFile.Key key = u.key();
    boolean own =
        newPassphrase
            || backupPassphraseFile != null
            || ctx().env().get(WalletContext.BACKUP_PASSPHRASE_ENV) != null;
    if (own) {
      char[] pass =
          readPassphrase(
              backupPassphraseFile,
              WalletContext.BACKUP_PASSPHRASE_ENV,
              true,
              "prompt.passphrase.backup");
      try {
        key = SealedFile.newKey(pass, KdfParameters.forNewFiles(ctx().env()));
      } finally {
        Arrays.fill(pass, '\0');
      }
    }
    try {
      WalletStore.writeSealed(file, u.data(), key);
    } catch (WalletFileException e) {
      throw fileError(e, file);
    }
    say(own ? "export.done.own" : "export.done", u.data().credentials().size(), file);
    return ExitCodes.OK;
  }
}
