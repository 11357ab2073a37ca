package nl.leerbewijs.verifier.bench;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import nl.leerbewijs.core.qr.QrImage;
import nl.leerbewijs.core.qr.QrImages;

/**
 * QR images as a phone camera would see them: a clean code, then scaled, rotated, in perspective,
 * blurred, low in contrast, with glare, noise, JPEG artefacts, inverted, and photographed off a
 * screen. Deterministic (fixed seeds), so runs are comparable.
 */
public final class QrCorpus {
  private QrCorpus() {}

  /**
   * A 1280x720 frame as a phone camera might see a code on another phone's screen; with a null
   * text, the same phone showing a blank page.
   */
  public static BufferedImage cameraView(String qrText) {
    int w = 1280;
    int h = 720;
    if (qrText == null) {
      BufferedImage frame = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = frame.createGraphics();
      g.setColor(new Color(92, 84, 76));
      g.fillRect(0, 0, w, h);
      g.setColor(new Color(30, 30, 34));
      g.fillRoundRect(300, 40, 680, 640, 40, 40);
      g.setColor(new Color(238, 238, 238));
      g.fillRect(340, 90, 600, 540);
      g.dispose();
      return frame;
    }
    QrImage probe = QrImages.render(qrText, 1);
    int module = Math.max(2, 600 / (probe.modules() + 2 * QrImages.QUIET_ZONE_MODULES));
    BufferedImage qr = QrImages.render(qrText, module).image();
    BufferedImage frame = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = frame.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(92, 84, 76));
    g.fillRect(0, 0, w, h);
    int side = qr.getWidth();
    int x = (w - side) / 2;
    int y = (h - side) / 2;
    g.setColor(new Color(30, 30, 34));
    g.fillRoundRect(x - 40, y - 50, side + 80, side + 100, 40, 40);
    g.drawImage(qr, x, y, null);
    g.dispose();
    return frame;
  }

  /** A deterministic stand-in for an LB1 payload: Base45 characters from a seeded generator. */
  public static String payload(int length, long seed) {
    String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    java.util.Random r = new java.util.Random(seed);
    StringBuilder sb = new StringBuilder("LB1:");
    while (sb.length() < length) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** The corpus for one QR text: name to image (JPEG-encoded ones are marked in the name). */
  public static Map<String, BufferedImage> of(String text) {
    return make(recipes(text));
  }

  /**
   * Images harder than {@link #of}, added when the reader got better (reported separately so that
   * the first corpus stays comparable): smaller modules, steeper perspective, an uncorrected
   * wide-angle lens, a smaller and harsher phone combination, and a 12 megapixel photo in which the
   * code is small.
   */
  public static Map<String, BufferedImage> harder(String text) {
    return make(harderRecipes(text));
  }

  /** One image of {@link #of} or {@link #harder} by name, without making the others. */
  public static BufferedImage image(String text, String name) {
    Supplier<BufferedImage> r = recipes(text).get(name);
    if (r == null) {
      r = harderRecipes(text).get(name);
    }
    if (r == null) {
      throw new IllegalArgumentException("no corpus image " + name);
    }
    return r.get();
  }

  private static Map<String, BufferedImage> make(Map<String, Supplier<BufferedImage>> recipes) {
    Map<String, BufferedImage> m = new LinkedHashMap<>();
    recipes.forEach((name, recipe) -> m.put(name, recipe.get()));
    return m;
  }

  private static Map<String, Supplier<BufferedImage>> recipes(String text) {
    BufferedImage clean = QrImages.render(text, 4).image();
    Map<String, Supplier<BufferedImage>> m = new LinkedHashMap<>();
    m.put("clean-4px", () -> clean);
    for (double px : new double[] {3, 2.5, 2, 1.6}) {
      m.put("scaled-" + px + "px", () -> onBackground(scale(clean, px / 4), 60));
    }
    for (int deg : new int[] {5, 15, 30, 45, 93}) {
      m.put("rotated-" + deg, () -> rotate(onBackground(clean, 60), deg));
    }
    m.put("perspective-slight", () -> perspective(onBackground(clean, 80), 0.03));
    m.put("perspective-mild", () -> perspective(onBackground(clean, 80), 0.08));
    m.put("perspective-strong", () -> perspective(onBackground(clean, 80), 0.18));
    m.put("blur-1", () -> blur(onBackground(clean, 40), 3));
    m.put("blur-2", () -> blur(onBackground(clean, 40), 5));
    m.put("blur-3", () -> blur(onBackground(clean, 40), 7));
    m.put("contrast-low", () -> contrast(onBackground(clean, 40), 105, 165));
    m.put("contrast-very-low", () -> contrast(onBackground(clean, 40), 125, 160));
    m.put("glare", () -> glare(onBackground(clean, 40), 0.65f));
    m.put("glare-strong", () -> glare(onBackground(clean, 40), 0.85f));
    m.put("noise-20", () -> noise(onBackground(clean, 40), 20, 1));
    m.put("noise-45", () -> noise(onBackground(clean, 40), 45, 2));
    m.put("jpeg-q30", () -> jpeg(onBackground(clean, 40), 0.30f));
    m.put("inverted", () -> invert(onBackground(clean, 40)));
    m.put("uneven-light", () -> gradient(onBackground(clean, 40)));
    m.put("screen-photo", () -> screenPhoto(clean, 1.0));
    m.put("screen-photo-small", () -> screenPhoto(clean, 0.7));
    m.put(
        "phone-combo",
        () ->
            jpeg(
                noise(
                    blur(perspective(rotate(onBackground(scale(clean, 0.75), 80), 8), 0.06), 3),
                    12,
                    3),
                0.6f));
    m.put("camera-frame", () -> cameraView(text));
    return m;
  }

  private static Map<String, Supplier<BufferedImage>> harderRecipes(String text) {
    BufferedImage clean = QrImages.render(text, 4).image();
    Map<String, Supplier<BufferedImage>> m = new LinkedHashMap<>();
    m.put("scaled-1.3px", () -> onBackground(scale(clean, 1.3 / 4), 60));
    m.put("perspective-extreme", () -> perspective(onBackground(clean, 80), 0.25));
    m.put("lens-barrel", () -> barrel(rotate(onBackground(clean, 80), 4), 0.06));
    m.put(
        "phone-combo-small",
        () ->
            jpeg(
                noise(
                    blur(perspective(rotate(onBackground(scale(clean, 0.5), 80), 12), 0.08), 3),
                    12,
                    5),
                0.5f));
    m.put("photo-12mp", () -> bigPhoto(clean, 0.75));
    return m;
  }

  /** Images without a code, to time the "no QR code found" answer. */
  public static Map<String, BufferedImage> noCode() {
    Map<String, BufferedImage> m = new LinkedHashMap<>();
    m.put("camera-frame-empty", cameraView(null));
    m.put("noise-1280x720", noise(flat(1280, 720, 0x808080), 60, 7));
    m.put("shapes-1600x900", shapes(1600, 900, 8));
    m.put("shapes-12mp", shapes(4000, 3000, 9));
    m.put("black-1000", flat(1000, 1000, 0));
    m.put("white-1000", flat(1000, 1000, 0xFFFFFF));
    return m;
  }

  static BufferedImage flat(int w, int h, int rgb) {
    BufferedImage out = rgb(w, h);
    Graphics2D g = out.createGraphics();
    g.setColor(new Color(rgb));
    g.fillRect(0, 0, w, h);
    g.dispose();
    return out;
  }

  /** Many small dark squares, frames and bars on a light background: finder-like clutter. */
  static BufferedImage shapes(int w, int h, long seed) {
    BufferedImage out = flat(w, h, 0xC8BEB4);
    Graphics2D g = out.createGraphics();
    Random r = new Random(seed);
    int n = (int) ((long) w * h / 400);
    for (int i = 0; i < n; i++) {
      g.setColor(r.nextBoolean() ? Color.BLACK : new Color(r.nextInt(0x1000000)));
      int s = 4 + r.nextInt(40);
      if (r.nextInt(3) == 0) {
        g.drawRect(r.nextInt(w), r.nextInt(h), s, s);
      } else {
        g.fillRect(r.nextInt(w), r.nextInt(h), s, s / 2 + 2);
      }
    }
    g.dispose();
    return out;
  }

  /**
   * Radial (barrel) distortion of a lens without software correction: a point at distance r from
   * the centre (as a fraction of the half diagonal) shows what is at r (1 + k r²).
   */
  static BufferedImage barrel(BufferedImage src, double k) {
    int w = src.getWidth();
    int h = src.getHeight();
    double cx = w / 2.0;
    double cy = h / 2.0;
    double half = Math.hypot(cx, cy);
    BufferedImage out = rgb(w, h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double dx = (x - cx) / half;
        double dy = (y - cy) / half;
        double f = 1 + k * (dx * dx + dy * dy);
        out.setRGB(x, y, sample(src, cx + dx * f * half, cy + dy * f * half));
      }
    }
    return out;
  }

  /**
   * A 4000x3000 photo (JPEG quality 0.8, slight noise) of a desk with the code printed {@code
   * scale} of its clean size, about 3 pixels per module, off centre.
   */
  static BufferedImage bigPhoto(BufferedImage clean, double scale) {
    BufferedImage photo = shapes(4000, 3000, 11);
    Graphics2D g = photo.createGraphics();
    BufferedImage code = scale(clean, scale);
    g.setColor(Color.WHITE);
    g.fillRect(1400, 900, code.getWidth() + 120, code.getHeight() + 120);
    g.drawImage(code, 1460, 960, null);
    g.dispose();
    return jpeg(noise(photo, 6, 12), 0.8f);
  }

  static BufferedImage rgb(int w, int h) {
    return new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
  }

  static BufferedImage onBackground(BufferedImage img, int margin) {
    BufferedImage out = rgb(img.getWidth() + 2 * margin, img.getHeight() + 2 * margin);
    Graphics2D g = out.createGraphics();
    g.setColor(new Color(150, 140, 128));
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    g.drawImage(img, margin, margin, null);
    g.dispose();
    return out;
  }

  static BufferedImage scale(BufferedImage img, double f) {
    int w = (int) Math.round(img.getWidth() * f);
    int h = (int) Math.round(img.getHeight() * f);
    BufferedImage out = rgb(w, h);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.drawImage(img, 0, 0, w, h, null);
    g.dispose();
    return out;
  }

  static BufferedImage rotate(BufferedImage img, double deg) {
    double r = Math.toRadians(deg);
    int w = img.getWidth();
    int h = img.getHeight();
    int side = (int) Math.ceil(Math.hypot(w, h));
    BufferedImage out = rgb(side, side);
    Graphics2D g = out.createGraphics();
    g.setColor(new Color(150, 140, 128));
    g.fillRect(0, 0, side, side);
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    AffineTransform t = new AffineTransform();
    t.translate(side / 2.0, side / 2.0);
    t.rotate(r);
    t.translate(-w / 2.0, -h / 2.0);
    g.drawImage(img, t, null);
    g.dispose();
    return out;
  }

  /** A projective warp that narrows the top edge by {@code k} of the width on each side. */
  static BufferedImage perspective(BufferedImage src, double k) {
    int w = src.getWidth();
    int h = src.getHeight();
    // Destination corners of the source rectangle.
    double[][] dst = {{w * k, h * k * 0.5}, {w * (1 - k), 0}, {w, h}, {0, h * (1 - k * 0.3)}};
    double[][] srcPts = {{0, 0}, {w, 0}, {w, h}, {0, h}};
    double[] hm = homography(dst, srcPts); // maps destination pixels back to the source
    BufferedImage out = rgb(w, h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double d = hm[6] * x + hm[7] * y + 1;
        double sx = (hm[0] * x + hm[1] * y + hm[2]) / d;
        double sy = (hm[3] * x + hm[4] * y + hm[5]) / d;
        out.setRGB(x, y, sample(src, sx, sy));
      }
    }
    return out;
  }

  static int sample(BufferedImage src, double x, double y) {
    if (x < 0 || y < 0 || x >= src.getWidth() - 1 || y >= src.getHeight() - 1) {
      return 0x968C80;
    }
    int x0 = (int) x;
    int y0 = (int) y;
    double fx = x - x0;
    double fy = y - y0;
    int a = src.getRGB(x0, y0) & 0xFF;
    int b = src.getRGB(x0 + 1, y0) & 0xFF;
    int c = src.getRGB(x0, y0 + 1) & 0xFF;
    int e = src.getRGB(x0 + 1, y0 + 1) & 0xFF;
    int v = (int) Math.round((a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + e * fx) * fy);
    return (v << 16) | (v << 8) | v;
  }

  /** The 3x3 homography (h33 = 1) taking the four {@code from} points to {@code to}. */
  static double[] homography(double[][] from, double[][] to) {
    double[][] a = new double[8][9];
    for (int i = 0; i < 4; i++) {
      double x = from[i][0];
      double y = from[i][1];
      double u = to[i][0];
      double v = to[i][1];
      a[2 * i] = new double[] {x, y, 1, 0, 0, 0, -u * x, -u * y, u};
      a[2 * i + 1] = new double[] {0, 0, 0, x, y, 1, -v * x, -v * y, v};
    }
    for (int col = 0; col < 8; col++) {
      int pivot = col;
      for (int r = col + 1; r < 8; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      double[] tmp = a[col];
      a[col] = a[pivot];
      a[pivot] = tmp;
      for (int r = 0; r < 8; r++) {
        if (r != col) {
          double f = a[r][col] / a[col][col];
          for (int c = col; c < 9; c++) {
            a[r][c] -= f * a[col][c];
          }
        }
      }
    }
    double[] h = new double[8];
    for (int i = 0; i < 8; i++) {
      h[i] = a[i][8] / a[i][i];
    }
    return h;
  }

  static BufferedImage blur(BufferedImage img, int size) {
    float[] k = new float[size * size];
    java.util.Arrays.fill(k, 1f / k.length);
    BufferedImage out = rgb(img.getWidth(), img.getHeight());
    new ConvolveOp(new Kernel(size, size, k), ConvolveOp.EDGE_NO_OP, null).filter(img, out);
    return out;
  }

  static BufferedImage map(BufferedImage img, UnaryOperator<int[]> f) {
    BufferedImage out = rgb(img.getWidth(), img.getHeight());
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int p = img.getRGB(x, y);
        int[] c = f.apply(new int[] {(p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF, x, y});
        out.setRGB(x, y, (clamp(c[0]) << 16) | (clamp(c[1]) << 8) | clamp(c[2]));
      }
    }
    return out;
  }

  static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  static BufferedImage contrast(BufferedImage img, int dark, int light) {
    return map(
        img,
        c -> {
          int[] o = new int[3];
          for (int i = 0; i < 3; i++) {
            o[i] = dark + c[i] * (light - dark) / 255;
          }
          return o;
        });
  }

  static BufferedImage invert(BufferedImage img) {
    return map(img, c -> new int[] {255 - c[0], 255 - c[1], 255 - c[2]});
  }

  static BufferedImage gradient(BufferedImage img) {
    int w = img.getWidth();
    return map(
        img,
        c -> {
          double f = 0.35 + 0.65 * c[3] / w;
          return new int[] {(int) (c[0] * f), (int) (c[1] * f), (int) (c[2] * f)};
        });
  }

  static BufferedImage noise(BufferedImage img, double sigma, long seed) {
    Random r = new Random(seed);
    return map(
        img,
        c -> {
          int n = (int) Math.round(r.nextGaussian() * sigma);
          return new int[] {c[0] + n, c[1] + n, c[2] + n};
        });
  }

  static BufferedImage glare(BufferedImage img, float strength) {
    BufferedImage out = rgb(img.getWidth(), img.getHeight());
    Graphics2D g = out.createGraphics();
    g.drawImage(img, 0, 0, null);
    float cx = img.getWidth() * 0.62f;
    float cy = img.getHeight() * 0.38f;
    float radius = img.getWidth() * 0.3f;
    g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, strength));
    g.setPaint(
        new RadialGradientPaint(
            cx,
            cy,
            radius,
            new float[] {0f, 1f},
            new Color[] {Color.WHITE, new Color(255, 255, 255, 0)}));
    g.fillOval((int) (cx - radius), (int) (cy - radius), (int) (2 * radius), (int) (2 * radius));
    g.dispose();
    return out;
  }

  static BufferedImage jpeg(BufferedImage img, float quality) {
    try {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      javax.imageio.ImageWriter w =
          javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
      javax.imageio.ImageWriteParam p = w.getDefaultWriteParam();
      p.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
      p.setCompressionQuality(quality);
      try (javax.imageio.stream.ImageOutputStream out =
          javax.imageio.ImageIO.createImageOutputStream(bytes)) {
        w.setOutput(out);
        w.write(null, new javax.imageio.IIOImage(img, null, null), p);
      }
      w.dispose();
      return javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes.toByteArray()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * A code shown on a screen and photographed: the screen's sub-pixel grid (each image pixel
   * becomes an RGB stripe triple), a resampling that does not line up with it (moiré), slight blur,
   * a dark bezel, and a little noise.
   */
  static BufferedImage screenPhoto(BufferedImage clean, double size) {
    int w = clean.getWidth();
    int h = clean.getHeight();
    BufferedImage screen = rgb(w * 3, h * 3);
    for (int y = 0; y < h * 3; y++) {
      for (int x = 0; x < w * 3; x++) {
        int v = clean.getRGB(x / 3, y / 3) & 0xFF;
        int lit = y % 3 == 2 ? v / 3 : v; // dark rows between pixel rows
        int rgb = x % 3 == 0 ? lit << 16 : x % 3 == 1 ? lit << 8 : lit;
        screen.setRGB(x, y, rgb);
      }
    }
    BufferedImage photo = scale(screen, size / 3 * 1.37);
    BufferedImage framed = rgb(photo.getWidth() + 160, photo.getHeight() + 160);
    Graphics2D g = framed.createGraphics();
    g.setColor(new Color(20, 20, 24));
    g.fillRect(0, 0, framed.getWidth(), framed.getHeight());
    g.drawImage(photo, 80, 80, null);
    g.dispose();
    return noise(blur(framed, 3), 6, 4);
  }
}
