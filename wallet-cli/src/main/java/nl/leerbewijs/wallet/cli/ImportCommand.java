package nl.leerbewijs.wallet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import nl.leerbewijs.wallet.ExitCodes;
import nl.leerbewijs.wallet.UserError;
import nl.leerbewijs.wallet.store.WalletStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code wallet import <file | ->}: verifies an SD-JWT VC and stores it. */
@Command(name = "import", mixinStandardHelpOptions = true)
public final class ImportCommand extends WalletSubcommand {

  /** Largest credential file read. */
  public static final int MAX_BYTES = 1024 * 1024;

  @Parameters(index = "0", paramLabel = "FILE|-", descriptionKey = "param.importFile")
  String file;

  @Override
  protected int run() {
    String text = read();
    WalletStore store = store();
    WalletStore.Unlocked u = unlock(store);
    Storing.store(this, store, u, text, "import");
    return ExitCodes.OK;
  }

  private String read() {
    byte[] bytes;
    try {
      if ("-".equals(file)) {
        bytes = readCapped(ctx().stdin());
      } else {
        Path p = Path.of(file);
        if (Files.size(p) > MAX_BYTES) {
          throw new UserError(ExitCodes.USAGE, "error.import.tooLarge", file, MAX_BYTES);
        }
        bytes = Files.readAllBytes(p);
      }
    } catch (NoSuchFileException e) {
      throw new UserError(ExitCodes.USAGE, "error.import.missing", file);
    } catch (IOException e) {
      throw new UserError(ExitCodes.FAILURE, e, e.toString(), "error.import.read", file);
    }
    String text = new String(bytes, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      throw new UserError(ExitCodes.USAGE, "error.import.empty", file);
    }
    return text;
  }

  private byte[] readCapped(InputStream in) throws IOException {
    byte[] b = in.readNBytes(MAX_BYTES + 1);
    if (b.length > MAX_BYTES) {
      throw new UserError(ExitCodes.USAGE, "error.import.tooLarge", "-", MAX_BYTES);
    }
    return b;
  }
}
