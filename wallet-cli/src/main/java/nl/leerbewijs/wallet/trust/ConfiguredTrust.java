package nl.leerbewijs.wallet.trust;

import java.util.Objects;
import nl.leerbewijs.core.http.BoundedHttpClient;
import nl.leerbewijs.core.trust.IssuerMetadataException;
import nl.leerbewijs.core.trust.IssuerMetadataKeys;
import nl.leerbewijs.core.trust.TrustList;

/**
 * Trust decided by a trust list (docs/trust-list.md) the learner gave or configured. Entries with
 * {@code keys_from_metadata} get their keys from the issuer's metadata, as in the verifier.
 */
public final class ConfiguredTrust implements TrustSource {

  private final TrustList trustList;
  private final IssuerMetadataKeys metadataKeys;

  public ConfiguredTrust(TrustList trustList, BoundedHttpClient http) {
    this.metadataKeys = IssuerMetadataKeys.builder(http).build();
    this.trustList =
        Objects.requireNonNull(trustList, "trustList").withIssuerMetadata(metadataKeys);
  }

  @Override
  public TrustList trustListFor(String iss) {
    return trustList;
  }

  @Override
  public void explainUnavailableKeys(String iss) throws IssuerMetadataException {
    TrustSource.explainUnavailableKeys(metadataKeys, iss);
  }

  @Override
  public String describe() {
    return "trust list '" + trustList.name() + "'";
  }
}
