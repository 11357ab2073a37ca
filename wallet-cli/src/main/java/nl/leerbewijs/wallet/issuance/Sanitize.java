package nl.leerbewijs.wallet.issuance;

/**
 * Makes text from another party safe to print in a terminal: control characters (including escape
 * sequences that could repaint the screen) and format characters are removed, and the length is
 * capped.
 */
public final class Sanitize {

  private Sanitize() {}

  public static String text(String s, int max) {
    if (s == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(Math.min(s.length(), max));
    s.codePoints()
        .filter(
            cp ->
                !Character.isISOControl(cp)
                    && Character.getType(cp) != Character.FORMAT
                    && Character.getType(cp) != Character.PRIVATE_USE
                    && Character.getType(cp) != Character.SURROGATE)
        .limit(max)
        .forEach(sb::appendCodePoint);
    return sb.toString();
  }
}
