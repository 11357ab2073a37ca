package nl.leerbewijs.issuer.tenant;

/** A tenant with this path already exists. */
public final class DuplicateTenantException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DuplicateTenantException(String path) {
    super("a tenant with path '" + path + "' already exists");
  }
}
