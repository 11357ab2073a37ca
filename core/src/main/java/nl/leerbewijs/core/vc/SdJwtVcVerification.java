package nl.leerbewijs.core.vc;

import java.util.List;
import java.util.Objects;
import nl.leerbewijs.core.sdjwt.SdJwtFailure;

/** The outcome of {@link SdJwtVcVerifier#verify}: verified, or rejected with its failures. */
public sealed interface SdJwtVcVerification
    permits SdJwtVcVerification.Verified, SdJwtVcVerification.Rejected {

  /** Every check passed. */
  record Verified(VerifiedSdJwtVc credential) implements SdJwtVcVerification {
    public Verified {
      Objects.requireNonNull(credential);
    }

    @Override
    public List<SdJwtFailure> failures() {
      return List.of();
    }
  }

  /** At least one check failed; all failures found are listed. */
  record Rejected(List<SdJwtFailure> failures) implements SdJwtVcVerification {
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
   * The verified credential.
   *
   * @throws IllegalStateException when rejected
   */
  default VerifiedSdJwtVc verified() {
    if (this instanceof Verified) {
      return ((Verified) this).credential();
    }
    throw new IllegalStateException("SD-JWT VC was rejected: " + failures().get(0).code());
  }
}
