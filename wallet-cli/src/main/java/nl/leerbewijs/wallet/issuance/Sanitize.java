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
    // A plain loop rather than a stream: `wallet list` runs this a few hundred times while the
    // JVM is still cold, where each stream pipeline costs far more than the work.
    StringBuilder sb = new StringBuilder(Math.min(s.length(), max));
    int kept = 0;
    for (int i = 0; i < s.length() && kept < max; ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (!Character.isISOControl(cp)
          && type != Character.FORMAT
          && type != Character.PRIVATE_USE
          && type != Character.SURROGATE) {
        sb.appendCodePoint(cp);
        kept++;
      }
    }
    return sb.toString();
  }
}
