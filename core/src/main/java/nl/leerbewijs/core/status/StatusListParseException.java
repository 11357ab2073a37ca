package nl.leerbewijs.core.status;

/**
 * A malformed status list: {@code bits} not 1, 2, 4 or 8, {@code lst} not base64url, not a ZLIB
 * stream, truncated, followed by trailing data, or decompressing beyond the allowed size.
 */
public class StatusListParseException extends Exception {
  private static final long serialVersionUID = 1L;

  public StatusListParseException(String message) {
    super(message);
  }
}
