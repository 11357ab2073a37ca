package nl.leerbewijs.core.qr;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** Prints the size figures for docs/qr-payload.md (no assertions on them beyond round trips). */
class QrMeasureTest {

  static byte[] deflate(byte[] data, byte[] dict) {
    Deflater d = new Deflater(9, true);
    if (dict != null) {
      d.setDictionary(dict);
    }
    d.setInput(data);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  static String latin1(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  @Test
  void measure() throws Exception {
    for (boolean kb : new boolean[] {true, false}) {
      String p = RealisticPresentation.build(kb, 1);
      System.out.println(
          "=== presentation " + (kb ? "with" : "without") + " KB-JWT: " + p.length() + " chars");
      byte[] text = p.getBytes(StandardCharsets.US_ASCII);
      report("text as is (byte mode)", text, null);
      report("deflate(text)", deflate(text, null), null);
      byte[] dict = QrDictionary.bytes();
      PresentationPacker.Options[] opts = {
        new PresentationPacker.Options(false, false, null),
        new PresentationPacker.Options(false, false, dict),
        new PresentationPacker.Options(true, false, null),
        new PresentationPacker.Options(true, false, dict),
        new PresentationPacker.Options(true, true, null),
        new PresentationPacker.Options(false, true, dict),
        new PresentationPacker.Options(true, true, dict),
      };
      for (PresentationPacker.Options o : opts) {
        byte[] packed = PresentationPacker.pack(p, o);
        if (!PresentationPacker.unpack(packed, o).equals(p)) {
          throw new AssertionError("round trip failed for " + o);
        }
        report(
            "packed transformJson="
                + o.transformJson()
                + " side="
                + o.sideStream()
                + " dict="
                + (o.dictionary() != null),
            packed,
            null);
      }
      String qr = QrPayloadCodec.encode(p);
      System.out.println(
          "LB1 Base45 text: " + qr.length() + " chars, version " + QrImages.version(qr));
    }
  }

  static String v(String text) {
    try {
      return "v" + QrImages.version(text);
    } catch (IllegalArgumentException e) {
      return ">v40";
    }
  }

  private static void report(String what, byte[] b, Object unused) {
    String bytesMode = "LB1:" + latin1(b);
    String base45 = "LB1:" + Base45.encode(b);
    System.out.printf(
        "%-50s %5d B  byte-mode %s  base45 %d chars %s%n",
        what, b.length, v(bytesMode), base45.length(), v(base45));
  }
}
