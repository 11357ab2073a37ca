package nl.leerbewijs.wallet.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.keys.KeyFormatException;

/**
 * The wallet's home directory and its one encrypted file, {@value #WALLET_FILE}.
 *
 * <p>Contract: {@link #unlock} never writes; {@link #save} replaces the file atomically (see {@link
 * AtomicFiles}) and only after the new content has been encrypted completely, so a wrong
 * passphrase, a corrupt file or a crash can never damage the stored wallet.
 */
public final class WalletStore {

  public static final String WALLET_FILE = "wallet.lbw";
  public static final String HOME_ENV = "LEERBEWIJS_WALLET_HOME";
  public static final String DIRECTORY_NAME = "leerbewijs-wallet";

  private final Path home;

  public WalletStore(Path home) {
    this.home = Objects.requireNonNull(home, "home").toAbsolutePath();
  }

  /**
   * The home directory: {@code explicit} if given, else {@value #HOME_ENV}, else {@code
   * $XDG_DATA_HOME/leerbewijs-wallet}, else {@code ~/.local/share/leerbewijs-wallet}.
   */
  public static Path defaultHome(Path explicit, Map<String, String> env) {
    if (explicit != null) {
      return explicit;
    }
    String fromEnv = env.get(HOME_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    String xdg = env.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, DIRECTORY_NAME);
    }
    String userHome = env.getOrDefault("HOME", System.getProperty("user.home"));
    return Path.of(userHome, ".local", "share", DIRECTORY_NAME);
  }

  public Path home() {
    return home;
  }

  public Path walletFile() {
    return home.resolve(WALLET_FILE);
  }

  public boolean exists() {
    return Files.exists(walletFile());
  }

  /** A wallet opened with its passphrase, ready to be changed and saved. */
  public record Unlocked(WalletData data, SealedFile.Key key) {}

  /**
   * Creates a new wallet file; refuses to overwrite one.
   *
   * @throws WalletFileException {@code IO} when the file exists or cannot be written
   */
  public Unlocked create(WalletData data, char[] passphrase, KdfParameters params)
      throws WalletFileException {
    if (exists()) {
      throw new WalletFileException(
          WalletFileException.Reason.IO, "a wallet already exists at " + walletFile());
    }
    Unlocked u = new Unlocked(data, SealedFile.newKey(passphrase, params));
    save(u);
    return u;
  }

  /** Opens the wallet. Never writes. */
  public Unlocked unlock(char[] passphrase) throws WalletFileException {
    return open(readFile(walletFile(), "the wallet file"), passphrase, "the wallet file");
  }

  /** Opens a wallet or backup file's bytes. */
  public static Unlocked open(byte[] file, char[] passphrase, String what)
      throws WalletFileException {
    SealedFile.Opened opened = SealedFile.open(file, passphrase, what);
    try {
      return new Unlocked(WalletData.fromBytes(opened.plaintext()), opened.key());
    } catch (RuntimeException e) {
      // Decrypted (so the passphrase was right) but the content makes no sense.
      opened.key().destroy();
      String reason =
          e instanceof Json.JsonParseFailure || e instanceof KeyFormatException
              ? e.getClass().getSimpleName()
              : String.valueOf(e.getMessage());
      throw new WalletFileException(
          WalletFileException.Reason.CORRUPT, what + " has unreadable content: " + reason, e);
    }
  }

  /** Encrypts and atomically writes the wallet. */
  public void save(Unlocked wallet) throws WalletFileException {
    byte[] sealed = SealedFile.seal(wallet.key(), wallet.data().toBytes());
    try {
      AtomicFiles.createPrivateDirectory(home);
      AtomicFiles.write(walletFile(), sealed);
    } catch (IOException e) {
      throw new WalletFileException(
          WalletFileException.Reason.IO, "cannot write " + walletFile() + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code data} encrypted under {@code key} to any path (backups), atomically. */
  public static void writeSealed(Path target, WalletData data, SealedFile.Key key)
      throws WalletFileException {
    byte[] sealed = SealedFile.seal(key, data.toBytes());
    try {
      AtomicFiles.write(target, sealed);
    } catch (IOException e) {
      throw new WalletFileException(
          WalletFileException.Reason.IO, "cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Reads a file with a size cap. */
  public static byte[] readFile(Path file, String what) throws WalletFileException {
    try {
      long size = Files.size(file);
      if (size > SealedFile.MAX_FILE_BYTES) {
        throw new WalletFileException(
            WalletFileException.Reason.CORRUPT, what + " is larger than the limit");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new WalletFileException(WalletFileException.Reason.IO, what + " does not exist", e);
    } catch (IOException e) {
      throw new WalletFileException(
          WalletFileException.Reason.IO, "cannot read " + what + ": " + e.getMessage(), e);
    }
  }
}
