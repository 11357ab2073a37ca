package nl.leerbewijs.wallet.trust;

import java.io.IOException;
import nl.leerbewijs.core.trust.IssuerMetadataException;
import nl.leerbewijs.core.trust.TrustList;

/**
 * Where the wallet gets the keys it checks an issuer's signature with: a trust list the learner
 * configured ({@link ConfiguredTrust}), or the issuer's own SD-JWT VC issuer metadata ({@link
 * IssuerMetadataTrust}).
 */
public interface TrustSource {

  /**
   * A trust list to verify credentials of {@code iss} with. An issuer missing from it makes the
   * verification report {@code untrusted_issuer}.
   *
   * @throws IOException when the issuer's keys cannot be fetched
   * @throws IssuerMetadataException when the issuer's metadata is unusable
   */
  TrustList trustListFor(String iss) throws IOException, IssuerMetadataException;

  /** A short description for messages: "trust list X" or "issuer metadata". */
  String describe();
}
