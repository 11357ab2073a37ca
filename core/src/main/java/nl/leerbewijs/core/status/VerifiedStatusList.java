package nl.leerbewijs.core.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A Status List whose token passed every check of {@link StatusListTokenVerifier}: signature by the
 * caller's key under an allowed algorithm, {@code typ}, {@code sub}, times and a well-formed list.
 * Only the verifier constructs one. Immutable.
 */
public final class VerifiedStatusList {

  private final String subject;
  private final Instant iat;
  private final Instant exp;
  private final Duration ttl;
  private final String aggregationUri;
  private final StatusList list;

  VerifiedStatusList(
      String subject,
      Instant iat,
      Instant exp,
      Duration ttl,
      String aggregationUri,
      StatusList list) {
    this.subject = subject;
    this.iat = iat;
    this.exp = exp;
    this.ttl = ttl;
    this.aggregationUri = aggregationUri;
    this.list = list;
  }

  /** The status at {@code index}, or {@link StatusListFailure.IndexOutOfRange}. */
  public StatusLookup statusOf(long index) {
    if (index < 0 || index >= list.size()) {
      return new StatusListFailure.IndexOutOfRange(index, list.size());
    }
    return new StatusLookup.Found(index, list.get((int) index));
  }

  /** The {@code sub} claim: the list's URI. */
  public String subject() {
    return subject;
  }

  /** The {@code iat} claim. */
  public Instant iat() {
    return iat;
  }

  /** The {@code exp} claim, when present. */
  public Optional<Instant> exp() {
    return Optional.ofNullable(exp);
  }

  /** The {@code ttl} claim: how long the token may be cached, when present. */
  public Optional<Duration> ttl() {
    return Optional.ofNullable(ttl);
  }

  /** The {@code aggregation_uri} of the status list, when present. */
  public Optional<String> aggregationUri() {
    return Optional.ofNullable(aggregationUri);
  }

  public int bits() {
    return list.bits();
  }

  /** Number of entries the list holds. */
  public int size() {
    return list.size();
  }

  @Override
  public String toString() {
    return "VerifiedStatusList[sub=" + subject + ", bits=" + bits() + ", size=" + size() + "]";
  }
}
