package nl.leerbewijs.wallet.trust;

import java.io.IOException;
import nl.leerbewijs.core.trust.IssuerMetadataException;
import nl.leerbewijs.core.trust.IssuerMetadataKeys;
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

  /**
   * Why the keys of {@code iss}, a trusted issuer whose keys come from its metadata, could not be
   * obtained in a verification just made: throws {@link IssuerMetadataException} when its metadata
   * is unusable (answered from the last fetch's outcome, without fetching again), and returns when
   * it could not be reached. So the same broken school gets the same answer whichever trust source
   * names it.
   */
  void explainUnavailableKeys(String iss) throws IssuerMetadataException;

  /** A short description for messages: "trust list X" or "issuer metadata". */
  String describe();

  /** {@link #explainUnavailableKeys} through the keys cache both trust sources use. */
  static void explainUnavailableKeys(IssuerMetadataKeys keys, String iss)
      throws IssuerMetadataException {
    try {
      keys.keys(iss);
    } catch (IOException unreachable) {
      // the caller reports "unreachable"
    }
  }
}
