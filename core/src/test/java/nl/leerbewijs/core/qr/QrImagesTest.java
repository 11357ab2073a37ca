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
