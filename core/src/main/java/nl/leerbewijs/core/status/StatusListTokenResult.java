package nl.leerbewijs.core.status;

import java.util.Objects;

/** The outcome of {@link StatusListTokenVerifier#verify}: a verified list, or why not. */
public sealed interface StatusListTokenResult
    permits StatusListTokenResult.Verified, StatusListTokenResult.Rejected {

  /** Every check passed. */
  record Verified(VerifiedStatusList list) implements StatusListTokenResult {
    public Verified {
      Objects.requireNonNull(list, "list");
    }
  }

  /** A check failed; the first failure found. */
  record Rejected(StatusListFailure failure) implements StatusListTokenResult {
    public Rejected {
      Objects.requireNonNull(failure, "failure");
    }
  }
}
