package nl.leerbewijs.wallet.trust;

/** An issuer's metadata was fetched but cannot be used; the message names what is wrong. */
public final class IssuerMetadataException extends Exception {

  private static final long serialVersionUID = 1L;

  public IssuerMetadataException(String message) {
    super(message);
  }
}
