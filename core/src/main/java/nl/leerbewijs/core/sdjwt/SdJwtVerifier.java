package nl.leerbewijs.core.sdjwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.jose.AlgorithmPolicy;
import nl.leerbewijs.core.jose.CompactJws;
import nl.leerbewijs.core.jose.JwsAlgorithm;
import nl.leerbewijs.core.jose.JwsVerifier;

/**
 * Verifies SD-JWTs as RFC 9901 section 7.1 and 7.3 require. Immutable and thread-safe.
 *
 * <p>What is checked, each failure reported as an {@link SdJwtFailure}:
 *
 * <ul>
 *   <li>the issuer-signed JWT's {@code alg} is on the {@link AlgorithmPolicy} and its signature
 *       verifies with the key the <em>caller</em> supplies; keys named in the token ({@code jwk},
 *       {@code jku}, {@code x5u}, {@code x5c}) are never used;
 *   <li>{@code _sd_alg} is absent or {@code sha-256}; every {@code _sd} is an array of strings;
 *       every presented disclosure matches exactly one digest, of the right shape, without
 *       conflicting with a claim of the same name; no digest occurs twice;
 *   <li>{@code exp} and {@code nbf}, when present in the processed claims, hold at the injected
 *       clock within the clock skew;
 *   <li>when key binding is required, or a key binding JWT is present anyway: {@code cnf.jwk} is an
 *       EC P-256 public key, the key binding JWT has {@code typ} {@code kb+jwt}, an allowed {@code
 *       alg} and a valid signature by that key, {@code iat} is neither in the future nor older than
 *       the maximum age, {@code aud} and {@code nonce} equal the expected values (when configured;
 *       without an expected nonce there is no replay protection), and {@code sd_hash} covers
 *       exactly the presented SD-JWT.
 * </ul>
 *
 * <p>Not checked here: whether the issuer is trusted (resolve the key first), the token type, the
 * credential's schema or status. Those belong to the profile (e.g. SD-JWT VC) and the engine.
 */
public final class SdJwtVerifier {

  /** Per thread: the issuer signature's SHA-256 of its signing input, continued for sd_hash. */
  private static final ThreadLocal<MessageDigest> PRESENTED =
      ThreadLocal.withInitial(CryptoProvider::sha256);

  /** Largest clock skew a verifier may allow. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(10);

  private final AlgorithmPolicy policy;
  private final Clock clock;
  private final Duration skew;
  private final boolean keyBindingRequired;
  private final String expectedAudience;
  private final String expectedNonce;
  private final Duration maxKeyBindingAge;

  private SdJwtVerifier(Builder b) {
    this.policy = b.policy;
    this.clock = b.clock;
    this.skew = b.skew;
    this.keyBindingRequired = b.keyBindingRequired;
    this.expectedAudience = b.expectedAudience;
    this.expectedNonce = b.expectedNonce;
    this.maxKeyBindingAge = b.maxKeyBindingAge;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder preset with this verifier's settings, e.g. to set the nonce of one request. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.policy = policy;
    b.clock = clock;
    b.skew = skew;
    b.keyBindingRequired = keyBindingRequired;
    b.expectedAudience = expectedAudience;
    b.expectedNonce = expectedNonce;
    b.maxKeyBindingAge = maxKeyBindingAge;
    return b;
  }

  public AlgorithmPolicy algorithmPolicy() {
    return policy;
  }

  public Clock clock() {
    return clock;
  }

  public Duration maxClockSkew() {
    return skew;
  }

  public boolean keyBindingRequired() {
    return keyBindingRequired;
  }

  /**
   * Verifies an SD-JWT against an issuer key the caller has decided to trust.
   *
   * @param issuerKey the issuer's public key, resolved by the caller (never from the token)
   */
  public SdJwtVerification verify(SdJwt sdJwt, PublicKey issuerKey) {
    Objects.requireNonNull(sdJwt, "sdJwt");
    Objects.requireNonNull(issuerKey, "issuerKey");
    List<SdJwtFailure> failures = new ArrayList<>();
    // With a key binding JWT, sd_hash hashes the issuer-signed JWT again: the signature check
    // hands its hash of the signing input on (PRESENTED), so those bytes are hashed once.
    MessageDigest afterSigningInput =
        checkIssuerSignature(
            sdJwt.issuerSigned(),
            issuerKey,
            failures,
            sdJwt.keyBinding().isPresent() ? PRESENTED.get() : null);

    ObjectNode payload = sdJwt.issuerPayloadUnsafe();
    JsonNode sdAlg = payload.get(SdJwtNames.SD_ALG);
    if (sdAlg != null && !(sdAlg.isTextual() && SdJwtNames.SHA_256.equals(sdAlg.textValue()))) {
      failures.add(
          new SdJwtFailure.Digests(
              SdJwtFailure.Digests.Reason.UNSUPPORTED_SD_ALG,
              "'_sd_alg' is "
                  + (sdAlg.isTextual() ? "'" + sdAlg.textValue() + "'" : sdAlg.getNodeType())
                  + "; only sha-256 is supported"));
      return new SdJwtVerification.Rejected(failures); // digests cannot be interpreted
    }
    DisclosureResolver.Resolution r = DisclosureResolver.resolve(payload, sdJwt.disclosures());
    failures.addAll(r.failures);

    Instant now = clock.instant();
    checkValidity(r.claims, now, failures);
    boolean needKeyBinding = keyBindingRequired || sdJwt.keyBinding().isPresent();
    HolderKey holderKey = holderKey(r.claims, needKeyBinding, failures);
    boolean keyBound = false;
    if (sdJwt.keyBinding().isEmpty()) {
      if (keyBindingRequired) {
        failures.add(
            new SdJwtFailure.KeyBinding(
                SdJwtFailure.KeyBinding.Reason.MISSING,
                "key binding is required but the SD-JWT has no key binding JWT"));
      }
    } else if (holderKey != null) {
      ECPublicKey key = null;
      try {
        key = holderKey.get();
      } catch (IllegalStateException e) {
        failures.add(
            new SdJwtFailure.KeyBinding(
                SdJwtFailure.KeyBinding.Reason.INVALID_CNF,
                "cnf.jwk is not a usable EC public key"));
      }
      if (key != null) {
        keyBound = checkKeyBinding(sdJwt, key, now, failures, afterSigningInput);
      }
    }
    if (!failures.isEmpty()) {
      return new SdJwtVerification.Rejected(failures);
    }
    return new SdJwtVerification.Verified(
        new VerifiedSdJwt(sdJwt, r.claims, r.disclosed, holderKey, keyBound, r.undisclosedDigests));
  }

  /**
   * Checks the issuer's signature; returns {@code hashWith} when it now holds the SHA-256 state
   * after the signing input (an ES256 signature was checked with it), else null.
   */
  private MessageDigest checkIssuerSignature(
      CompactJws jws, PublicKey key, List<SdJwtFailure> failures, MessageDigest hashWith) {
    Optional<JwsAlgorithm> alg = policy.accept(jws.alg());
    if (alg.isEmpty()) {
      failures.add(
          new SdJwtFailure.Signature(
              SdJwtFailure.Signature.Reason.ALG_NOT_ALLOWED,
              "issuer-signed JWT alg '" + jws.alg() + "' is not allowed by " + policy));
      return null;
    }
    boolean shared = hashWith != null && alg.get() == JwsAlgorithm.ES256;
    boolean valid =
        shared
            ? JwsVerifier.verifyHashingWith(jws, key, alg.get(), hashWith)
            : JwsVerifier.verify(jws, key, alg.get());
    if (!valid) {
      failures.add(
          new SdJwtFailure.Signature(
              SdJwtFailure.Signature.Reason.INVALID,
              "issuer-signed JWT signature does not verify with the issuer key"
                  + (jws.kid() == null ? "" : " (kid '" + jws.kid() + "')")));
    }
    return shared ? hashWith : null;
  }

  private void checkValidity(ObjectNode claims, Instant now, List<SdJwtFailure> failures) {
    JsonNode exp = claims.get(SdJwtNames.EXP);
    if (exp != null) {
      Optional<Instant> t = NumericDate.parse(exp);
      if (t.isEmpty()) {
        failures.add(invalidClaim("'exp' is not a NumericDate"));
      } else if (!now.minus(skew).isBefore(t.get())) {
        failures.add(
            new SdJwtFailure.Validity(
                SdJwtFailure.Validity.Reason.EXPIRED, "credential expired at " + t.get()));
      }
    }
    JsonNode nbf = claims.get(SdJwtNames.NBF);
    if (nbf != null) {
      Optional<Instant> t = NumericDate.parse(nbf);
      if (t.isEmpty()) {
        failures.add(invalidClaim("'nbf' is not a NumericDate"));
      } else if (now.plus(skew).isBefore(t.get())) {
        failures.add(
            new SdJwtFailure.Validity(
                SdJwtFailure.Validity.Reason.NOT_YET_VALID,
                "credential is not valid before " + t.get()));
      }
    }
  }

  private static SdJwtFailure invalidClaim(String message) {
    return new SdJwtFailure.Structure(SdJwtFailure.Structure.Reason.INVALID_CLAIM, message);
  }

  /** The checked {@code cnf.jwk}, imported into the provider only when used. */
  private static HolderKey holderKey(
      ObjectNode claims, boolean needed, List<SdJwtFailure> failures) {
    JsonNode cnf = claims.get(SdJwtNames.CNF);
    if (cnf == null || (cnf.isObject() && !cnf.has(SdJwtNames.JWK))) {
      if (needed) {
        failures.add(
            new SdJwtFailure.KeyBinding(
                SdJwtFailure.KeyBinding.Reason.MISSING_CNF,
                cnf == null
                    ? "the SD-JWT has no 'cnf' claim to bind a holder key"
                    : "'cnf' has no 'jwk'; only cnf.jwk holder keys are supported"));
      }
      return null;
    }
    if (!cnf.isObject()) {
      failures.add(
          new SdJwtFailure.KeyBinding(
              SdJwtFailure.KeyBinding.Reason.INVALID_CNF, "'cnf' is not a JSON object"));
      return null;
    }
    try {
      return HolderKey.of(cnf.get(SdJwtNames.JWK));
    } catch (IllegalArgumentException e) {
      failures.add(
          new SdJwtFailure.KeyBinding(
              SdJwtFailure.KeyBinding.Reason.INVALID_CNF, "cnf." + e.getMessage()));
      return null;
    }
  }

  private boolean checkKeyBinding(
      SdJwt sdJwt,
      ECPublicKey holderKey,
      Instant now,
      List<SdJwtFailure> failures,
      MessageDigest afterSigningInput) {
    int before = failures.size();
    CompactJws kb = sdJwt.keyBinding().orElseThrow();
    ObjectNode p = sdJwt.keyBindingPayloadUnsafe();
    if (!SdJwtNames.KB_JWT_TYP.equals(kb.typ())) {
      failures.add(
          kbFailure(
              SdJwtFailure.KeyBinding.Reason.WRONG_TYP,
              "key binding JWT typ is "
                  + (kb.typ() == null ? "absent" : "'" + kb.typ() + "'")
                  + ", expected 'kb+jwt'"));
    }
    Optional<JwsAlgorithm> alg = policy.accept(kb.alg());
    if (alg.isEmpty()) {
      failures.add(
          kbFailure(
              SdJwtFailure.KeyBinding.Reason.ALG_NOT_ALLOWED,
              "key binding JWT alg '" + kb.alg() + "' is not allowed by " + policy));
    } else if (!JwsVerifier.verifyWithP256Key(kb, holderKey, alg.get())) { // checked on P-256
      failures.add(
          kbFailure(
              SdJwtFailure.KeyBinding.Reason.BAD_SIGNATURE,
              "key binding JWT signature does not verify with the holder key in cnf.jwk"));
    }
    Optional<Instant> iat = NumericDate.parse(p.get(SdJwtNames.IAT));
    if (iat.isEmpty()) {
      failures.add(missingKbClaim(SdJwtNames.IAT));
    } else if (iat.get().isAfter(now.plus(skew))) {
      failures.add(
          kbFailure(
              SdJwtFailure.KeyBinding.Reason.IAT_OUT_OF_WINDOW,
              "key binding JWT iat " + iat.get() + " is in the future"));
    } else if (iat.get().isBefore(now.minus(maxKeyBindingAge).minus(skew))) {
      failures.add(
          kbFailure(
              SdJwtFailure.KeyBinding.Reason.IAT_OUT_OF_WINDOW,
              "key binding JWT iat " + iat.get() + " is older than " + maxKeyBindingAge));
    }
    checkString(
        p, SdJwtNames.AUD, expectedAudience, SdJwtFailure.KeyBinding.Reason.AUD_MISMATCH, failures);
    checkString(
        p,
        SdJwtNames.NONCE,
        expectedNonce,
        SdJwtFailure.KeyBinding.Reason.NONCE_MISMATCH,
        failures);
    JsonNode sdHash = p.get(SdJwtNames.SD_HASH);
    if (sdHash == null || !sdHash.isTextual()) {
      failures.add(missingKbClaim(SdJwtNames.SD_HASH));
    } else if (!sdHash
        .textValue()
        .equals(
            afterSigningInput == null
                ? sdJwt.presentedDigest()
                : sdJwt.presentedDigest(afterSigningInput))) {
      failures.add(
          kbFailure(
              SdJwtFailure.KeyBinding.Reason.SD_HASH_MISMATCH,
              "key binding JWT sd_hash does not match the presented SD-JWT"));
    }
    return failures.size() == before;
  }

  private static void checkString(
      ObjectNode p,
      String name,
      String expected,
      SdJwtFailure.KeyBinding.Reason mismatch,
      List<SdJwtFailure> failures) {
    JsonNode v = p.get(name);
    if (v == null || !v.isTextual()) {
      failures.add(missingKbClaim(name));
    } else if (expected != null && !expected.equals(v.textValue())) {
      failures.add(
          kbFailure(
              mismatch,
              "key binding JWT " + name + " '" + v.textValue() + "' is not the expected value"));
    }
  }

  private static SdJwtFailure missingKbClaim(String name) {
    return kbFailure(
        SdJwtFailure.KeyBinding.Reason.MISSING_CLAIM,
        "key binding JWT claim '" + name + "' is missing or not of the right type");
  }

  private static SdJwtFailure kbFailure(SdJwtFailure.KeyBinding.Reason reason, String message) {
    return new SdJwtFailure.KeyBinding(reason, message);
  }

  /** Builder with secure defaults: ES256 only, system clock, 60 s skew, key binding required. */
  public static final class Builder {
    private AlgorithmPolicy policy = AlgorithmPolicy.DEFAULT;
    private Clock clock = Clock.systemUTC();
    private Duration skew = Duration.ofSeconds(60);
    private boolean keyBindingRequired = true;
    private String expectedAudience;
    private String expectedNonce;
    private Duration maxKeyBindingAge = Duration.ofMinutes(5);

    private Builder() {}

    public Builder algorithmPolicy(AlgorithmPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Allowed clock difference for exp, nbf and iat checks; at most {@link #MAX_CLOCK_SKEW}. */
    public Builder maxClockSkew(Duration skew) {
      Objects.requireNonNull(skew, "skew");
      if (skew.isNegative() || skew.compareTo(MAX_CLOCK_SKEW) > 0) {
        throw new IllegalArgumentException("clock skew must be between 0 and " + MAX_CLOCK_SKEW);
      }
      this.skew = skew;
      return this;
    }

    /** Whether a key binding JWT must be present (default true). */
    public Builder keyBindingRequired(boolean required) {
      this.keyBindingRequired = required;
      return this;
    }

    /** The {@code aud} the key binding JWT must carry; null accepts any string. */
    public Builder expectedAudience(String aud) {
      this.expectedAudience = aud;
      return this;
    }

    /**
     * The {@code nonce} the key binding JWT must carry; null accepts any string (no replay check).
     */
    public Builder expectedNonce(String nonce) {
      this.expectedNonce = nonce;
      return this;
    }

    /** How old a key binding JWT's {@code iat} may be (default 5 minutes). */
    public Builder maxKeyBindingAge(Duration age) {
      Objects.requireNonNull(age, "age");
      if (age.isNegative() || age.isZero() || age.compareTo(Duration.ofDays(366)) > 0) {
        throw new IllegalArgumentException("key binding age must be positive and at most a year");
      }
      this.maxKeyBindingAge = age;
      return this;
    }

    public SdJwtVerifier build() {
      return new SdJwtVerifier(this);
    }
  }
}
