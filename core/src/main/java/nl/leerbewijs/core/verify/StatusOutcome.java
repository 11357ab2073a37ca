package nl.leerbewijs.core.verify;

import java.time.Instant;
import nl.leerbewijs.core.status.Status;

/** What a {@link StatusSource} found for one credential's status reference. */
public sealed interface StatusOutcome {

  /**
   * The verified list gives this status.
   *
   * @param status the entry's value
   * @param listIssuedAt when the issuer signed the list
   * @param stale true when the list is past its ttl and served from the offline cache because a
   *     fresh one could not be fetched
   */
  record Found(Status status, Instant listIssuedAt, boolean stale) implements StatusOutcome {}

  /**
   * The status could not be established: the list could not be fetched, did not verify against the
   * issuer's trust anchor, or does not cover the index. "Could not check revocation".
   *
   * @param code a stable code, e.g. {@code status.fetch_failed}, {@code status.bad_signature}
   * @param reason a human explanation without secrets
   */
  record Unavailable(String code, String reason) implements StatusOutcome {}
}
