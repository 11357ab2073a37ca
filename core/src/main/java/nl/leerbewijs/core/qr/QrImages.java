package nl.leerbewijs.core.qr;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.DecoderResult;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Renders QR codes and reads them back from images, with ZXing.
 *
 * <p>Rendering uses error correction level M, a quiet zone of {@value #QUIET_ZONE_MODULES} modules
 * and a whole number of pixels per module, and reports the version it needed.
 *
 * <p>Reading is shared by the verifier, the wallet and the demo, and tries hard within bounded work
 * (see {@code QrScanner}): the clean-render path ({@code PURE_BARCODE}) first, then ZXing's
 * detector with the hybrid and the global-histogram binarizers, the inverted image, and small
 * images enlarged 1.5 and 2 times, and last the image turned a quarter; where ZXing's detector
 * finds the finder patterns but misjudges the code's size or shape (dense codes at 1.5-2 pixels per
 * module, perspective, lens distortion) its own grid fitter takes over. Images over a pixel limit
 * are refused before they are decoded; the verifier README measures read rates against zbar and the
 * time per image.
 */
public final class QrImages {

  /** Error correction level used for every code leerbewijs renders: M (about 15 %). */
  public static final ErrorCorrectionLevel ERROR_CORRECTION = ErrorCorrectionLevel.M;

  /** Quiet zone on each side, in modules (ISO/IEC 18004 asks for 4). */
  public static final int QUIET_ZONE_MODULES = 4;

  /** Default pixel limit for images to read: 40 megapixels. */
  public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

  private QrImages() {}

  /**
   * The QR code (at level M) ZXing builds for {@code text}: alphanumeric mode for Base45 text, byte
   * mode (ISO-8859-1, no ECI) for text whose characters all lie in 0..255, else UTF-8.
   *
   * @throws IllegalArgumentException when the text does not fit a version 40 code
   */
  public static QRCode encode(String text) {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    boolean latin1 = text.chars().allMatch(c -> c <= 0xFF);
    hints.put(EncodeHintType.CHARACTER_SET, latin1 ? "ISO-8859-1" : "UTF-8");
    try {
      return Encoder.encode(text, ERROR_CORRECTION, hints);
    } catch (WriterException e) {
      throw new IllegalArgumentException(
          "text of " + text.length() + " characters does not fit one QR code at level M", e);
    }
  }

  /** The QR version (1..40) {@code text} needs at level M. */
  public static int version(String text) {
    return encode(text).getVersion().getVersionNumber();
  }

  /**
   * Renders {@code text} as a QR code.
   *
   * @param moduleSize pixels per module, 1..64
   */
  public static QrImage render(String text, int moduleSize) {
    if (moduleSize < 1 || moduleSize > 64) {
      throw new IllegalArgumentException("module size must be 1..64 pixels, got " + moduleSize);
    }
    QRCode code = encode(text);
    ByteMatrix m = code.getMatrix();
    int modules = m.getWidth();
    int side = (modules + 2 * QUIET_ZONE_MODULES) * moduleSize;
    BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster r = img.getRaster();
    int[] white = new int[side];
    java.util.Arrays.fill(white, 255);
    for (int y = 0; y < side; y++) {
      r.setSamples(0, y, side, 1, 0, white);
    }
    int[] black = new int[moduleSize * moduleSize];
    for (int y = 0; y < modules; y++) {
      for (int x = 0; x < modules; x++) {
        if (m.get(x, y) == 1) {
          int px = (x + QUIET_ZONE_MODULES) * moduleSize;
          int py = (y + QUIET_ZONE_MODULES) * moduleSize;
          r.setSamples(px, py, moduleSize, moduleSize, 0, black);
        }
      }
    }
    return new QrImage(img, code.getVersion().getVersionNumber(), modules, moduleSize);
  }

  /** The image as PNG bytes. */
  public static byte[] png(BufferedImage image) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("writing PNG failed", e);
    }
  }

  /** {@link #read(byte[], long)} with {@link #DEFAULT_MAX_PIXELS}. */
  public static String read(byte[] imageFile) throws QrImageException {
    return read(imageFile, DEFAULT_MAX_PIXELS);
  }

  /**
   * Reads the QR text from an image file (PNG, JPEG, GIF, BMP). The dimensions are read from the
   * header and checked against {@code maxPixels} before any pixel is decoded.
   */
  public static String read(byte[] imageFile, long maxPixels) throws QrImageException {
    // Only decoding the file is guarded here: a failure in the scanner is a bug to surface, not
    // an image to call undecodable.
    return read(decode(imageFile, maxPixels), maxPixels);
  }

  private static BufferedImage decode(byte[] imageFile, long maxPixels) throws QrImageException {
    try (ImageInputStream in =
        ImageIO.createImageInputStream(new ByteArrayInputStream(imageFile))) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new QrImageException(
            QrImageException.Reason.NOT_AN_IMAGE, "the file is not an image format we can read");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        checkPixels(pixels, maxPixels);
        int step = subsampling(pixels);
        if (step == 1) {
          return reader.read(0);
        }
        ImageReadParam every = reader.getDefaultReadParam();
        every.setSourceSubsampling(step, step, 0, 0);
        return reader.read(0, every);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      throw new QrImageException(
          QrImageException.Reason.NOT_AN_IMAGE, "the image cannot be decoded: " + e.getMessage());
    }
  }

  /**
   * Every how many pixels, across and down, a file is decoded: 1 up to four times the scanner's
   * work size, then the largest step that still leaves at least that size (a 24-megapixel photo is
   * decoded at 6 megapixels, 2). The scanner shrinks anything larger than its work size anyway;
   * decoding every pixel of a large photo first would hold it whole in memory (a 24-megapixel one
   * as about 70 MB of pixels plus its grey copy), once per upload being read at the same time.
   */
  static int subsampling(long pixels) {
    return (int) Math.max(1, Math.floor(Math.sqrt((double) pixels / QrScanner.MAX_WORK_PIXELS)));
  }

  /** {@link #read(BufferedImage, long)} with {@link #DEFAULT_MAX_PIXELS}. */
  public static String read(BufferedImage image) throws QrImageException {
    return read(image, DEFAULT_MAX_PIXELS);
  }

  /**
   * Reads the QR text from an image. When the code holds byte-mode data only, the text is built
   * from the raw bytes (UTF-8 when they are valid UTF-8, else ISO-8859-1), not from ZXing's
   * character-set guess.
   *
   * @throws QrImageException {@code IMAGE_TOO_LARGE} over the pixel limit, {@code NO_QR_CODE} when
   *     no attempt finds a code
   */
  public static String read(BufferedImage image, long maxPixels) throws QrImageException {
    checkPixels((long) image.getWidth() * image.getHeight(), maxPixels);
    DecoderResult r = new QrScanner(image, step -> {}).scan();
    if (r == null) {
      throw new QrImageException(
          QrImageException.Reason.NO_QR_CODE, "no QR code found in the image");
    }
    return text(r);
  }

  private static void checkPixels(long pixels, long max) throws QrImageException {
    if (pixels > max) {
      throw new QrImageException(
          QrImageException.Reason.IMAGE_TOO_LARGE,
          "image has " + pixels + " pixels, more than the limit of " + max);
    }
  }

  private static String text(DecoderResult r) {
    List<byte[]> segs = r.getByteSegments();
    if (segs == null || segs.isEmpty()) {
      return r.getText();
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] s : segs) {
      all.writeBytes(s);
    }
    byte[] bytes = all.toByteArray();
    if (r.getText().length() > bytes.length) {
      return r.getText(); // mixed modes: the byte segments are only part of the text
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }
}
