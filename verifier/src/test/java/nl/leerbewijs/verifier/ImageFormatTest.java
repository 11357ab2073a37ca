package nl.leerbewijs.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageFormatTest {

  static byte[] encode(String format) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), format, out);
    return out.toByteArray();
  }

  @Test
  void sniff_realImages_recognised() throws Exception {
    assertEquals(ImageFormat.PNG, ImageFormat.sniff(encode("png")).orElseThrow());
    assertEquals(ImageFormat.JPEG, ImageFormat.sniff(encode("jpeg")).orElseThrow());
    assertEquals(ImageFormat.GIF, ImageFormat.sniff(encode("gif")).orElseThrow());
    assertEquals(ImageFormat.BMP, ImageFormat.sniff(encode("bmp")).orElseThrow());
  }

  @Test
  void sniff_textAndShortInput_empty() {
    assertTrue(ImageFormat.sniff("eyJhbGciOiJFUzI1NiJ9".getBytes()).isEmpty());
    assertTrue(ImageFormat.sniff("LB1:ABC".getBytes()).isEmpty());
    assertTrue(ImageFormat.sniff(new byte[] {(byte) 0x89, 'P'}).isEmpty());
    assertTrue(ImageFormat.sniff(new byte[0]).isEmpty());
    assertTrue(ImageFormat.sniff("BM".getBytes()).isEmpty());
  }

  @Test
  void ofMediaType_caseInsensitive() {
    assertEquals(ImageFormat.JPEG, ImageFormat.ofMediaType("IMAGE/JPEG").orElseThrow());
    assertTrue(ImageFormat.ofMediaType("image/webp").isEmpty());
  }
}
