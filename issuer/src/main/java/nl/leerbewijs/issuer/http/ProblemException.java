package nl.leerbewijs.issuer.http;

import java.util.List;

/**
 * An HTTP request failed in a way the client should be told about; {@link ProblemHandler} renders
 * it as {@code application/problem+json} (RFC 9457). {@code code} is stable (clients and tests
 * match on it), the detail is for humans and never contains secrets.
 */
public final class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * One field-level error: a JSON pointer (RFC 6901) into the request, a code, a message, and for
   * batch and CSV requests the row (batch: 0-based array index; CSV: 1-based line, header = 1) and
   * the CSV column (else null).
   */
  public record FieldError(
      String pointer, String code, String message, Integer row, String column) {
    public FieldError(String pointer, String code, String message) {
      this(pointer, code, message, null, null);
    }
  }

  private final int status;
  private final String code;
  private final String title;
  private final transient List<FieldError> errors;

  public ProblemException(
      int status, String code, String title, String detail, List<FieldError> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  public static ProblemException badRequest(String code, String detail) {
    return new ProblemException(400, code, "Bad request", detail, List.of());
  }

  public static ProblemException invalid(String detail, List<FieldError> errors) {
    return new ProblemException(422, "invalid_request", "Invalid request", detail, errors);
  }

  public static ProblemException unauthorized(String code, String detail) {
    return new ProblemException(401, code, "Unauthorized", detail, List.of());
  }

  public static ProblemException forbidden(String code, String detail) {
    return new ProblemException(403, code, "Forbidden", detail, List.of());
  }

  public static ProblemException notFound(String code, String detail) {
    return new ProblemException(404, code, "Not found", detail, List.of());
  }

  public static ProblemException conflict(String code, String detail) {
    return new ProblemException(409, code, "Conflict", detail, List.of());
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

  public List<FieldError> errors() {
    return errors;
  }
}
