package nl.leerbewijs.wallet.issuance;

import java.util.OptionalInt;

/**
 * Receiving a credential failed. {@link #reason()} is what the learner is told; the message is a
 * non-secret English detail for {@code --verbose} (never a code, PIN or token).
 */
public final class IssuanceException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why receiving failed; {@link #code()} is stable. */
  public enum Reason {
    /** The offer text is not a valid credential offer. */
    OFFER_INVALID,
    /** The offer asks for a flow this wallet does not support (e.g. a login at the school). */
    OFFER_UNSUPPORTED,
    /** The issuer needs a PIN (transaction code) and none was given. */
    TX_CODE_REQUIRED,
    /** The PIN was wrong. */
    WRONG_TX_CODE,
    /** The offer expired or was already used ({@code invalid_grant}). */
    OFFER_EXPIRED_OR_USED,
    /** The issuer (or the offer's address) could not be reached, or did not answer in time. */
    ISSUER_UNREACHABLE,
    /** The issuer answered something that is not OpenID4VCI. */
    ISSUER_PROTOCOL,
    /** The issuer refused the wallet's proof of key possession. */
    PROOF_REJECTED,
    /** The issuer refused to issue. */
    DENIED,
    /** The issuer will issue later (deferred issuance), which this wallet does not support. */
    DEFERRED,
    /** Another error from the issuer. */
    ISSUER_ERROR;

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Reason reason;
  private final Integer attemptsLeft;

  public IssuanceException(Reason reason, String detail) {
    this(reason, detail, null);
  }

  public IssuanceException(Reason reason, String detail, Integer attemptsLeft) {
    super(detail);
    this.reason = reason;
    this.attemptsLeft = attemptsLeft;
  }

  public Reason reason() {
    return reason;
  }

  /** PIN attempts left, when the issuer said so. */
  public OptionalInt attemptsLeft() {
    return attemptsLeft == null ? OptionalInt.empty() : OptionalInt.of(attemptsLeft);
  }
}
