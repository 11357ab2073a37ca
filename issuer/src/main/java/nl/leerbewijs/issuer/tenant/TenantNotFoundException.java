package nl.leerbewijs.issuer.tenant;

/** No tenant has this path. */
public final class TenantNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TenantNotFoundException(String path) {
    super("no tenant with path '" + path + "'");
  }
}
