package nl.leerbewijs.wallet.issuance;

/** Vocabulary of OpenID for Verifiable Credential Issuance 1.0 (final) used by the wallet. */
public final class Oid4vciNames {

  private Oid4vciNames() {}

  /** URI scheme of a credential offer (section 4.1). */
  public static final String OFFER_SCHEME = "openid-credential-offer";

  public static final String CREDENTIAL_OFFER = "credential_offer";
  public static final String CREDENTIAL_OFFER_URI = "credential_offer_uri";
  public static final String CREDENTIAL_ISSUER = "credential_issuer";
  public static final String CREDENTIAL_CONFIGURATION_IDS = "credential_configuration_ids";
  public static final String GRANTS = "grants";
  public static final String PRE_AUTHORIZED_GRANT =
      "urn:ietf:params:oauth:grant-type:pre-authorized_code";
  public static final String PRE_AUTHORIZED_CODE = "pre-authorized_code";
  public static final String TX_CODE = "tx_code";
  public static final String INPUT_MODE = "input_mode";
  public static final String LENGTH = "length";
  public static final String DESCRIPTION = "description";
  public static final String AUTHORIZATION_SERVER = "authorization_server";

  // Credential issuer metadata (section 12.2).
  public static final String AUTHORIZATION_SERVERS = "authorization_servers";
  public static final String CREDENTIAL_ENDPOINT = "credential_endpoint";
  public static final String NONCE_ENDPOINT = "nonce_endpoint";
  public static final String CREDENTIAL_CONFIGURATIONS_SUPPORTED =
      "credential_configurations_supported";
  public static final String FORMAT = "format";
  public static final String FORMAT_SD_JWT_VC = "dc+sd-jwt";
  public static final String VCT = "vct";

  // OAuth (RFC 6749, RFC 8414).
  public static final String ISSUER = "issuer";
  public static final String TOKEN_ENDPOINT = "token_endpoint";
  public static final String GRANT_TYPE = "grant_type";
  public static final String ACCESS_TOKEN = "access_token";
  public static final String TOKEN_TYPE = "token_type";
  public static final String AUTHORIZATION_DETAILS = "authorization_details";
  public static final String CREDENTIAL_IDENTIFIERS = "credential_identifiers";
  public static final String CREDENTIAL_CONFIGURATION_ID = "credential_configuration_id";
  public static final String CREDENTIAL_IDENTIFIER = "credential_identifier";
  public static final String ERROR = "error";
  public static final String ERROR_DESCRIPTION = "error_description";

  // Nonce, credential request and response (sections 7, 8).
  public static final String C_NONCE = "c_nonce";
  public static final String PROOFS = "proofs";
  public static final String PROOF_TYPE_JWT = "jwt";
  public static final String PROOF_TYP = "openid4vci-proof+jwt";
  public static final String CREDENTIALS = "credentials";
  public static final String CREDENTIAL = "credential";
  public static final String TRANSACTION_ID = "transaction_id";

  // Error codes.
  public static final String INVALID_GRANT = "invalid_grant";
  public static final String INVALID_REQUEST = "invalid_request";
  public static final String INVALID_PROOF = "invalid_proof";
  public static final String INVALID_NONCE = "invalid_nonce";
  public static final String CREDENTIAL_REQUEST_DENIED = "credential_request_denied";
  public static final String INVALID_TOKEN = "invalid_token";
}
