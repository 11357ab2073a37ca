package nl.leerbewijs.wallet.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import nl.leerbewijs.core.trust.TrustList;
import nl.leerbewijs.core.trust.TrustListException;
import nl.leerbewijs.wallet.ExitCodes;
import nl.leerbewijs.wallet.Messages;
import nl.leerbewijs.wallet.UserError;
import nl.leerbewijs.wallet.WalletCommand;
import nl.leerbewijs.wallet.WalletContext;
import nl.leerbewijs.wallet.store.StoredCredential;
import nl.leerbewijs.wallet.store.WalletData;
import nl.leerbewijs.wallet.store.WalletFileException;
import nl.leerbewijs.wallet.store.WalletStore;
import nl.leerbewijs.wallet.trust.ConfiguredTrust;
import nl.leerbewijs.wallet.trust.IssuerMetadataTrust;
import nl.leerbewijs.wallet.trust.TrustSource;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every wallet command shares: the common options, the learner's language, the output stream,
 * and opening and saving the wallet. Commands stay thin: parse, call core, print.
 */
public abstract class WalletSubcommand implements Callable<Integer> {

  /** Name of an optional trust list in the wallet's home directory. */
  public static final String TRUST_LIST_FILE = "trust-list.json";

  /** Shortest passphrase accepted for a new wallet or backup. */
  public static final int MIN_PASSPHRASE_LENGTH = 8;

  @ParentCommand WalletCommand root;

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  protected Messages msg;
  protected PrintWriter out;

  @Override
  public final Integer call() throws Exception {
    return runUnder(root, spec.commandLine().getOut());
  }

  /**
   * Runs the command under {@code root} writing to {@code out}: what picocli's {@link #call()}
   * does, and what {@link FastPath} calls without picocli once it has set the options itself.
   */
  final int runUnder(WalletCommand root, PrintWriter out) throws Exception {
    this.root = root;
    this.msg = root.messages();
    this.out = out;
    try {
      return run();
    } finally {
      out.flush();
    }
  }

  /** The command's work; returns the exit code. */
  protected abstract int run() throws Exception;

  protected WalletContext ctx() {
    return root.context();
  }

  protected void say(String key, Object... args) {
    out.println(msg.get(key, args));
  }

  protected boolean verbose() {
    return common.verbose || root.common().verbose;
  }

  protected WalletStore store() {
    Path home = common.home != null ? common.home : root.common().home;
    return new WalletStore(WalletStore.defaultHome(home, ctx().env()));
  }

  /** Opens the wallet with the passphrase from a file, the environment or the keyboard. */
  protected WalletStore.Unlocked unlock(WalletStore store) {
    if (!store.exists()) {
      throw new UserError(ExitCodes.USAGE, "error.wallet.missing", store.home());
    }
    char[] pass = passphrase(false, "prompt.passphrase");
    try {
      return store.unlock(pass);
    } catch (WalletFileException e) {
      throw fileError(e, store.walletFile());
    } finally {
      Arrays.fill(pass, '\0');
    }
  }

  protected void save(WalletStore store, WalletStore.Unlocked wallet) {
    try {
      store.save(wallet);
    } catch (WalletFileException e) {
      throw fileError(e, store.walletFile());
    }
  }

  protected UserError fileError(WalletFileException e, Path file) {
    switch (e.reason()) {
      case WRONG_PASSPHRASE:
        return new UserError(ExitCodes.USAGE, e, e.getMessage(), "error.passphrase.wrong", file);
      case CORRUPT:
        return new UserError(ExitCodes.FAILURE, e, e.getMessage(), "error.file.corrupt", file);
      case UNSUPPORTED_VERSION:
        return new UserError(ExitCodes.FAILURE, e, e.getMessage(), "error.file.version", file);
      default:
        return new UserError(ExitCodes.FAILURE, e, e.getMessage(), "error.file.io", file);
    }
  }

  /**
   * The wallet passphrase: {@code --passphrase-file}, else {@value WalletContext#PASSPHRASE_ENV},
   * else asked without echo (twice for a new one).
   */
  protected char[] passphrase(boolean isNew, String promptKey) {
    Path file =
        common.passphraseFile != null ? common.passphraseFile : root.common().passphraseFile;
    return readPassphrase(file, WalletContext.PASSPHRASE_ENV, isNew, promptKey);
  }

  protected char[] readPassphrase(Path file, String envVar, boolean isNew, String promptKey) {
    char[] pass;
    if (file != null) {
      pass = readPassphraseFile(file);
    } else if (ctx().env().get(envVar) != null) {
      pass = ctx().env().get(envVar).toCharArray();
    } else if (ctx().terminal().interactive()) {
      pass = ctx().terminal().readSecret(msg.get(promptKey));
      if (pass == null) {
        throw new UserError(ExitCodes.USAGE, "error.passphrase.none");
      }
      if (isNew) {
        char[] again = ctx().terminal().readSecret(msg.get("prompt.passphrase.again"));
        boolean same = again != null && Arrays.equals(pass, again);
        if (again != null) {
          Arrays.fill(again, '\0');
        }
        if (!same) {
          Arrays.fill(pass, '\0');
          throw new UserError(ExitCodes.USAGE, "error.passphrase.mismatch");
        }
      }
    } else {
      throw new UserError(ExitCodes.USAGE, "error.passphrase.none");
    }
    if (pass.length == 0) {
      throw new UserError(ExitCodes.USAGE, "error.passphrase.empty");
    }
    if (isNew && pass.length < MIN_PASSPHRASE_LENGTH) {
      Arrays.fill(pass, '\0');
      throw new UserError(ExitCodes.USAGE, "error.passphrase.short", MIN_PASSPHRASE_LENGTH);
    }
    return pass;
  }

  private static char[] readPassphraseFile(Path file) {
    try {
      if (Files.size(file) > 4096) {
        throw new UserError(ExitCodes.USAGE, "error.passphrase.file", file);
      }
      String s = Files.readString(file, StandardCharsets.UTF_8);
      // One trailing line break (as editors and `echo` write it) is not part of the passphrase.
      if (s.endsWith("\n")) {
        s = s.substring(0, s.length() - 1);
      }
      if (s.endsWith("\r")) {
        s = s.substring(0, s.length() - 1);
      }
      return s.toCharArray();
    } catch (IOException e) {
      throw new UserError(ExitCodes.USAGE, e, e.toString(), "error.passphrase.file", file);
    }
  }

  /**
   * Where issuer keys come from: {@code --trust-list}, else {@value WalletContext#TRUST_LIST_ENV},
   * else {@value #TRUST_LIST_FILE} in the wallet home, else each issuer's SD-JWT VC issuer
   * metadata.
   */
  protected TrustSource trust(WalletStore store) {
    Path file = common.trustList != null ? common.trustList : root.common().trustList;
    if (file == null && ctx().env().get(WalletContext.TRUST_LIST_ENV) != null) {
      file = Path.of(ctx().env().get(WalletContext.TRUST_LIST_ENV));
    }
    if (file == null && Files.isRegularFile(store.home().resolve(TRUST_LIST_FILE))) {
      file = store.home().resolve(TRUST_LIST_FILE);
    }
    if (file == null) {
      return new IssuerMetadataTrust(ctx().http());
    }
    try {
      if (Files.size(file) > 5 * 1024 * 1024) {
        throw new UserError(ExitCodes.USAGE, "error.trustList.invalid", file, "> 5 MB");
      }
      return new ConfiguredTrust(TrustList.parse(Files.readAllBytes(file)), ctx().http());
    } catch (NoSuchFileException e) {
      throw new UserError(ExitCodes.USAGE, "error.trustList.missing", file);
    } catch (IOException e) {
      throw new UserError(ExitCodes.FAILURE, e, e.toString(), "error.trustList.missing", file);
    } catch (TrustListException e) {
      throw new UserError(
          ExitCodes.USAGE, e, e.getMessage(), "error.trustList.invalid", file, e.field());
    }
  }

  /** The credential whose id starts with {@code prefix}; exactly one must match. */
  protected StoredCredential find(WalletData data, String prefix) {
    String p = prefix == null ? "" : prefix.strip().toLowerCase(java.util.Locale.ROOT);
    if (p.isEmpty()) {
      throw new UserError(ExitCodes.USAGE, "error.id.empty");
    }
    List<StoredCredential> hits =
        data.credentials().stream().filter(c -> c.id().startsWith(p)).collect(Collectors.toList());
    if (hits.isEmpty()) {
      throw new UserError(ExitCodes.USAGE, "error.id.unknown", prefix);
    }
    if (hits.size() > 1) {
      throw new UserError(
          ExitCodes.USAGE,
          "error.id.ambiguous",
          prefix,
          hits.stream().map(StoredCredential::id).collect(Collectors.joining(", ")));
    }
    return hits.get(0);
  }
}
