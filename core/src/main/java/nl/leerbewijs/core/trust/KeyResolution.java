package nl.leerbewijs.core.trust;

import java.security.interfaces.ECPublicKey;
import java.util.Objects;

/**
 * The outcome of resolving an issuer's signing key: either a trusted key, or why none is trusted.
 * Each variant has a stable {@link #code()}.
 */
public sealed interface KeyResolution {

  /**
   * The stable code of the verification report's {@code trusted_issuer} check for a resolution
   * code: {@code trusted_issuer.} and the code with underscores ({@code keys-unavailable} becomes
   * {@code trusted_issuer.keys_unavailable}).
   */
  static String checkCode(String code) {
    return "trusted_issuer." + code.replace('-', '_');
  }

  /** Stable, machine-readable outcome code. */
  String code();

  /** Whether a trusted key was found. */
  default boolean trusted() {
    return this instanceof Trusted;
  }

  /** A key the trust list vouches for. */
  record Trusted(ECPublicKey key, TrustedIssuer issuer, String via) implements KeyResolution {
    public static final String CODE = "trusted";

    /** The key was pinned in the issuer's {@code jwks}. */
    public static final String VIA_PINNED_JWK = "pinned-jwk";

    /** The key came from an {@code x5c} chain that validated against the issuer's anchors. */
    public static final String VIA_X509 = "x509";

    /**
     * The key came from the issuer's JWT VC Issuer Metadata, fetched for an issuer whose trust list
     * entry says {@code keys_from_metadata}.
     */
    public static final String VIA_ISSUER_METADATA = "jwt-vc-issuer-metadata";

    public Trusted {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(via, "via");
    }

    @Override
    public String code() {
      return CODE;
    }
  }

  /** The {@code iss} is not in the trust list. */
  record UnknownIssuer(String iss) implements KeyResolution {
    public static final String CODE = "unknown-issuer";

    @Override
    public String code() {
      return CODE;
    }
  }

  /** The issuer is trusted, but no pinned key matches the {@code kid} (which may be null). */
  record UnknownKey(String iss, String kid) implements KeyResolution {
    public static final String CODE = "unknown-key";

    @Override
    public String code() {
      return CODE;
    }
  }

  /**
   * The issuer is trusted and its keys come from its metadata, but they could not be obtained (the
   * issuer cannot be reached, or its metadata is unusable) and no usable cached keys remain.
   */
  record KeysUnavailable(String iss, String reason) implements KeyResolution {
    public static final String CODE = "keys-unavailable";

    /** The code of the report's {@code trusted_issuer} check for this outcome. */
    public static final String CHECK_CODE = checkCode(CODE);

    @Override
    public String code() {
      return CODE;
    }
  }

  /** The issuer is trusted, but the {@code x5c} chain does not establish trust in its key. */
  record UntrustedChain(String iss, String reason) implements KeyResolution {
    public static final String CODE = "untrusted-chain";

    @Override
    public String code() {
      return CODE;
    }
  }
}
