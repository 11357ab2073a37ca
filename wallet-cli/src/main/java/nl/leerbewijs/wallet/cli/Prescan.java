package nl.leerbewijs.wallet.cli;

import java.util.Set;

/** Reads {@code --lang} and {@code --verbose} before picocli parses, for messages about parsing. */
public final class Prescan {

  private Prescan() {}

  public static String lang(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--lang") && i + 1 < args.length) {
        return args[i + 1];
      }
      if (args[i].startsWith("--lang=")) {
        return args[i].substring("--lang=".length());
      }
      if (args[i].equals("--")) {
        break;
      }
    }
    return null;
  }

  public static boolean verbose(String[] args) {
    for (String a : args) {
      if (a.equals("--")) {
        break;
      }
      if (a.equals("-v") || a.equals("--verbose")) {
        return true;
      }
    }
    return false;
  }

  /** Root options that take a value in the next argument (unless written {@code --opt=value}). */
  private static final Set<String> ROOT_OPTIONS_WITH_VALUE =
      Set.of("--home", "--passphrase-file", "--trust-list", "--lang");

  /**
   * The subcommand these arguments run, when that is certain before parsing: the first argument
   * that is not a root option (or its value) and is one of {@code names}. Null when there is none,
   * when it is not a known name, or when the root's help or version is asked for first; the caller
   * then registers every subcommand, so help and error messages stay complete.
   */
  public static String subcommand(String[] args, Set<String> names) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")
          || a.equals("-h")
          || a.equals("--help")
          || a.equals("-V")
          || a.equals("--version")) {
        return null;
      }
      if (a.startsWith("-") && !a.startsWith("--") && a.length() > 2) {
        return null; // clustered short options such as -vh: let picocli sort them out
      }
      if (a.startsWith("-")) {
        if (ROOT_OPTIONS_WITH_VALUE.contains(a)) {
          i++;
          if (i < args.length && names.contains(args[i])) {
            return null; // picocli reads a command name here as the command, not as the value
          }
        }
        continue;
      }
      return names.contains(a) ? a : null;
    }
    return null;
  }
}
