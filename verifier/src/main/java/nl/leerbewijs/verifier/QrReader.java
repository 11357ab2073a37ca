package nl.leerbewijs.verifier;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import nl.leerbewijs.core.qr.QrImageException;
import nl.leerbewijs.core.qr.QrImages;

/**
 * Reads the QR text in an image file: core's {@link QrImages#read(byte[], long)} first, then, for
 * small images only, once more at twice the size (bicubic). Dense codes (version 25-35 for a
 * typical presentation) photographed small have modules of 1.5-3 pixels, often not a whole number;
 * ZXing's finder misses many of those, and upscaling recovers them (see the corpus figures in the
 * README). Large images (camera frames) are not upscaled: it would quadruple the work for every
 * frame that has no code, and the next frame comes soon.
 *
 * <p>The pixel limit is checked from the header before any decoding, as in core.
 */
public final class QrReader {

  /** Images whose longer side is at most this many pixels get the upscaled second attempt. */
  public static final int UPSCALE_MAX_SIDE = 1100;

  private final long maxPixels;

  public QrReader(long maxPixels) {
    this.maxPixels = maxPixels;
  }

  public String read(byte[] imageFile) throws QrImageException {
    try {
      return QrImages.read(imageFile, maxPixels);
    } catch (QrImageException e) {
      if (e.reason() != QrImageException.Reason.NO_QR_CODE) {
        throw e;
      }
      BufferedImage image = decode(imageFile);
      if (image == null || Math.max(image.getWidth(), image.getHeight()) > UPSCALE_MAX_SIDE) {
        throw e;
      }
      return QrImages.read(
          upscale(image, 2), Math.max(maxPixels, 4L * UPSCALE_MAX_SIDE * UPSCALE_MAX_SIDE));
    }
  }

  private static BufferedImage decode(byte[] imageFile) {
    try {
      return ImageIO.read(new ByteArrayInputStream(imageFile));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static BufferedImage upscale(BufferedImage src, int factor) {
    int w = src.getWidth() * factor;
    int h = src.getHeight() * factor;
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.drawImage(src, 0, 0, w, h, null);
    g.dispose();
    return out;
  }
}
