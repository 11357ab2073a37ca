package nl.leerbewijs.core.jose;

/** Malformed JOSE input: not a compact JWS, bad base64url, header not a JSON object, and so on. */
public class JoseParseException extends Exception {
  private static final long serialVersionUID = 1L;

  public JoseParseException(String message) {
    super(message);
  }
}
