package nl.leerbewijs.core.verify;

import java.util.Optional;
import nl.leerbewijs.core.trust.TrustList;
import nl.leerbewijs.core.vc.StatusReference;

/**
 * Looks up a credential's status. The engine only asks after it has checked that {@code
 * reference.uri()} lies under the issuer's status list prefixes in the trust list.
 */
@FunctionalInterface
public interface StatusSource {

  /**
   * @param trustList the trust list in force for this verification (the list token must verify
   *     against the same issuer's keys or anchors as the credential)
   * @param issuer the credential's {@code iss}, already found trusted
   * @param reference the credential's status reference
   */
  StatusOutcome lookup(TrustList trustList, String issuer, StatusReference reference);

  /**
   * The outcome {@link #lookup} would give, if this source can answer without any I/O (from a list
   * it holds and that is still fresh); empty when answering would take a fetch. For a caller that
   * must not block, such as an event loop: it verifies at once when it can and hands the rest to a
   * thread that may wait. The default holds nothing.
   */
  default Optional<StatusOutcome> lookupWithoutFetching(
      TrustList trustList, String issuer, StatusReference reference) {
    return Optional.empty();
  }
}
