package nl.leerbewijs.core.qr;

/**
 * QR payload text that cannot be decoded (wrong prefix, bad Base45, damaged or truncated container,
 * a decompression bomb), or a string the codec cannot carry (not well-formed UTF-16, too long).
 */
public class QrPayloadException extends Exception {
  private static final long serialVersionUID = 1L;

  public QrPayloadException(String message) {
    super(message);
  }
}
