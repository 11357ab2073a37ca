package nl.leerbewijs.core.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.Deflater;
import nl.leerbewijs.core.json.Base64Url;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QrPayloadCodecTest {

  private static String presentation;
  private static String withoutKeyBinding;

  @BeforeAll
  static void build() throws Exception {
    presentation = RealisticPresentation.build(true, 1);
    withoutKeyBinding = RealisticPresentation.build(false, 2);
  }

  private static void assertRoundTrip(String s) throws QrPayloadException {
    String qr = QrPayloadCodec.encode(s);
    assertTrue(qr.startsWith("LB1:"));
    assertTrue(qr.chars().allMatch(c -> Base45.ALPHABET.indexOf(c) >= 0), "alphanumeric only");
    assertEquals(s, QrPayloadCodec.decode(qr));
  }

  @Test
  void encode_realisticPresentation_fitsVersion30AtLevelM() throws Exception {
    assertRoundTrip(presentation);
    PresentationSizeReport report = PresentationSizeReport.of(presentation);
    System.out.println(presentation.length() + " chars\n" + report.toTable());
    assertTrue(report.base45Version() <= 30, "version " + report.base45Version());
    assertTrue(report.byteModeVersion() <= report.base45Version());
    assertEquals(0, report.plainTextVersion());
    assertEquals(10, report.parts().size()); // 3 issuer parts, 6 disclosures, KB-JWT
  }

  @Test
  void encode_withoutKeyBinding_roundTripsAndEndsWithTilde() throws Exception {
    assertTrue(withoutKeyBinding.endsWith("~"));
    assertRoundTrip(withoutKeyBinding);
  }

  @Test
  void encode_manyRealisticPresentations_roundTrip() throws Exception {
    for (long seed = 10; seed < 30; seed++) {
      assertRoundTrip(RealisticPresentation.build(seed % 2 == 0, seed));
    }
  }

  @Test
  void encode_nonCanonicalBase64UrlParts_carriedAsTextExactly() throws Exception {
    String[] parts = presentation.split("\\.", -1);
    // 43-char signature part with non-zero unused bits: 'A' -> 'B' at the end is not canonical
    String sig = parts[2].substring(0, parts[2].indexOf('~'));
    String bad = sig.substring(0, sig.length() - 1) + (sig.endsWith("B") ? "C" : "B");
    String p = presentation.replace(sig, bad);
    assertRoundTrip(p);
    assertRoundTrip(presentation.replace("~", "=~"));
    assertRoundTrip(presentation.replace("-", "+").replace("_", "/"));
    assertRoundTrip("eyJhbGciOiJFUzI1NiJ9.e30.AB~WyJh~");
  }

  @Test
  void encode_jsonWithEscapeBytesAndUuids_roundTrip() throws Exception {
    byte[] tricky =
        ("{\"a\":\"\u00ff\",\"u\":\"0a5c3d1e-4f2b-4c8d-9e7f-1b2c3d4e5f60\","
                + "\"U\":\"0A5C3D1E-4F2B-4C8D-9E7F-1B2C3D4E5F60\",\"d\":\"")
            .getBytes(StandardCharsets.UTF_8);
    byte[] raw = new byte[tricky.length + 6];
    System.arraycopy(tricky, 0, raw, 0, tricky.length);
    raw[tricky.length] = (byte) 0xFF;
    raw[tricky.length + 1] = 0x01;
    raw[tricky.length + 2] = (byte) 0xFF;
    raw[tricky.length + 3] = 0x21;
    raw[tricky.length + 4] = '"';
    raw[tricky.length + 5] = '}';
    String digest = Base64Url.encode(new byte[32]);
    String json =
        "{\"x\":\""
            + digest
            + "\",\"q\":\""
            + digest
            + "A\",\"r\":\""
            + digest.substring(1)
            + "\"}";
    assertRoundTrip(Base64Url.encode(raw) + "." + Base64Url.encode(json.getBytes()) + ".AA~");
  }

  @Test
  void encode_randomStrings_roundTripExactly() throws Exception {
    Random random = new Random(7);
    String alphabet = "abcXYZ019-_.~=+/ {}[]\"\\:,é€😀\u00ff\u0000";
    for (int n = 0; n < 2_000; n++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(200);
      for (int i = 0; i < len; i++) {
        int cp =
            alphabet.codePointAt(
                alphabet.offsetByCodePoints(
                    0, random.nextInt(alphabet.codePointCount(0, alphabet.length()))));
        sb.appendCodePoint(cp);
      }
      assertRoundTrip(sb.toString());
    }
    assertRoundTrip("");
    assertRoundTrip("~");
    assertRoundTrip("..~~..");
  }

  @Test
  void encode_loneSurrogate_refused() {
    assertThrows(QrPayloadException.class, () -> QrPayloadCodec.encode("abc\ud800.def"));
  }

  @Test
  void decode_wrongPrefix_refused() {
    for (String t : new String[] {"", "LB2:00", "lb1:00", "HC1:NCF", "https://x", "LB1"}) {
      assertThrows(QrPayloadException.class, () -> QrPayloadCodec.decode(t), t);
    }
    assertThrows(QrPayloadException.class, () -> QrPayloadCodec.decode(null));
  }

  @Test
  void decode_badBase45_refused() {
    for (String t :
        new String[] {"LB1:abc", "LB1:0", "LB1:0000", "LB1:GGW", "LB1:é00", "LB1:00 ~"}) {
      assertThrows(QrPayloadException.class, () -> QrPayloadCodec.decode(t), t);
    }
  }

  @Test
  void decode_truncatedText_refusedCleanly() throws Exception {
    String qr = QrPayloadCodec.encode(presentation);
    for (int cut = 4; cut < qr.length(); cut += 7) {
      String t = qr.substring(0, cut);
      try {
        String out = QrPayloadCodec.decode(t);
        fail("truncated text at " + cut + " decoded to " + out.length() + " chars");
      } catch (QrPayloadException expected) {
        // a clean refusal
      }
    }
  }

  @Test
  void decode_corruptedBytes_neverCrash() throws Exception {
    byte[] packed = Base45.decode(QrPayloadCodec.encode(presentation).substring(4));
    Random random = new Random(11);
    for (int n = 0; n < 3_000; n++) {
      byte[] b = packed.clone();
      for (int k = 0; k <= random.nextInt(3); k++) {
        b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
      }
      try {
        QrPayloadCodec.decode("LB1:" + Base45.encode(b));
      } catch (QrPayloadException expected) {
        // refused
      }
    }
  }

  @Test
  void decode_randomGarbage_neverCrash() {
    Random random = new Random(12);
    for (int n = 0; n < 3_000; n++) {
      byte[] b = new byte[random.nextInt(300)];
      random.nextBytes(b);
      try {
        QrPayloadCodec.decode("LB1:" + Base45.encode(b));
      } catch (QrPayloadException expected) {
        // refused
      }
    }
  }

  @Test
  void decode_deflateBomb_refusedAtCap() {
    // 1 GiB of 'a' as one text part: a valid structure, compressed ~1000:1
    Deflater d = new Deflater(Deflater.BEST_SPEED, true);
    d.setDictionary(QrDictionary.bytes());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] header = {0x08, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04};
    d.setInput(header);
    byte[] buf = new byte[65536];
    while (!d.needsInput()) {
      out.write(buf, 0, d.deflate(buf));
    }
    byte[] chunk = new byte[1 << 20];
    java.util.Arrays.fill(chunk, (byte) 'a');
    for (int i = 0; i < 64; i++) {
      d.setInput(chunk);
      while (!d.needsInput()) {
        out.write(buf, 0, d.deflate(buf));
      }
    }
    d.finish();
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    String qr = "LB1:" + Base45.encode(out.toByteArray());
    assertThrows(QrPayloadException.class, () -> QrPayloadCodec.decode(qr));
  }

  @Test
  void base45_rfc9285Examples() {
    // RFC 9285 section 4.3
    assertEquals("BB8", Base45.encode("AB".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("%69 VD92EX0", Base45.encode("Hello!!".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("UJCLQE7W581", Base45.encode("base-45".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("ietf!", new String(Base45.decode("QED8WEX0"), StandardCharsets.US_ASCII));
  }
}
