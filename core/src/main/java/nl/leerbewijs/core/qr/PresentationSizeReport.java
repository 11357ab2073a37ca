package nl.leerbewijs.core.qr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a presentation costs in a QR code: per part (issuer header, payload and signature, each
 * disclosure, the KB-JWT) its text length, its base64url-decoded size and its marginal packed size
 * (how many bytes the {@code LB1} container shrinks when the part is emptied), and in total the QR
 * version at level M for the plain text, for {@code LB1} in Base45 (what {@link QrPayloadCodec}
 * emits) and for the same container in binary byte mode. A version of 0 means the data does not fit
 * one QR code.
 *
 * @param textChars length of the presentation text
 * @param packedBytes size of the {@code LB1} container
 * @param qrTextChars length of the QR text {@code LB1:<Base45>}
 * @param base45Version QR version of that text (alphanumeric mode)
 * @param byteModeVersion QR version of {@code LB1:} plus the container as binary bytes
 * @param plainTextVersion QR version of the presentation text as is
 * @param parts per-part figures, in order
 */
public record PresentationSizeReport(
    int textChars,
    int packedBytes,
    int qrTextChars,
    int base45Version,
    int byteModeVersion,
    int plainTextVersion,
    List<Part> parts) {

  /**
   * One part of the presentation.
   *
   * @param name e.g. "issuer payload", "disclosure 3", "KB-JWT"
   * @param textChars characters in the presentation
   * @param decodedBytes bytes after base64url decoding (0 when not base64url)
   * @param packedBytes marginal bytes in the packed container
   */
  public record Part(String name, int textChars, int decodedBytes, int packedBytes) {}

  public PresentationSizeReport {
    parts = List.copyOf(parts);
  }

  /** Measures {@code presentation}. */
  public static PresentationSizeReport of(String presentation) throws QrPayloadException {
    byte[] packed = PresentationPacker.pack(presentation);
    String qrText = QrPayloadCodec.PREFIX + Base45.encode(packed);
    String byteMode = QrPayloadCodec.PREFIX + new String(packed, StandardCharsets.ISO_8859_1);
    List<Part> parts = new ArrayList<>();
    String[] components = presentation.split("~", -1);
    int offset = 0;
    for (int c = 0; c < components.length; c++) {
      String component = components[c];
      boolean last = c == components.length - 1;
      if (c == 0 || (last && component.indexOf('.') >= 0)) {
        String[] jws = component.split("\\.", -1);
        if (c > 0) {
          parts.add(measure("KB-JWT", presentation, offset, component.length(), packed.length));
        } else if (jws.length == 3) {
          String[] names = {"issuer header", "issuer payload", "issuer signature"};
          int o = offset;
          for (int k = 0; k < 3; k++) {
            parts.add(measure(names[k], presentation, o, jws[k].length(), packed.length));
            o += jws[k].length() + 1;
          }
        } else {
          parts.add(measure("issuer JWT", presentation, offset, component.length(), packed.length));
        }
      } else if (!component.isEmpty()) {
        parts.add(
            measure("disclosure " + c, presentation, offset, component.length(), packed.length));
      }
      offset += component.length() + 1;
    }
    return new PresentationSizeReport(
        presentation.length(),
        packed.length,
        qrText.length(),
        versionOrZero(qrText),
        versionOrZero(byteMode),
        versionOrZero(presentation),
        parts);
  }

  private static Part measure(String name, String p, int from, int len, int packedTotal)
      throws QrPayloadException {
    String text = p.substring(from, from + len);
    byte[] decoded = PresentationPacker.canonicalBase64Url(text);
    if (decoded == null) {
      decoded = text.indexOf('.') >= 0 ? decodedJws(text) : new byte[0];
    }
    String without = p.substring(0, from) + p.substring(from + len);
    int marginal = packedTotal - PresentationPacker.pack(without).length;
    return new Part(name, len, decoded.length, marginal);
  }

  private static byte[] decodedJws(String jws) {
    int n = 0;
    for (String s : jws.split("\\.", -1)) {
      byte[] b = PresentationPacker.canonicalBase64Url(s);
      n += b == null ? 0 : b.length;
    }
    return new byte[n];
  }

  private static int versionOrZero(String text) {
    try {
      return QrImages.version(text);
    } catch (IllegalArgumentException e) {
      return 0;
    }
  }

  /** A plain-text table for logs and documentation. */
  public String toTable() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-18s %8s %8s %8s%n", "part", "text", "decoded", "packed"));
    for (Part p : parts) {
      sb.append(
          String.format(
              "%-18s %8d %8d %8d%n", p.name(), p.textChars(), p.decodedBytes(), p.packedBytes()));
    }
    sb.append(String.format("%-18s %8d %8s %8d%n", "total", textChars, "", packedBytes));
    sb.append(
        String.format(
            "QR at level M: text as is %s, LB1 Base45 (%d chars) %s, LB1 byte mode %s%n",
            version(plainTextVersion),
            qrTextChars,
            version(base45Version),
            version(byteModeVersion)));
    return sb.toString();
  }

  private static String version(int v) {
    return v == 0 ? "does not fit" : "version " + v;
  }
}
