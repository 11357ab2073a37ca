package nl.leerbewijs.core.status;

import java.time.Instant;

/**
 * Why a Status List Token, or a lookup in it, gave no statement about a credential's status. Each
 * kind has a stable {@link #code()} for programs and a {@link #message()} for people; messages name
 * the offending non-secret value and never the token itself.
 */
public sealed interface StatusListFailure
    permits StatusListFailure.Malformed,
        StatusListFailure.WrongType,
        StatusListFailure.AlgorithmNotAllowed,
        StatusListFailure.BadSignature,
        StatusListFailure.SubjectMismatch,
        StatusListFailure.Expired,
        StatusListFailure.NotYetValid,
        StatusListFailure.IndexOutOfRange {

  /** Stable machine-readable code, e.g. {@code status.bad_signature}. */
  String code();

  /** A one-line explanation naming the offending value. */
  String message();

  /** The token is not a well-formed Status List Token (JWS, claims or {@code status_list}). */
  record Malformed(String reason) implements StatusListFailure {
    @Override
    public String code() {
      return "status.malformed";
    }

    @Override
    public String message() {
      return "status list token is malformed: " + reason;
    }
  }

  /** The {@code typ} header is not {@code statuslist+jwt}. */
  record WrongType(String typ) implements StatusListFailure {
    @Override
    public String code() {
      return "status.wrong_type";
    }

    @Override
    public String message() {
      return "status list token rejected: typ is '"
          + typ
          + "', expected '"
          + StatusListNames.TYP_STATUSLIST_JWT
          + "'";
    }
  }

  /** The {@code alg} header is not on the verifier's allow-list. */
  record AlgorithmNotAllowed(String alg) implements StatusListFailure {
    @Override
    public String code() {
      return "status.algorithm_not_allowed";
    }

    @Override
    public String message() {
      return "status list token rejected: algorithm '" + alg + "' is not allowed";
    }
  }

  /** The signature does not verify with the key the caller supplied. */
  record BadSignature(String kid) implements StatusListFailure {
    @Override
    public String code() {
      return "status.bad_signature";
    }

    @Override
    public String message() {
      return "status list token rejected: signature does not verify (kid " + kid + ")";
    }
  }

  /** {@code sub} differs from the {@code uri} the credential referenced. */
  record SubjectMismatch(String expected, String actual) implements StatusListFailure {
    @Override
    public String code() {
      return "status.sub_mismatch";
    }

    @Override
    public String message() {
      return "status list token rejected: sub is '" + actual + "', expected '" + expected + "'";
    }
  }

  /** {@code exp} has passed (beyond the allowed clock skew). */
  record Expired(Instant exp, Instant now) implements StatusListFailure {
    @Override
    public String code() {
      return "status.expired";
    }

    @Override
    public String message() {
      return "status list token rejected: expired at " + exp + " (now " + now + ")";
    }
  }

  /** {@code iat} or {@code nbf} lies in the future (beyond the allowed clock skew). */
  record NotYetValid(Instant notBefore, Instant now) implements StatusListFailure {
    @Override
    public String code() {
      return "status.not_yet_valid";
    }

    @Override
    public String message() {
      return "status list token rejected: not valid before " + notBefore + " (now " + now + ")";
    }
  }

  /** The credential's index lies outside the list; no statement about its status can be made. */
  record IndexOutOfRange(long index, long size) implements StatusListFailure, StatusLookup {
    @Override
    public String code() {
      return "status.index_out_of_range";
    }

    @Override
    public String message() {
      return "status list index " + index + " is outside the list of " + size + " entries";
    }
  }
}
