package nl.leerbewijs.core.qr;

import com.google.zxing.LuminanceSource;
import com.google.zxing.PlanarYUVLuminanceSource;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DirectColorModel;

/**
 * An 8-bit grey image, one byte per pixel row by row, made from a picture and resized. Written here
 * rather than with Java2D so that every attempt works on one compact array (ZXing reads it without
 * a copy) and gives the same pixels on every JVM.
 */
final class GrayImage {
  final byte[] pixels;
  final int width;
  final int height;

  GrayImage(byte[] pixels, int width, int height) {
    this.pixels = pixels;
    this.width = width;
    this.height = height;
  }

  long pixelCount() {
    return (long) width * height;
  }

  /** Difference between the lightest and the darkest pixel. */
  int contrast() {
    int min = 255;
    int max = 0;
    for (byte b : pixels) {
      int v = b & 0xFF;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return max - min;
  }

  /** The image as ZXing reads it (no copy). */
  LuminanceSource source() {
    return new PlanarYUVLuminanceSource(pixels, width, height, 0, 0, width, height, false);
  }

  /**
   * Luma with ZXing's weights (0.299 R + 0.587 G + 0.114 B); transparent pixels count as white, as
   * a QR code on a transparent background is shown on white.
   */
  static GrayImage luminance(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] out = new byte[w * h];
    if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      image.getRaster().getDataElements(0, 0, w, h, out);
      return new GrayImage(out, w, h);
    }
    ColorModel cm = image.getColorModel();
    int bands = image.getRaster().getNumBands();
    boolean plainRgb =
        cm.getColorSpace().isCS_sRGB()
            && !cm.isAlphaPremultiplied()
            && (bands == 3 || (bands == 4 && cm.hasAlpha()))
            && (cm instanceof ComponentColorModel || cm instanceof DirectColorModel)
            && java.util.Arrays.stream(cm.getComponentSize()).allMatch(b -> b == 8);
    // The raster's samples directly where they are plain 8-bit R, G, B (and alpha): several times
    // faster than getRGB, which converts every pixel through the colour model.
    int[] row = new int[w * (plainRgb ? bands : 1)];
    for (int y = 0; y < h; y++) {
      if (plainRgb) {
        image.getRaster().getPixels(0, y, w, 1, row);
      } else {
        image.getRGB(0, y, w, 1, row, 0, w);
      }
      for (int x = 0; x < w; x++) {
        int r;
        int g;
        int b;
        int a;
        if (plainRgb) {
          int i = x * bands;
          r = row[i];
          g = row[i + 1];
          b = row[i + 2];
          a = bands == 4 ? row[i + 3] : 0xFF;
        } else {
          int p = row[x];
          r = (p >> 16) & 0xFF;
          g = (p >> 8) & 0xFF;
          b = p & 0xFF;
          a = p >>> 24;
        }
        int v = (306 * r + 601 * g + 117 * b + 0x200) >> 10;
        if (a != 0xFF) {
          v = (v * a + 255 * (255 - a)) / 255;
        }
        out[y * w + x] = (byte) v;
      }
    }
    return new GrayImage(out, w, h);
  }

  /**
   * This image resized by {@code factor}: Catmull-Rom (bicubic) when enlarging, which keeps module
   * edges sharp; a triangle filter as wide as the reduction when shrinking, which averages away
   * noise instead of aliasing it.
   */
  GrayImage resized(double factor) {
    int w = Math.max(1, (int) Math.round(width * factor));
    int h = Math.max(1, (int) Math.round(height * factor));
    Weights wx = Weights.of(width, w, factor);
    Weights wy = Weights.of(height, h, factor);
    float[] mid = new float[w * height];
    for (int y = 0; y < height; y++) {
      int base = y * width;
      for (int x = 0; x < w; x++) {
        float s = 0;
        int start = wx.start[x];
        float[] k = wx.weights[x];
        for (int i = 0; i < k.length; i++) {
          s += k[i] * (pixels[base + start + i] & 0xFF);
        }
        mid[y * w + x] = s;
      }
    }
    byte[] out = new byte[w * h];
    for (int y = 0; y < h; y++) {
      int start = wy.start[y];
      float[] k = wy.weights[y];
      for (int x = 0; x < w; x++) {
        float s = 0;
        for (int i = 0; i < k.length; i++) {
          s += k[i] * mid[(start + i) * w + x];
        }
        out[y * w + x] = (byte) clamp(Math.round(s));
      }
    }
    return new GrayImage(out, w, h);
  }

  private static int clamp(int v) {
    return v < 0 ? 0 : Math.min(255, v);
  }

  /** Per output pixel: the first source pixel used and the normalised weights from there on. */
  private static final class Weights {
    final int[] start;
    final float[][] weights;

    private Weights(int n) {
      start = new int[n];
      weights = new float[n][];
    }

    static Weights of(int in, int out, double factor) {
      boolean enlarge = factor >= 1;
      double support = enlarge ? 2 : 1 / factor; // kernel radius in source pixels
      double scale = (double) in / out;
      Weights w = new Weights(out);
      for (int o = 0; o < out; o++) {
        double centre = (o + 0.5) * scale - 0.5;
        int first = Math.max(0, (int) Math.floor(centre - support) + 1);
        int last = Math.min(in - 1, (int) Math.ceil(centre + support) - 1);
        if (last < first) {
          first = last = Math.min(in - 1, Math.max(0, (int) Math.round(centre)));
        }
        float[] k = new float[last - first + 1];
        double total = 0;
        for (int i = first; i <= last; i++) {
          double d = Math.abs(i - centre);
          double v = enlarge ? catmullRom(d) : Math.max(0, 1 - d / support);
          k[i - first] = (float) v;
          total += v;
        }
        if (total == 0) {
          k = new float[] {1};
          first = Math.min(in - 1, Math.max(0, (int) Math.round(centre)));
        } else {
          for (int i = 0; i < k.length; i++) {
            k[i] /= (float) total;
          }
        }
        w.start[o] = first;
        w.weights[o] = k;
      }
      return w;
    }

    /** Keys' cubic with a = -0.5 (Catmull-Rom). */
    private static double catmullRom(double d) {
      if (d < 1) {
        return 1.5 * d * d * d - 2.5 * d * d + 1;
      }
      if (d < 2) {
        return -0.5 * d * d * d + 2.5 * d * d - 4 * d + 2;
      }
      return 0;
    }
  }
}
