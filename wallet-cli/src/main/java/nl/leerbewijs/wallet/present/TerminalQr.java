package nl.leerbewijs.wallet.present;

import com.google.zxing.qrcode.encoder.ByteMatrix;
import nl.leerbewijs.core.qr.QrImages;

/**
 * Draws a QR code in a terminal with Unicode half blocks: each character cell holds two modules
 * (top and bottom), so the code keeps its square shape. Quiet zone of {@value
 * QrImages#QUIET_ZONE_MODULES} modules on every side.
 *
 * <p>With colours ({@code ansi}), dark modules are black on a bright white background whatever the
 * terminal's theme: dark-on-light, as phone cameras expect. Without colours, the glyphs draw the
 * LIGHT modules, which gives dark-on-light on the usual light-text-on-dark terminal.
 */
public final class TerminalQr {

  static final char FULL = '\u2588';
  static final char UPPER = '\u2580';
  static final char LOWER = '\u2584';
  private static final String COLOURS = "\u001b[30;107m";
  private static final String RESET = "\u001b[0m";

  private TerminalQr() {}

  public static String render(ByteMatrix m, boolean ansi) {
    int q = QrImages.QUIET_ZONE_MODULES;
    int size = m.getWidth() + 2 * q;
    StringBuilder sb = new StringBuilder();
    for (int y = 0; y < size; y += 2) {
      if (ansi) {
        sb.append(COLOURS);
      }
      for (int x = 0; x < size; x++) {
        boolean top = dark(m, x - q, y - q);
        boolean bottom = y + 1 < size && dark(m, x - q, y + 1 - q);
        sb.append(ansi ? glyph(top, bottom) : glyph(!top, y + 1 < size && !bottom));
      }
      if (ansi) {
        sb.append(RESET);
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** The glyph whose painted (foreground) halves are {@code top} and {@code bottom}. */
  private static char glyph(boolean top, boolean bottom) {
    if (top && bottom) {
      return FULL;
    }
    if (top) {
      return UPPER;
    }
    return bottom ? LOWER : ' ';
  }

  private static boolean dark(ByteMatrix m, int x, int y) {
    return x >= 0 && y >= 0 && x < m.getWidth() && y < m.getHeight() && m.get(x, y) == 1;
  }
}
