package nl.leerbewijs.wallet.cli;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import nl.leerbewijs.wallet.WalletCommand;

/**
 * {@code wallet list} and {@code wallet show ID} without picocli, for start time: building
 * picocli's model costs about 0.09 s of a 0.35 s run, and none of its classes come from the
 * class-data sharing archive on JDK 17 (they are Java 5 bytecode).
 *
 * <p>Contract: {@link #parse} accepts only argument lists whose meaning is certain: the common
 * options ({@code --home --passphrase-file --trust-list --lang -v --verbose}, as {@code --opt
 * value} or {@code --opt=value}) before the command and after it, {@code --format text|json} for
 * {@code list}, the one {@code ID} of {@code show}, each option at most once per command. Anything
 * else (help, version, an unknown or repeated option, a missing or odd value, {@code --},
 * {@code @file}, a second argument) returns null and picocli parses as before, so its help, its
 * messages and its exit codes stay its own. An accepted list gives the commands exactly the options
 * picocli would give them; {@code FastPathTest} compares the output and exit codes of both ways.
 */
public final class FastPath {

  /**
   * The names of all commands (as {@link WalletCommand} registers them): picocli reads one of them
   * after a root option as the command rather than as the option's value, so such a list is left to
   * picocli.
   */
  public static final Set<String> COMMAND_NAMES =
      Set.of(
          "init", "receive", "import", "list", "show", "present", "status", "delete", "export",
          "restore");

  private final CommonOptions rootOptions;
  private final WalletSubcommand command;

  private FastPath(CommonOptions rootOptions, WalletSubcommand command) {
    this.rootOptions = rootOptions;
    this.command = command;
  }

  /** The parsed arguments when they are a plain {@code list} or {@code show}, else null. */
  public static FastPath parse(String[] args) {
    try {
      return new Parser(args).parse();
    } catch (NotPlain e) {
      return null;
    }
  }

  /** The options given before the command name, for the root command. */
  public CommonOptions rootOptions() {
    return rootOptions;
  }

  /** Runs the command under {@code root}, which must carry {@link #rootOptions()}. */
  public int run(WalletCommand root, PrintWriter out) throws Exception {
    return command.runUnder(root, out);
  }

  /** The arguments are not a plain list or show: picocli's turn. */
  private static final class NotPlain extends Exception {
    private static final long serialVersionUID = 1L;

    NotPlain() {
      super(null, null, false, false);
    }
  }

  private static final class Parser {
    private final String[] args;
    private int i;

    Parser(String[] args) {
      this.args = args;
    }

    FastPath parse() throws NotPlain {
      for (String a : args) {
        if (a.startsWith("@")) {
          throw new NotPlain(); // picocli reads arguments from @files
        }
      }
      CommonOptions root = new CommonOptions();
      Set<String> seen = new HashSet<>();
      for (; i < args.length && args[i].startsWith("-"); i++) {
        if (!common(root, seen)) {
          throw new NotPlain();
        }
      }
      if (i == args.length) {
        throw new NotPlain();
      }
      String name = args[i++];
      ListCommand list = name.equals("list") ? new ListCommand() : null;
      ShowCommand show = name.equals("show") ? new ShowCommand() : null;
      if (list == null && show == null) {
        throw new NotPlain();
      }
      WalletSubcommand command = list != null ? list : show;
      command.common = new CommonOptions();
      seen.clear();
      for (; i < args.length; i++) {
        String a = args[i];
        if (!a.startsWith("-")) {
          if (show == null || show.id != null) {
            throw new NotPlain();
          }
          show.id = a;
        } else if (list != null && isOption("--format")) {
          once(seen, "--format");
          list.format = format(value("--format"));
        } else if (!common(command.common, seen)) {
          throw new NotPlain();
        }
      }
      if (show != null && show.id == null) {
        throw new NotPlain();
      }
      return new FastPath(root, command);
    }

    /** Reads a common option at {@code args[i]} into {@code o}; false when it is none. */
    private boolean common(CommonOptions o, Set<String> seen) throws NotPlain {
      String a = args[i];
      if (a.equals("-v") || a.equals("--verbose")) {
        once(seen, "--verbose");
        o.verbose = true;
      } else if (isOption("--home")) {
        once(seen, "--home");
        o.home = path(value("--home"));
      } else if (isOption("--passphrase-file")) {
        once(seen, "--passphrase-file");
        o.passphraseFile = path(value("--passphrase-file"));
      } else if (isOption("--trust-list")) {
        once(seen, "--trust-list");
        o.trustList = path(value("--trust-list"));
      } else if (isOption("--lang")) {
        once(seen, "--lang");
        o.lang = value("--lang");
      } else {
        return false;
      }
      return true;
    }

    private boolean isOption(String name) {
      return args[i].equals(name) || args[i].startsWith(name + "=");
    }

    /** picocli refuses an option given twice for one command. */
    private static void once(Set<String> seen, String name) throws NotPlain {
      if (!seen.add(name)) {
        throw new NotPlain();
      }
    }

    /**
     * The value of the option at {@code args[i]} ({@code --name=value} or {@code --name value},
     * moving past the value). An empty value, one that looks like an option, or a command name
     * (which picocli would take as the command) is not plain.
     */
    private String value(String name) throws NotPlain {
      String v;
      if (args[i].equals(name)) {
        if (i + 1 >= args.length) {
          throw new NotPlain();
        }
        v = args[++i];
        if (COMMAND_NAMES.contains(v)) {
          throw new NotPlain();
        }
      } else {
        v = args[i].substring(name.length() + 1);
      }
      if (v.isEmpty() || v.startsWith("-")) {
        throw new NotPlain();
      }
      return v;
    }

    private static Path path(String v) throws NotPlain {
      try {
        return Path.of(v);
      } catch (InvalidPathException e) {
        throw new NotPlain(); // picocli reports it
      }
    }

    /**
     * {@code text} or {@code json} in any case, as picocli accepts enum values here; ASCII only, so
     * that no locale-dependent case mapping can make the two ways disagree.
     */
    private static ListCommand.Format format(String v) throws NotPlain {
      for (int k = 0; k < v.length(); k++) {
        if (v.charAt(k) >= 128) {
          throw new NotPlain();
        }
      }
      for (ListCommand.Format f : ListCommand.Format.values()) {
        if (v.equalsIgnoreCase(f.name())) {
          return f;
        }
      }
      throw new NotPlain();
    }
  }
}
