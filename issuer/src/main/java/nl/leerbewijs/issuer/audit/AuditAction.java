package nl.leerbewijs.issuer.audit;

/** The stable names of audited actions ({@code audit_log.action}). */
public final class AuditAction {
  public static final String TENANT_CREATE = "tenant.create";
  public static final String API_KEY_CREATE = "api_key.create";
  public static final String API_KEY_REVOKE = "api_key.revoke";
  public static final String SIGNING_KEY_GENERATE = "signing_key.generate";
  public static final String SIGNING_KEY_ROTATE = "signing_key.rotate";
  public static final String SIGNING_KEY_IMPORT = "signing_key.import";

  public static final String AWARD_CREATE = "award.create";
  public static final String AWARD_WITHDRAW = "award.withdraw";
  public static final String OFFER_LOCK = "credential_offer.lock";
  public static final String OFFER_REISSUE = "credential_offer.reissue";
  public static final String OFFER_REDEEM = "credential_offer.redeem";
  public static final String CREDENTIAL_ISSUE = "credential.issue";
  public static final String CREDENTIAL_REVOKE = "credential.revoke";
  public static final String CREDENTIAL_SUSPEND = "credential.suspend";
  public static final String CREDENTIAL_REINSTATE = "credential.reinstate";
  public static final String STATUS_LIST_CREATE = "status_list.create";

  private AuditAction() {}
}
