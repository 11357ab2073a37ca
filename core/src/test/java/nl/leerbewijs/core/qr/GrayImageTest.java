package nl.leerbewijs.core.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class GrayImageTest {

  @Test
  void resized_evenGrey_staysEvenAtEveryFactor() {
    byte[] px = new byte[90 * 60];
    java.util.Arrays.fill(px, (byte) 137);
    GrayImage g = new GrayImage(px, 90, 60);
    for (double f : new double[] {0.3, 0.75, 1.5, 2}) {
      GrayImage r = g.resized(f);
      assertEquals(Math.round(90 * f), r.width);
      assertEquals(Math.round(60 * f), r.height);
      for (byte b : r.pixels) {
        assertEquals(137, b & 0xFF, "factor " + f);
      }
    }
  }

  @Test
  void resized_enlargedEdge_staysWithinRangeAndSharp() {
    // A black-white edge enlarged twice: Catmull-Rom may overshoot, clamped to 0..255, and the
    // edge stays within about a source pixel.
    byte[] px = new byte[8];
    java.util.Arrays.fill(px, 4, 8, (byte) 255);
    GrayImage r = new GrayImage(px, 8, 1).resized(2);
    assertEquals(0, r.pixels[5] & 0xFF);
    assertEquals(255, r.pixels[10] & 0xFF);
  }

  @Test
  void luminance_transparentPixelsAreWhite_opaqueUseLumaWeights() {
    BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
    img.setRGB(0, 0, 0x00000000); // transparent black
    img.setRGB(1, 0, 0xFFFF0000); // opaque red
    img.setRGB(2, 0, 0xFF0000FF); // opaque blue
    GrayImage g = GrayImage.luminance(img);
    assertEquals(255, g.pixels[0] & 0xFF);
    assertEquals(76, g.pixels[1] & 0xFF); // 0.299 * 255
    assertEquals(29, g.pixels[2] & 0xFF); // 0.114 * 255
  }

  @Test
  void luminance_paletteAndRgbImages_agree() {
    BufferedImage rgb = new BufferedImage(2, 1, BufferedImage.TYPE_3BYTE_BGR);
    BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED);
    for (BufferedImage img : new BufferedImage[] {rgb, indexed}) {
      img.setRGB(0, 0, 0x000000);
      img.setRGB(1, 0, 0xFFFFFF);
      GrayImage g = GrayImage.luminance(img);
      assertEquals(0, g.pixels[0] & 0xFF);
      assertEquals(255, g.pixels[1] & 0xFF);
      assertEquals(255, g.contrast());
    }
  }
}
