package nl.leerbewijs.core.credential;

/** A Type Metadata document is malformed: not the shape draft-ietf-oauth-sd-jwt-vc defines. */
public final class TypeMetadataParseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TypeMetadataParseException(String message) {
    super("malformed type metadata: " + message);
  }
}
