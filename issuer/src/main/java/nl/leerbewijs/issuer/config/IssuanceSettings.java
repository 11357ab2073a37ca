package nl.leerbewijs.issuer.config;

/**
 * Lifetimes and sizes of the issuance machinery, from configuration.
 *
 * @param offerTtlSeconds how long a credential offer (its pre-authorized code) can be redeemed
 * @param accessTokenTtlSeconds lifetime of the access token the code is traded for
 * @param nonceTtlSeconds lifetime of a {@code c_nonce}
 * @param txCodeAttempts wrong PIN entries after which an offer is dead
 * @param statusListSize entries per status list (herd privacy: large)
 * @param statusListTtlSeconds {@code ttl} of status list tokens and their {@code max-age}
 * @param statusListValiditySeconds {@code exp - iat} of status list tokens
 * @param credentialValidityDays {@code exp} of issued credentials in days after issuance; 0: none
 */
public record IssuanceSettings(
    long offerTtlSeconds,
    long accessTokenTtlSeconds,
    long nonceTtlSeconds,
    int txCodeAttempts,
    int statusListSize,
    long statusListTtlSeconds,
    long statusListValiditySeconds,
    int credentialValidityDays) {

  /** The defaults: 30-day offers, 5-minute tokens and nonces, 5 PIN attempts, 131072 entries. */
  public static final IssuanceSettings DEFAULTS =
      new IssuanceSettings(30L * 86400, 300, 300, 5, 131_072, 300, 86_400, 0);
}
