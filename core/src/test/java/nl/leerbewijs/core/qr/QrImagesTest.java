package nl.leerbewijs.core.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QrImagesTest {

  private static String presentation;
  private static String qrText;
  private static QrImage rendered;

  @BeforeAll
  static void build() throws Exception {
    // A fixed presentation (signatures and keys are random when generated), so that every run reads
    // the same QR code: whether ZXing finds a damaged code depends on its exact modules.
    try (java.io.InputStream in =
        QrImagesTest.class.getResourceAsStream("/qr/realistic-presentation.txt")) {
      presentation =
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip();
    }
    qrText = QrPayloadCodec.encode(presentation);
    rendered = QrImages.render(qrText, 4);
  }

  @Test
  void render_realisticPresentation_levelMVersionAndQuietZone() {
    assertTrue(rendered.version() <= 30, "version " + rendered.version());
    assertEquals(17 + 4 * rendered.version(), rendered.modules());
    assertEquals((rendered.modules() + 8) * 4, rendered.image().getWidth());
    // the quiet zone is white
    for (int i = 0; i < 16; i++) {
      assertEquals(0xFFFFFFFF, rendered.image().getRGB(i, i));
    }
  }

  @Test
  void renderThenRead_cleanImage_givesExactPresentation() throws Exception {
    assertEquals(presentation, QrPayloadCodec.decode(QrImages.read(rendered.image())));
  }

  @Test
  void renderThenRead_pngBytes_givesExactText() throws Exception {
    assertEquals(qrText, QrImages.read(QrImages.png(rendered.image())));
  }

  @Test
  void read_rotatedImages_found() throws Exception {
    BufferedImage img = rendered.image();
    for (int quarter = 1; quarter <= 3; quarter++) {
      img = rotate90(img);
      assertEquals(qrText, QrImages.read(img), "rotation " + quarter * 90);
    }
  }

  @Test
  void read_invertedImage_found() throws Exception {
    BufferedImage img = rendered.image();
    BufferedImage inv =
        new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        inv.setRGB(x, y, ~img.getRGB(x, y) & 0xFFFFFF);
      }
    }
    assertEquals(qrText, QrImages.read(inv));
  }

  @Test
  void read_scaledUpNoisyPhoto_found() throws Exception {
    BufferedImage small = QrImages.render(qrText, 2).image();
    int side = (int) (small.getWidth() * 7.3) + 400;
    BufferedImage photo = new BufferedImage(side, side + 300, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = photo.createGraphics();
    g.setColor(new java.awt.Color(90, 110, 100));
    g.fillRect(0, 0, photo.getWidth(), photo.getHeight());
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(
        small, 200, 250, (int) (small.getWidth() * 7.3), (int) (small.getHeight() * 7.3), null);
    g.dispose();
    Random random = new Random(5);
    for (int y = 0; y < photo.getHeight(); y++) {
      for (int x = 0; x < photo.getWidth(); x++) {
        int rgb = photo.getRGB(x, y);
        int noise = (int) (random.nextGaussian() * 25);
        int r = clamp(((rgb >> 16) & 0xFF) * 85 / 100 + 20 + noise);
        int gr = clamp(((rgb >> 8) & 0xFF) * 85 / 100 + 20 + noise);
        int b = clamp((rgb & 0xFF) * 85 / 100 + 10 + noise);
        photo.setRGB(x, y, r << 16 | gr << 8 | b);
      }
    }
    assertTrue(photo.getWidth() * (long) photo.getHeight() > 4_000_000L);
    assertEquals(presentation, QrPayloadCodec.decode(QrImages.read(photo)));
  }

  /**
   * A 24-megapixel photo is decoded every second pixel (6 megapixels, not held whole in memory),
   * and its code is still read; up to 18 megapixels every pixel is decoded.
   */
  @Test
  void read_24MegapixelJpeg_decodedSubsampledAndRead() throws Exception {
    assertEquals(1, QrImages.subsampling(4_000L * 3_000));
    assertEquals(1, QrImages.subsampling(18_000_000L - 1));
    assertEquals(2, QrImages.subsampling(6_000L * 4_000));
    assertEquals(3, QrImages.subsampling(9_000L * 5_000));
    BufferedImage code = QrImages.render(qrText, 1).image();
    BufferedImage photo = new BufferedImage(6_000, 4_000, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = photo.createGraphics();
    g.setColor(new java.awt.Color(120, 120, 120));
    g.fillRect(0, 0, photo.getWidth(), photo.getHeight());
    int side = code.getWidth() * 14; // 14 px per module: 7 after decoding every second pixel
    g.drawImage(code, 1_500, 600, side, side, null);
    g.dispose();
    java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(photo, "jpeg", jpeg);
    photo = null; // only the file from here on
    assertEquals(presentation, QrPayloadCodec.decode(QrImages.read(jpeg.toByteArray())));
  }

  @Test
  void read_byteModePayload_rawBytesPreserved() throws Exception {
    byte[] packed = Base45.decode(qrText.substring(4));
    String latin1 = "LB1:" + new String(packed, StandardCharsets.ISO_8859_1);
    QrImage img = QrImages.render(latin1, 3);
    assertTrue(img.version() <= rendered.version());
    assertEquals(latin1, QrImages.read(img.image()));
  }

  @Test
  void read_imageOverPixelLimit_refused() {
    BufferedImage big = new BufferedImage(1200, 1000, BufferedImage.TYPE_BYTE_GRAY);
    QrImageException e = assertThrows(QrImageException.class, () -> QrImages.read(big, 1_000_000L));
    assertEquals(QrImageException.Reason.IMAGE_TOO_LARGE, e.reason());
    byte[] png = QrImages.png(big);
    e = assertThrows(QrImageException.class, () -> QrImages.read(png, 1_000_000L));
    assertEquals(QrImageException.Reason.IMAGE_TOO_LARGE, e.reason());
    assertEquals("qr.image_too_large", e.reason().code());
  }

  @Test
  void read_imageWithoutQrCode_noQrCode() {
    BufferedImage blank = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(1);
    for (int y = 0; y < 300; y++) {
      for (int x = 0; x < 400; x++) {
        blank.setRGB(x, y, random.nextInt(0x1000000));
      }
    }
    QrImageException e = assertThrows(QrImageException.class, () -> QrImages.read(blank));
    assertEquals(QrImageException.Reason.NO_QR_CODE, e.reason());
  }

  @Test
  void read_notAnImage_notAnImage() {
    QrImageException e =
        assertThrows(
            QrImageException.class,
            () -> QrImages.read("not an image".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(QrImageException.Reason.NOT_AN_IMAGE, e.reason());
  }

  // ---- hostile and empty images: a clear answer, without decoding more than the header allows

  @Test
  void read_headerClaimsHugeImage_tooLargeBeforeDecoding() {
    // A PNG whose header says 60000 x 60000 pixels (3.6 gigapixels), with no pixel data at all.
    byte[] png = pngHeaderOnly(60_000, 60_000);
    QrImageException e = assertThrows(QrImageException.class, () -> QrImages.read(png));
    assertEquals(QrImageException.Reason.IMAGE_TOO_LARGE, e.reason());
  }

  @Test
  void read_truncatedPng_notAnImage() {
    byte[] png = QrImages.png(rendered.image());
    byte[] truncated = java.util.Arrays.copyOf(png, png.length / 3);
    QrImageException e = assertThrows(QrImageException.class, () -> QrImages.read(truncated));
    assertEquals(QrImageException.Reason.NOT_AN_IMAGE, e.reason());
  }

  @Test
  void read_emptyFile_notAnImage() {
    QrImageException e = assertThrows(QrImageException.class, () -> QrImages.read(new byte[0]));
    assertEquals(QrImageException.Reason.NOT_AN_IMAGE, e.reason());
  }

  @Test
  void read_allBlackAndAllWhite_noQrCode() {
    for (int rgb : new int[] {0x000000, 0xFFFFFF}) {
      BufferedImage flat = filled(1200, 900, rgb);
      QrImageException e =
          assertThrows(QrImageException.class, () -> QrImages.read(QrImages.png(flat)));
      assertEquals(QrImageException.Reason.NO_QR_CODE, e.reason(), Integer.toHexString(rgb));
    }
  }

  @Test
  void read_largeNoiseWithoutCode_noQrCode() {
    // Over the reader's working size (4.5 megapixels), so it is shrunk first.
    BufferedImage noise = new BufferedImage(2600, 1800, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(3);
    int[] row = new int[noise.getWidth()];
    for (int y = 0; y < noise.getHeight(); y++) {
      for (int x = 0; x < row.length; x++) {
        row[x] = random.nextInt(0x1000000);
      }
      noise.setRGB(0, y, row.length, 1, row, 0, row.length);
    }
    QrImageException e = assertThrows(QrImageException.class, () -> QrImages.read(noise));
    assertEquals(QrImageException.Reason.NO_QR_CODE, e.reason());
  }

  @Test
  void read_degenerateShapes_noQrCode() {
    for (int[] wh : new int[][] {{1, 1}, {1, 3000}, {3000, 2}}) {
      BufferedImage img = filled(wh[0], wh[1], 0x808080);
      img.setRGB(0, 0, 0);
      QrImageException e = assertThrows(QrImageException.class, () -> QrImages.read(img));
      assertEquals(QrImageException.Reason.NO_QR_CODE, e.reason(), wh[0] + "x" + wh[1]);
    }
  }

  @Test
  void read_codeOnTransparentBackground_found() throws Exception {
    // Transparent pixels count as white, as a viewer shows them.
    BufferedImage src = QrImages.render(qrText, 3).image();
    BufferedImage argb =
        new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < src.getHeight(); y++) {
      for (int x = 0; x < src.getWidth(); x++) {
        argb.setRGB(x, y, (src.getRGB(x, y) & 0xFF) == 0 ? 0xFF000000 : 0x00000000);
      }
    }
    assertEquals(qrText, QrImages.read(QrImages.png(argb)));
  }

  private static BufferedImage filled(int w, int h, int rgb) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new java.awt.Color(rgb));
    g.fillRect(0, 0, w, h);
    g.dispose();
    return img;
  }

  /** A PNG signature, an IHDR chunk for an 8-bit RGB image of w x h, and IEND: no pixel data. */
  private static byte[] pngHeaderOnly(int w, int h) {
    java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13);
    ihdr.putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    chunk(out, "IHDR", ihdr.array());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(java.io.ByteArrayOutputStream out, String type, byte[] data) {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(t);
    out.writeBytes(data);
    out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  @Test
  void render_tooMuchText_refused() {
    assertThrows(IllegalArgumentException.class, () -> QrImages.render("A".repeat(5000), 2));
    assertThrows(IllegalArgumentException.class, () -> QrImages.render("A", 0));
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  private static BufferedImage rotate90(BufferedImage src) {
    BufferedImage out =
        new BufferedImage(src.getHeight(), src.getWidth(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < src.getHeight(); y++) {
      for (int x = 0; x < src.getWidth(); x++) {
        out.setRGB(src.getHeight() - 1 - y, x, src.getRGB(x, y));
      }
    }
    return out;
  }
}
