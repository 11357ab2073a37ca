package nl.leerbewijs.core.credential;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A level of the Dutch qualifications framework (NLQF): the entry level (instroomniveau) and 1..8.
 *
 * <p>Levels 1..8 map one-to-one to EQF 1..8; the entry level has no EQF equivalent. The EQF level
 * of a credential is always derived from its NLQF level, never entered separately.
 */
public enum NlqfLevel {
  ENTRY("entry", 0),
  ONE("1", 1),
  TWO("2", 2),
  THREE("3", 3),
  FOUR("4", 4),
  FIVE("5", 5),
  SIX("6", 6),
  SEVEN("7", 7),
  EIGHT("8", 8);

  private final String claimValue;
  private final int rank;

  NlqfLevel(String claimValue, int rank) {
    this.claimValue = claimValue;
    this.rank = rank;
  }

  /** The value of the {@code nlqf} claim: {@code "entry"} or {@code "1"}..{@code "8"}. */
  public String claimValue() {
    return claimValue;
  }

  /** 0 for the entry level, else the level number; for ordering and range checks. */
  public int rank() {
    return rank;
  }

  /** The EQF level this NLQF level maps to; empty for the entry level. */
  public OptionalInt eqf() {
    return this == ENTRY ? OptionalInt.empty() : OptionalInt.of(rank);
  }

  /** The level whose {@link #claimValue()} equals {@code value} exactly; empty otherwise. */
  public static Optional<NlqfLevel> fromClaim(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (NlqfLevel level : values()) {
      if (level.claimValue.equals(value)) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }
}
