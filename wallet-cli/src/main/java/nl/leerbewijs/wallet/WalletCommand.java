package nl.leerbewijs.wallet;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import nl.leerbewijs.wallet.cli.CommonOptions;
import nl.leerbewijs.wallet.cli.DeleteCommand;
import nl.leerbewijs.wallet.cli.ExportCommand;
import nl.leerbewijs.wallet.cli.FastPath;
import nl.leerbewijs.wallet.cli.ImportCommand;
import nl.leerbewijs.wallet.cli.InitCommand;
import nl.leerbewijs.wallet.cli.ListCommand;
import nl.leerbewijs.wallet.cli.Prescan;
import nl.leerbewijs.wallet.cli.PresentCommand;
import nl.leerbewijs.wallet.cli.ReceiveCommand;
import nl.leerbewijs.wallet.cli.RestoreCommand;
import nl.leerbewijs.wallet.cli.ShowCommand;
import nl.leerbewijs.wallet.cli.StatusCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code wallet} command: keeps a learner's credentials and shows them as QR codes. */
@Command(name = "wallet", mixinStandardHelpOptions = true, version = "leerbewijs wallet 0.1.0")
public final class WalletCommand implements Callable<Integer> {

  /**
   * The subcommands in the order the help lists them. They are registered programmatically: a run
   * of one command builds only that command's model (picocli's reflection over all of them costs
   * about 0.15 s of start time), while the root help, a missing or an unknown command gets all.
   */
  private static final class Subcommands {
    // A holder class: the fast path creates a WalletCommand without loading every command class.
    static final Map<String, Supplier<Object>> ALL = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
      Map<String, Supplier<Object>> m = new LinkedHashMap<>();
      m.put("init", InitCommand::new);
      m.put("receive", ReceiveCommand::new);
      m.put("import", ImportCommand::new);
      m.put("list", ListCommand::new);
      m.put("show", ShowCommand::new);
      m.put("present", PresentCommand::new);
      m.put("status", StatusCommand::new);
      m.put("delete", DeleteCommand::new);
      m.put("export", ExportCommand::new);
      m.put("restore", RestoreCommand::new);
      return Collections.unmodifiableMap(m);
    }
  }

  /** The names of the subcommands, in the order of the help. */
  static Set<String> subcommandNames() {
    return Subcommands.ALL.keySet();
  }

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  private final WalletContext context;
  private Messages messages;

  public WalletCommand() {
    this(WalletContext.system());
  }

  public WalletCommand(WalletContext context) {
    this(context, Messages.of(Messages.choose(null, context.env())));
  }

  private WalletCommand(WalletContext context, Messages messages) {
    this.context = context;
    this.messages = messages;
  }

  public WalletContext context() {
    return context;
  }

  public Messages messages() {
    return messages;
  }

  public CommonOptions common() {
    return common;
  }

  /** "wallet" without a subcommand: the help, and exit code 2. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /**
   * Builds the configured command line for these arguments (language chosen from {@code --lang} or
   * the environment) with the wallet's exception handler and exit-code mapper.
   */
  public static CommandLine commandLine(WalletContext context, String... args) {
    WalletCommand root = new WalletCommand(context, messages(context, args));
    CommandLine cl = new CommandLine(root);
    String only = Prescan.subcommand(args, Subcommands.ALL.keySet());
    if (only != null) {
      cl.addSubcommand(only, Subcommands.ALL.get(only).get());
    } else {
      Subcommands.ALL.forEach((name, command) -> cl.addSubcommand(name, command.get()));
    }
    cl.setResourceBundle(root.messages.bundle());
    localize(cl, root.messages);
    new ErrorHandler(root.messages, args).installOn(cl);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  private static void localize(CommandLine cl, Messages m) {
    String key = "cmd." + cl.getCommandName() + ".description";
    if (m.has(key)) {
      cl.getCommandSpec().usageMessage().description(m.get(key).split("\n"));
    }
    for (CommandLine sub : cl.getSubcommands().values()) {
      localize(sub, m);
    }
  }

  /** The learner's language: {@code --lang}, else the environment's. */
  private static Messages messages(WalletContext context, String[] args) {
    return Messages.of(Messages.choose(Prescan.lang(args), context.env()));
  }

  /**
   * Runs the wallet with these streams; returns the exit code. A plain {@code list} or {@code show}
   * runs without picocli ({@link FastPath}: start time), everything else through picocli.
   */
  public static int execute(
      WalletContext context, PrintWriter out, PrintWriter err, String... args) {
    FastPath fast = FastPath.parse(args);
    return fast != null
        ? executeFast(fast, context, out, err, args)
        : executeWithPicocli(context, out, err, args);
  }

  private static int executeFast(
      FastPath fast, WalletContext context, PrintWriter out, PrintWriter err, String[] args) {
    WalletCommand root = new WalletCommand(context, messages(context, args));
    root.common = fast.rootOptions();
    int rc;
    try {
      rc = fast.run(root, out);
    } catch (Exception e) {
      rc = new ErrorHandler(root.messages, args).report(e, err);
    }
    out.flush();
    err.flush();
    return rc;
  }

  /** Runs the wallet with picocli whatever the arguments (tests compare it with the fast path). */
  static int executeWithPicocli(
      WalletContext context, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = commandLine(context, args);
    cl.setOut(out);
    cl.setErr(err);
    int rc = cl.execute(args);
    out.flush();
    err.flush();
    return rc;
  }
}
