package nl.leerbewijs.verifier.http;

/** Stable {@code code} values of the verifier's problem responses (and of their {@code type}). */
public final class ProblemCodes {
  /** The request body is empty. */
  public static final String EMPTY_BODY = "empty_body";

  /** The JSON body is not JSON, or has no {@code presentation} string. */
  public static final String INVALID_JSON = "invalid_json";

  /** The body is larger than the endpoint's limit. */
  public static final String PAYLOAD_TOO_LARGE = "payload_too_large";

  /** The body is not text (not UTF-8) where text is expected. */
  public static final String NOT_TEXT = "not_text";

  /** The content type is not one the endpoint accepts. */
  public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";

  /** The bytes are not a PNG, JPEG, GIF or BMP image, or cannot be decoded. */
  public static final String NOT_AN_IMAGE = "not_an_image";

  /** The image has more pixels than the limit. */
  public static final String IMAGE_TOO_LARGE = "image_too_large";

  /** No QR code was found in the image. */
  public static final String NO_QR_CODE = "no_qr_code";

  /** Too many verifications are waiting; try again shortly. */
  public static final String BUSY = "busy";

  public static final String NOT_FOUND = "not_found";
  public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
  public static final String BAD_REQUEST = "bad_request";
  public static final String INTERNAL_ERROR = "internal_error";

  private ProblemCodes() {}
}
