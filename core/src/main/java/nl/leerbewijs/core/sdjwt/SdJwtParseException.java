package nl.leerbewijs.core.sdjwt;

/**
 * Malformed SD-JWT input: not the compact serialization, a part that is not a JWS, a disclosure
 * that is not a base64url JSON array of the right shape, or beyond the size limits. The message
 * names the part (e.g. "disclosure #3") but never repeats its content.
 */
public class SdJwtParseException extends Exception {
  private static final long serialVersionUID = 1L;

  public SdJwtParseException(String message) {
    super(message);
  }
}
