package nl.leerbewijs.core.credential;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The inclusive range of study credits (ECTS) a microcredential may carry.
 *
 * <p>The national quality framework for microcredentials sets 3 to 30 ECTS ({@link #DEFAULT}); an
 * experimental addendum lets some institutions go down to 1 EC, so the range is configurable per
 * issuer.
 *
 * @param min smallest allowed value, inclusive, greater than zero
 * @param max largest allowed value, inclusive, not below {@code min}
 */
public record EctsRange(BigDecimal min, BigDecimal max) {

  /** The national default: 3 to 30 ECTS. */
  public static final EctsRange DEFAULT = of(3, 30);

  public EctsRange {
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
    if (min.signum() <= 0) {
      throw new IllegalArgumentException("ECTS range minimum must be > 0, got " + min);
    }
    if (min.compareTo(max) > 0) {
      throw new IllegalArgumentException("ECTS range minimum " + min + " exceeds maximum " + max);
    }
  }

  /** A range of whole numbers of credits. */
  public static EctsRange of(long min, long max) {
    return new EctsRange(BigDecimal.valueOf(min), BigDecimal.valueOf(max));
  }

  /** Whether {@code ects} lies within the range, bounds included. */
  public boolean contains(BigDecimal ects) {
    return ects.compareTo(min) >= 0 && ects.compareTo(max) <= 0;
  }

  /** "3–30", for messages. */
  @Override
  public String toString() {
    return plain(min) + "–" + plain(max);
  }

  static String plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
  }
}
