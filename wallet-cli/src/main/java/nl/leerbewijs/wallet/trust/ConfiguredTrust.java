package nl.leerbewijs.wallet.trust;

import java.util.Objects;
import nl.leerbewijs.core.trust.TrustList;

/** Trust decided by a trust list (docs/trust-list.md) the learner gave or configured. */
public final class ConfiguredTrust implements TrustSource {

  private final TrustList trustList;

  public ConfiguredTrust(TrustList trustList) {
    this.trustList = Objects.requireNonNull(trustList, "trustList");
  }

  @Override
  public TrustList trustListFor(String iss) {
    return trustList;
  }

  @Override
  public String describe() {
    return "trust list '" + trustList.name() + "'";
  }
}
