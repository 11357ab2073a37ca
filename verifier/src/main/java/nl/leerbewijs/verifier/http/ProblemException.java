package nl.leerbewijs.verifier.http;

/**
 * A request failed in a way the client should be told about; {@link ProblemHandler} renders it as
 * {@code application/problem+json} (RFC 9457). {@code code} is stable (the page and tests match on
 * it); the detail is for humans and never contains the presentation or other secrets.
 */
public final class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String title;

  public ProblemException(int status, String code, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
    this.title = title;
  }

  public static ProblemException badRequest(String code, String detail) {
    return new ProblemException(400, code, "Bad request", detail);
  }

  public static ProblemException tooLarge(String code, String detail) {
    return new ProblemException(413, code, "Payload too large", detail);
  }

  public static ProblemException unsupportedMediaType(String detail) {
    return new ProblemException(
        415, ProblemCodes.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", detail);
  }

  public static ProblemException unprocessable(String code, String detail) {
    return new ProblemException(422, code, "Unprocessable content", detail);
  }

  public static ProblemException busy(String detail) {
    return new ProblemException(503, ProblemCodes.BUSY, "Service busy", detail);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }
}
