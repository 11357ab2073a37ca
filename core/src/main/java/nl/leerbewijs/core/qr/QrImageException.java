package nl.leerbewijs.core.qr;

/** An image that yields no QR text: no code found, too large, or not a readable image. */
public class QrImageException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why no text came out. */
  public enum Reason {
    NO_QR_CODE("qr.no_code"),
    IMAGE_TOO_LARGE("qr.image_too_large"),
    NOT_AN_IMAGE("qr.not_an_image");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    /** Stable machine-readable code. */
    public String code() {
      return code;
    }
  }

  private final Reason reason;

  public QrImageException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
