package nl.leerbewijs.issuer.oid4vci;

/** Vocabulary of OpenID for Verifiable Credential Issuance 1.0 and the OAuth specs it uses. */
public final class Oid4vciNames {
  public static final String PRE_AUTHORIZED_GRANT =
      "urn:ietf:params:oauth:grant-type:pre-authorized_code";
  public static final String OFFER_SCHEME = "openid-credential-offer://";
  public static final String CREDENTIAL_OFFER = "credential_offer";
  public static final String CREDENTIAL_OFFER_URI = "credential_offer_uri";
  public static final String CREDENTIAL_ISSUER = "credential_issuer";
  public static final String CREDENTIAL_CONFIGURATION_IDS = "credential_configuration_ids";
  public static final String CREDENTIAL_CONFIGURATION_ID = "credential_configuration_id";
  public static final String CREDENTIAL_IDENTIFIER = "credential_identifier";
  public static final String GRANTS = "grants";
  public static final String PRE_AUTHORIZED_CODE = "pre-authorized_code";
  public static final String TX_CODE = "tx_code";
  public static final String GRANT_TYPE = "grant_type";
  public static final String PROOFS = "proofs";
  public static final String PROOF = "proof";
  public static final String JWT = "jwt";
  public static final String C_NONCE = "c_nonce";
  public static final String NONCE = "nonce";
  public static final String CREDENTIALS = "credentials";
  public static final String CREDENTIAL = "credential";
  public static final String PROOF_TYP = "openid4vci-proof+jwt";
  public static final String FORMAT_SD_JWT_VC = "dc+sd-jwt";
  public static final String WELL_KNOWN_ISSUER = "/.well-known/openid-credential-issuer";
  public static final String WELL_KNOWN_AS = "/.well-known/oauth-authorization-server";

  // Token endpoint errors (RFC 6749 section 5.2, OpenID4VCI section 6.3)
  public static final String INVALID_REQUEST = "invalid_request";
  public static final String INVALID_GRANT = "invalid_grant";
  public static final String UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type";
  // Credential endpoint errors (OpenID4VCI section 8.3.1.2) and RFC 6750
  public static final String INVALID_CREDENTIAL_REQUEST = "invalid_credential_request";
  public static final String UNKNOWN_CREDENTIAL_CONFIGURATION = "unknown_credential_configuration";
  public static final String UNKNOWN_CREDENTIAL_IDENTIFIER = "unknown_credential_identifier";
  public static final String INVALID_PROOF = "invalid_proof";
  public static final String INVALID_NONCE = "invalid_nonce";
  public static final String CREDENTIAL_REQUEST_DENIED = "credential_request_denied";
  public static final String INVALID_TOKEN = "invalid_token";

  private Oid4vciNames() {}
}
