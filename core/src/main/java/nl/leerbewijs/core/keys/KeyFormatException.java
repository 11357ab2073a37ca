package nl.leerbewijs.core.keys;

import java.util.Objects;

/**
 * Key or certificate input that cannot be used: malformed, of an unsupported type or curve,
 * encrypted under a password we do not have, or holding the wrong kind of object.
 *
 * <p>The message names the format and the reason, never the key material: parser messages of the
 * underlying libraries are deliberately not chained, because some of them print the ASN.1 they
 * choked on.
 */
public final class KeyFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The input format being read. */
  public enum Format {
    PEM,
    JWK,
    PKCS12,
    X509,
    X5C
  }

  /** Why the input was refused; {@link #code()} is stable for tests and API error bodies. */
  public enum Problem {
    /** Not a well-formed structure of the named format. */
    MALFORMED("malformed"),
    /** Nothing of the expected kind in the input. */
    MISSING("missing"),
    /** More than one object where exactly one is expected, or an object of another kind. */
    UNEXPECTED_OBJECT("unexpected-object"),
    /** A key type other than EC (RSA, OKP, symmetric). */
    UNSUPPORTED_KEY_TYPE("unsupported-key-type"),
    /** An EC key on a curve other than P-256, or with explicit curve parameters. */
    UNSUPPORTED_CURVE("unsupported-curve"),
    /** A coordinate or scalar outside the curve's range, or a point not on the curve. */
    INVALID_KEY("invalid-key"),
    /** The public key stored with a private key does not belong to it. */
    KEY_MISMATCH("key-mismatch"),
    /** Private key material where only a public key is acceptable. */
    PRIVATE_KEY_MATERIAL("private-key-material"),
    /** Encrypted input without a way to decrypt it here. */
    ENCRYPTED("encrypted"),
    /** The password does not open the container (or the container is corrupted). */
    WRONG_PASSWORD("wrong-password"),
    /** The input is larger than the format's limit. */
    TOO_LARGE("too-large"),
    /** A certificate that is not valid at the time it is to be used (expired or not yet valid). */
    OUTSIDE_VALIDITY("outside-validity");

    private final String code;

    Problem(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  private final Format format;
  private final Problem problem;

  public KeyFormatException(Format format, Problem problem, String reason) {
    super(
        Objects.requireNonNull(format)
            + " "
            + Objects.requireNonNull(problem).code()
            + ": "
            + reason);
    this.format = format;
    this.problem = problem;
  }

  public Format format() {
    return format;
  }

  public Problem problem() {
    return problem;
  }

  /** The stable problem code, e.g. {@code unsupported-curve}. */
  public String code() {
    return problem.code();
  }
}
