package nl.leerbewijs.core.sdjwt;

import java.util.List;
import java.util.Objects;

/** The outcome of {@link SdJwtVerifier#verify}: verified, or rejected with its failures. */
public sealed interface SdJwtVerification
    permits SdJwtVerification.Verified, SdJwtVerification.Rejected {

  /** Every check passed. */
  record Verified(VerifiedSdJwt sdJwt) implements SdJwtVerification {
    public Verified {
      Objects.requireNonNull(sdJwt);
    }

    @Override
    public List<SdJwtFailure> failures() {
      return List.of();
    }
  }

  /** At least one check failed; all failures found are listed. */
  record Rejected(List<SdJwtFailure> failures) implements SdJwtVerification {
    public Rejected {
      failures = List.copyOf(failures);
      if (failures.isEmpty()) {
        throw new IllegalArgumentException("a rejection needs at least one failure");
      }
    }
  }

  /** The failures; empty when verified. */
  List<SdJwtFailure> failures();

  default boolean isVerified() {
    return this instanceof Verified;
  }

  /**
   * The verified SD-JWT.
   *
   * @throws IllegalStateException when rejected
   */
  default VerifiedSdJwt verified() {
    if (this instanceof Verified) {
      return ((Verified) this).sdJwt();
    }
    throw new IllegalStateException("SD-JWT was rejected: " + failures().get(0).code());
  }
}
