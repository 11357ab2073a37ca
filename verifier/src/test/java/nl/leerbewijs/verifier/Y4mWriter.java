package nl.leerbewijs.verifier;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a still image as a YUV4MPEG2 video (4:2:0, {@code C420jpeg}, full-range BT.601), the
 * format Chromium's {@code --use-file-for-fake-video-capture} plays as a fake camera.
 */
final class Y4mWriter {
  private Y4mWriter() {}

  static void write(BufferedImage image, int frames, Path file) throws IOException {
    int w = image.getWidth() & ~1;
    int h = image.getHeight() & ~1;
    byte[] y = new byte[w * h];
    byte[] u = new byte[(w / 2) * (h / 2)];
    byte[] v = new byte[(w / 2) * (h / 2)];
    double[] us = new double[u.length];
    double[] vs = new double[v.length];
    for (int row = 0; row < h; row++) {
      for (int col = 0; col < w; col++) {
        int rgb = image.getRGB(col, row);
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        y[row * w + col] = (byte) clamp(0.299 * r + 0.587 * g + 0.114 * b);
        int c = (row / 2) * (w / 2) + col / 2;
        us[c] += -0.168736 * r - 0.331264 * g + 0.5 * b + 128;
        vs[c] += 0.5 * r - 0.418688 * g - 0.081312 * b + 128;
      }
    }
    for (int i = 0; i < u.length; i++) {
      u[i] = (byte) clamp(us[i] / 4);
      v[i] = (byte) clamp(vs[i] / 4);
    }
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      out.write(
          ("YUV4MPEG2 W" + w + " H" + h + " F10:1 Ip A1:1 C420jpeg\n")
              .getBytes(StandardCharsets.US_ASCII));
      for (int f = 0; f < frames; f++) {
        out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
        out.write(y);
        out.write(u);
        out.write(v);
      }
    }
  }

  private static int clamp(double x) {
    return (int) Math.max(0, Math.min(255, Math.round(x)));
  }
}
