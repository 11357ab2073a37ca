package nl.leerbewijs.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import nl.leerbewijs.core.qr.QrImageException;
import nl.leerbewijs.core.qr.QrImages;
import nl.leerbewijs.verifier.bench.QrCorpus;
import org.junit.jupiter.api.Test;

class QrReaderTest {

  static final String TEXT = QrCorpus.payload(1760, 1);

  @Test
  void read_clean_text() throws Exception {
    byte[] png = QrImages.png(QrImages.render(TEXT, 3).image());
    assertEquals(TEXT, new QrReader(QrImages.DEFAULT_MAX_PIXELS).read(png));
  }

  @Test
  void read_fractionalSmallModules_readByUpscaledAttempt() throws Exception {
    BufferedImage small = QrCorpus.of(TEXT).get("scaled-2.5px");
    assertEquals(TEXT, new QrReader(QrImages.DEFAULT_MAX_PIXELS).read(QrImages.png(small)));
  }

  @Test
  void read_noCode_noQrCode() {
    byte[] png = QrImages.png(new BufferedImage(300, 200, BufferedImage.TYPE_BYTE_GRAY));
    QrImageException e =
        assertThrows(
            QrImageException.class, () -> new QrReader(QrImages.DEFAULT_MAX_PIXELS).read(png));
    assertEquals(QrImageException.Reason.NO_QR_CODE, e.reason());
  }

  @Test
  void read_overPixelLimit_tooLargeWithoutUpscaling() {
    byte[] png = QrImages.png(QrImages.render(TEXT, 3).image());
    QrImageException e = assertThrows(QrImageException.class, () -> new QrReader(10_000).read(png));
    assertEquals(QrImageException.Reason.IMAGE_TOO_LARGE, e.reason());
  }
}
