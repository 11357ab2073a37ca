package nl.leerbewijs.core.sdjwt;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** JWT NumericDate (RFC 7519 section 2): seconds since the epoch, possibly fractional. */
public final class NumericDate {

  /** Largest accepted value: the year 10000, well inside {@link Instant}'s range. */
  private static final BigDecimal MAX = BigDecimal.valueOf(253_402_300_800L);

  private NumericDate() {}

  /**
   * The instant a NumericDate claim denotes, truncated to whole seconds; empty when the node is
   * absent, not a number, negative or beyond the year 10000.
   */
  public static Optional<Instant> parse(JsonNode node) {
    if (node == null || !node.isNumber()) {
      return Optional.empty();
    }
    BigDecimal v = node.decimalValue();
    if (v.signum() < 0 || v.compareTo(MAX) > 0) {
      return Optional.empty();
    }
    return Optional.of(Instant.ofEpochSecond(v.longValue()));
  }
}
