package nl.leerbewijs.core.qr;

import java.util.Objects;

/**
 * Turns an SD-JWT presentation into the text of one QR code and back, losslessly.
 *
 * <p>Format {@code LB1}: the prefix {@value #PREFIX} followed by the Base45 (RFC 9285) encoding of
 * the {@link PresentationPacker} container (parts cut at {@code '.'} and {@code '~'}, base64url
 * decoded, digests and salts moved to an uncompressed side stream, the rest compressed with raw
 * DEFLATE and a preset dictionary). The whole text lies in the QR alphanumeric set, so encoders use
 * alphanumeric mode and every scanner returns exactly this text, with none of the character-set
 * guessing that binary byte mode suffers. docs/qr-payload.md gives the measurements.
 *
 * <p>Contract: {@code decode(encode(s)).equals(s)} for every string {@code s} of well-formed UTF-16
 * up to {@link PresentationPacker#MAX_INPUT_CHARS} characters, presentation or not. Decoding is
 * safe on hostile text: it refuses wrong prefixes, bad Base45, damaged or truncated containers, and
 * stops decompressing at a fixed cap.
 */
public final class QrPayloadCodec {

  /** Prefix that names the format version (and with it the dictionary). */
  public static final String PREFIX = "LB1:";

  /** Longest QR text {@link #decode} accepts: more than any QR code holds. */
  public static final int MAX_QR_TEXT_CHARS = 8 * 1024;

  private QrPayloadCodec() {}

  /**
   * The QR text for {@code presentation}.
   *
   * @throws QrPayloadException when the string is not well-formed UTF-16 or is too long
   */
  public static String encode(String presentation) throws QrPayloadException {
    Objects.requireNonNull(presentation, "presentation");
    return PREFIX + Base45.encode(PresentationPacker.pack(presentation));
  }

  /**
   * The exact presentation a QR text carries.
   *
   * @throws QrPayloadException when the text is not an {@code LB1} payload or is damaged
   */
  public static String decode(String qrText) throws QrPayloadException {
    if (qrText == null || !qrText.startsWith(PREFIX)) {
      throw new QrPayloadException("QR text is not a leerbewijs presentation: prefix is not LB1:");
    }
    if (qrText.length() > MAX_QR_TEXT_CHARS) {
      throw new QrPayloadException(
          "QR text is " + qrText.length() + " characters, more than " + MAX_QR_TEXT_CHARS);
    }
    byte[] packed;
    try {
      packed = Base45.decode(qrText.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new QrPayloadException("QR text is damaged: " + e.getMessage());
    }
    return PresentationPacker.unpack(packed);
  }

  /** The packed container size in bytes, before Base45. */
  public static int packedSize(String presentation) throws QrPayloadException {
    return PresentationPacker.pack(presentation).length;
  }
}
