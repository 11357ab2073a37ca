package nl.leerbewijs.issuer.audit;

/** The stable names of audited actions ({@code audit_log.action}). */
public final class AuditAction {
  public static final String TENANT_CREATE = "tenant.create";
  public static final String API_KEY_CREATE = "api_key.create";
  public static final String API_KEY_REVOKE = "api_key.revoke";
  public static final String SIGNING_KEY_GENERATE = "signing_key.generate";
  public static final String SIGNING_KEY_ROTATE = "signing_key.rotate";
  public static final String SIGNING_KEY_IMPORT = "signing_key.import";

  private AuditAction() {}
}
