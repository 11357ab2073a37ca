package nl.leerbewijs.wallet.cli;

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
}
