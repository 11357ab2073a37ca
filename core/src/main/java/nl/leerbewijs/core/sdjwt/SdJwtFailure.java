package nl.leerbewijs.core.sdjwt;

import java.util.Locale;
import java.util.Objects;

/**
 * Why a well-formed SD-JWT (or SD-JWT VC) was rejected. Each failure belongs to one check category,
 * {@link #check()}, and has a stable {@link #code()} {@code "<check>.<reason>"} for programs, tests
 * and translations; {@link #message()} is for people and logs and never contains salts, disclosed
 * values, keys or the token.
 */
public sealed interface SdJwtFailure
    permits SdJwtFailure.Structure,
        SdJwtFailure.Signature,
        SdJwtFailure.Digests,
        SdJwtFailure.KeyBinding,
        SdJwtFailure.Validity {

  String CHECK_STRUCTURE = "structure";
  String CHECK_SIGNATURE = "signature";
  String CHECK_DIGESTS = "digests";
  String CHECK_KEY_BINDING = "key_binding";
  String CHECK_VALIDITY = "validity";

  /** The check category: {@code structure}, {@code signature}, {@code digests}, ... */
  String check();

  /** Stable machine-readable code, e.g. {@code digests.duplicate_digest}. */
  String code();

  /** A human-readable explanation naming the object, the reason and non-secret values. */
  String message();

  private static String code(String check, Enum<?> reason) {
    return check + "." + reason.name().toLowerCase(Locale.ROOT);
  }

  /** The token's shape does not fit the profile: header type, required claims, nesting. */
  record Structure(Reason reason, String message) implements SdJwtFailure {
    public enum Reason {
      /** The {@code typ} header is not the one the profile requires. */
      WRONG_TYP,
      /** A required claim is absent. */
      MISSING_CLAIM,
      /** A claim has the wrong type or form. */
      INVALID_CLAIM,
      /** A claim that must be plain was selectively disclosed. */
      CLAIM_DISCLOSED,
      /** Disclosures nest deeper than the verifier accepts. */
      TOO_DEEP
    }

    public Structure {
      Objects.requireNonNull(reason);
      Objects.requireNonNull(message);
    }

    @Override
    public String check() {
      return CHECK_STRUCTURE;
    }

    @Override
    public String code() {
      return SdJwtFailure.code(check(), reason);
    }
  }

  /** The issuer signature does not hold. */
  record Signature(Reason reason, String message) implements SdJwtFailure {
    public enum Reason {
      /** The signature does not verify with the issuer key the caller supplied. */
      INVALID,
      /** The {@code alg} is not on the verifier's allow-list. */
      ALG_NOT_ALLOWED
    }

    public Signature {
      Objects.requireNonNull(reason);
      Objects.requireNonNull(message);
    }

    @Override
    public String check() {
      return CHECK_SIGNATURE;
    }

    @Override
    public String code() {
      return SdJwtFailure.code(check(), reason);
    }
  }

  /** The disclosures do not match the signed digests (RFC 9901 section 7.1 step 3). */
  record Digests(Reason reason, String message) implements SdJwtFailure {
    public enum Reason {
      /** {@code _sd_alg} names a hash algorithm we do not support (only sha-256). */
      UNSUPPORTED_SD_ALG,
      /** {@code _sd} is not an array of strings, or {@code ...} is not a string. */
      MALFORMED_SD,
      /** A disclosure's digest appears nowhere in the payload or in other disclosures. */
      UNREFERENCED_DISCLOSURE,
      /** A digest appears more than once, or the same disclosure is sent twice. */
      DUPLICATE_DIGEST,
      /** A disclosed claim name already exists at that level. */
      CLAIM_CONFLICT,
      /** An array element disclosure is referenced from {@code _sd}, or the reverse. */
      WRONG_DISCLOSURE_SHAPE
    }

    public Digests {
      Objects.requireNonNull(reason);
      Objects.requireNonNull(message);
    }

    @Override
    public String check() {
      return CHECK_DIGESTS;
    }

    @Override
    public String code() {
      return SdJwtFailure.code(check(), reason);
    }
  }

  /** Key binding is missing or does not hold (RFC 9901 section 7.3). */
  record KeyBinding(Reason reason, String message) implements SdJwtFailure {
    public enum Reason {
      /** Key binding is required but there is no key binding JWT. */
      MISSING,
      /** There is no usable holder key: no {@code cnf}, or no {@code cnf.jwk}. */
      MISSING_CNF,
      /** {@code cnf.jwk} is not an EC P-256 public key (or carries private key material). */
      INVALID_CNF,
      /** The key binding JWT's {@code typ} is not {@code kb+jwt}. */
      WRONG_TYP,
      /** The key binding JWT's {@code alg} is not on the allow-list. */
      ALG_NOT_ALLOWED,
      /** The key binding JWT is not signed by the holder key. */
      BAD_SIGNATURE,
      /** A required key binding JWT claim is missing or of the wrong type. */
      MISSING_CLAIM,
      /** {@code sd_hash} does not match the presented SD-JWT. */
      SD_HASH_MISMATCH,
      /** {@code aud} is not the expected audience. */
      AUD_MISMATCH,
      /** {@code nonce} is not the expected nonce. */
      NONCE_MISMATCH,
      /** {@code iat} is in the future or older than the accepted age. */
      IAT_OUT_OF_WINDOW
    }

    public KeyBinding {
      Objects.requireNonNull(reason);
      Objects.requireNonNull(message);
    }

    @Override
    public String check() {
      return CHECK_KEY_BINDING;
    }

    @Override
    public String code() {
      return SdJwtFailure.code(check(), reason);
    }
  }

  /** The token is not valid at the verifier's clock time. */
  record Validity(Reason reason, String message) implements SdJwtFailure {
    public enum Reason {
      /** {@code exp} has passed (beyond the allowed clock skew). */
      EXPIRED,
      /** {@code nbf} is still in the future (beyond the allowed clock skew). */
      NOT_YET_VALID,
      /** {@code iat} is in the future (beyond the allowed clock skew). */
      ISSUED_IN_FUTURE
    }

    public Validity {
      Objects.requireNonNull(reason);
      Objects.requireNonNull(message);
    }

    @Override
    public String check() {
      return CHECK_VALIDITY;
    }

    @Override
    public String code() {
      return SdJwtFailure.code(check(), reason);
    }
  }
}
