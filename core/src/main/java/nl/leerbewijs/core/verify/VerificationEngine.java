package nl.leerbewijs.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.core.jose.AlgorithmPolicy;
import nl.leerbewijs.core.jose.JoseParseException;
import nl.leerbewijs.core.qr.QrPayloadCodec;
import nl.leerbewijs.core.qr.QrPayloadException;
import nl.leerbewijs.core.schema.CredentialValidator;
import nl.leerbewijs.core.schema.ValidationMode;
import nl.leerbewijs.core.schema.Violation;
import nl.leerbewijs.core.sdjwt.SdJwt;
import nl.leerbewijs.core.sdjwt.SdJwtFailure;
import nl.leerbewijs.core.sdjwt.SdJwtParseException;
import nl.leerbewijs.core.status.Status;
import nl.leerbewijs.core.trust.KeyResolution;
import nl.leerbewijs.core.trust.TrustList;
import nl.leerbewijs.core.trust.TrustedIssuer;
import nl.leerbewijs.core.vc.SdJwtVcNames;
import nl.leerbewijs.core.vc.SdJwtVcVerification;
import nl.leerbewijs.core.vc.SdJwtVcVerifier;
import nl.leerbewijs.core.vc.StatusReference;
import nl.leerbewijs.core.vc.VerifiedSdJwtVc;

/**
 * Verifies a presented leerbewijs credential and reports every check (see {@link Check}).
 *
 * <p>Contract: the issuer's key comes only from the trust list (a pinned key, an {@code x5c} chain
 * to the issuer's trust anchor, or, for an issuer whose entry allows it, its JWT VC Issuer Metadata
 * fetched from the trusted issuer id), never from the token alone. Keys that could not be obtained
 * give the {@code trusted_issuer} failure {@code trusted_issuer.keys_unavailable}, not an invalid
 * signature. An issuer that is not on the list gives the verdict {@link Verdict#UNTRUSTED_ISSUER};
 * if its token carries an {@code x5c} whose key verifies the signature, the report says so, but
 * that never makes it valid. Status lists are looked up only at addresses the trust list allows for
 * that issuer (no fetching of arbitrary URLs named in a credential). Malformed input never throws:
 * it is a report with verdict {@link Verdict#MALFORMED}.
 *
 * <p>Immutable and thread-safe; build one per trust list and reuse it.
 */
public final class VerificationEngine {

  private final TrustList trustList;
  private final StatusSource statusSource;
  private final Clock clock;
  private final SdJwtVcVerifier verifier;
  private final CredentialValidator validator;

  private VerificationEngine(Builder b) {
    this.trustList = Objects.requireNonNull(b.trustList, "trustList");
    this.statusSource = b.statusSource;
    this.clock = b.clock;
    this.validator = b.validator;
    this.verifier =
        SdJwtVcVerifier.builder()
            .algorithmPolicy(b.algorithms)
            .clock(b.clock)
            .maxClockSkew(b.maxClockSkew)
            .keyBindingRequired(b.keyBindingRequired)
            .expectedAudience(b.expectedAudience)
            .expectedNonce(b.expectedNonce)
            .maxKeyBindingAge(b.maxKeyBindingAge)
            .build();
  }

  public static Builder builder(TrustList trustList) {
    Builder b = new Builder();
    b.trustList = trustList;
    return b;
  }

  public TrustList trustList() {
    return trustList;
  }

  /**
   * Verifies a presentation given as SD-JWT text or as a QR payload ({@value QrPayloadCodec#PREFIX}
   * prefix). Surrounding whitespace is ignored.
   */
  public VerificationReport verify(String input) {
    return verify(input, verifier);
  }

  /** As {@link #verify(String)}, with a nonce this verifier handed out for this presentation. */
  public VerificationReport verify(String input, String expectedNonce) {
    return verify(input, verifier.toBuilder().expectedNonce(expectedNonce).build());
  }

  /**
   * As {@link #verify(String, String)}, or {@link #verify(String)} when {@code expectedNonce} is
   * null, but only if that takes no network I/O: empty when the issuer's keys may have to be
   * fetched from its metadata, or when the credential's status list is not held fresh by the status
   * source. For a caller that must not block (an event loop), which then hands the presentation to
   * a thread that may wait. A report, when there is one, is the one {@link #verify} gives.
   */
  public Optional<VerificationReport> verifyWithoutFetching(String input, String expectedNonce) {
    SdJwtVcVerifier v =
        expectedNonce == null
            ? verifier
            : verifier.toBuilder().expectedNonce(expectedNonce).build();
    try {
      return Optional.of(verify(input, v, false));
    } catch (WouldFetch e) {
      return Optional.empty();
    }
  }

  /** Thrown inside a verification that may not fetch, where it would have to. */
  private static final class WouldFetch extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final WouldFetch INSTANCE = new WouldFetch();

    private WouldFetch() {
      super("would fetch", null, false, false);
    }
  }

  private VerificationReport verify(String input, SdJwtVcVerifier vcVerifier) {
    return verify(input, vcVerifier, true);
  }

  private VerificationReport verify(String input, SdJwtVcVerifier vcVerifier, boolean mayFetch) {
    List<CheckResult> results = new ArrayList<>();

    // 1. Structure.
    SdJwt sdJwt;
    String iss;
    List<String> x5c;
    try {
      sdJwt = SdJwt.parse(unpack(input));
      iss = textClaim(sdJwt, SdJwtVcNames.ISS);
      x5c = sdJwt.issuerSigned().x5c();
    } catch (SdJwtParseException | QrPayloadException | JoseParseException e) {
      return malformed(e.getMessage());
    } catch (IllegalArgumentException e) {
      return malformed("not a credential presentation: " + e.getMessage());
    }
    if (iss == null) {
      return malformed("the credential names no issuer ('iss' missing or not a string)");
    }
    String vct = textClaim(sdJwt, SdJwtVcNames.VCT);
    Optional<CredentialType> type = vct == null ? Optional.empty() : CredentialType.fromVct(vct);

    // 2. Trusted issuer, and the key to check the signature with.
    Instant now = clock.instant();
    if (!mayFetch && trustList.issuer(iss).map(TrustedIssuer::keysFromMetadata).orElse(false)) {
      throw WouldFetch.INSTANCE; // its key may be one that only its metadata holds
    }
    KeyResolution resolution = trustList.resolve(iss, sdJwt.issuerSigned().kid(), x5c, now);
    PublicKey key;
    TrustedIssuer trusted = null;
    if (resolution instanceof KeyResolution.Trusted) {
      KeyResolution.Trusted t = (KeyResolution.Trusted) resolution;
      trusted = t.issuer();
      key = t.key();
      if (type.isPresent() && !trustList.allowsType(iss, type.get().id())) {
        results.add(
            CheckResult.fail(
                Check.TRUSTED_ISSUER,
                "trusted_issuer.type_not_allowed",
                "issuer " + iss + " is trusted, but not for credential type " + type.get().id()));
      } else {
        results.add(
            CheckResult.pass(
                Check.TRUSTED_ISSUER,
                "trusted_issuer.trusted",
                "issuer "
                    + t.issuer().displayName("nl")
                    + " is on the trust list ("
                    + t.via()
                    + ")"));
      }
    } else {
      results.add(
          CheckResult.fail(
              Check.TRUSTED_ISSUER,
              KeyResolution.checkCode(resolution.code()),
              untrustedMessage(resolution)));
      key = TrustList.keyFromX5cUntrusted(x5c).orElse(null);
    }

    // 3-6. Signature, digests, key binding, validity.
    if (key == null) {
      results.add(
          CheckResult.skipped(
              Check.SIGNATURE, "the issuer's key is unknown, so the signature cannot be checked"));
      return VerificationReport.of(results, null);
    }
    SdJwtVcVerification v = vcVerifier.verify(sdJwt, key);
    addSdJwtChecks(results, v.failures(), trusted != null, sdJwt.keyBinding().isPresent());
    if (!v.isVerified()) {
      return VerificationReport.of(results, null);
    }
    VerifiedSdJwtVc vc = v.verified();
    // The processed claims, owned here (vc goes no further): validated, then handed to the report.
    ObjectNode claims = vc.claimsUnsafe();

    // 7. Schema.
    results.add(schemaCheck(type, claims, vct));

    // 8. Status.
    results.add(
        trusted == null
            ? CheckResult.skipped(Check.STATUS, "the issuer is not trusted")
            : statusCheck(iss, vc.status(), mayFetch));

    return VerificationReport.of(results, disclosed(vc, claims, type, trusted));
  }

  /** A top-level string claim of the (unverified) issuer-signed payload, or null. */
  private static String textClaim(SdJwt sdJwt, String name) {
    JsonNode v = sdJwt.issuerClaim(name);
    return v == null ? null : v.textValue();
  }

  private static String unpack(String input) throws QrPayloadException {
    if (input == null) {
      throw new IllegalArgumentException("empty input");
    }
    String text = input.strip();
    if (text.startsWith(QrPayloadCodec.PREFIX)) {
      return QrPayloadCodec.decode(text);
    }
    return text;
  }

  private static VerificationReport malformed(String reason) {
    return VerificationReport.of(
        List.of(CheckResult.fail(Check.STRUCTURE, "structure.malformed", reason)), null);
  }

  private static String untrustedMessage(KeyResolution r) {
    if (r instanceof KeyResolution.UnknownIssuer) {
      return "issuer " + ((KeyResolution.UnknownIssuer) r).iss() + " is not on the trust list";
    }
    if (r instanceof KeyResolution.UnknownKey) {
      KeyResolution.UnknownKey k = (KeyResolution.UnknownKey) r;
      return "issuer " + k.iss() + " is trusted, but key " + k.kid() + " is not one of its keys";
    }
    if (r instanceof KeyResolution.KeysUnavailable) {
      KeyResolution.KeysUnavailable k = (KeyResolution.KeysUnavailable) r;
      return "issuer "
          + k.iss()
          + " is on the trust list, but its keys could not be obtained, so the signature"
          + " cannot be checked: "
          + k.reason();
    }
    KeyResolution.UntrustedChain c = (KeyResolution.UntrustedChain) r;
    return "issuer " + c.iss() + ": certificate chain not trusted: " + c.reason();
  }

  private static void addSdJwtChecks(
      List<CheckResult> results,
      List<SdJwtFailure> failures,
      boolean trustedKey,
      boolean keyBindingPresent) {
    boolean digestsUninterpretable =
        failures.stream().anyMatch(f -> f.code().equals("digests.unsupported_sd_alg"));
    for (Check c : List.of(Check.SIGNATURE, Check.DIGESTS, Check.KEY_BINDING, Check.VALIDITY)) {
      List<SdJwtFailure> mine = new ArrayList<>();
      for (SdJwtFailure f : failures) {
        if (f.check().equals(c.id())) {
          mine.add(f);
        }
      }
      if (!mine.isEmpty()) {
        StringBuilder msg = new StringBuilder();
        for (SdJwtFailure f : mine) {
          msg.append(msg.length() == 0 ? "" : "; ").append(f.message());
        }
        results.add(CheckResult.fail(c, mine.get(0).code(), msg.toString()));
      } else if (digestsUninterpretable && (c == Check.KEY_BINDING || c == Check.VALIDITY)) {
        results.add(CheckResult.skipped(c, "the disclosures could not be interpreted"));
      } else {
        results.add(passed(c, trustedKey, keyBindingPresent));
      }
    }
    // Structure problems the SD-JWT VC layer found (wrong typ, missing vct) are structure failures.
    for (SdJwtFailure f : failures) {
      if (f.check().equals(Check.STRUCTURE.id())) {
        results.add(0, CheckResult.fail(Check.STRUCTURE, f.code(), f.message()));
        return;
      }
    }
    results.add(
        0, CheckResult.pass(Check.STRUCTURE, "structure.ok", "well-formed SD-JWT VC presentation"));
  }

  private static CheckResult passed(Check c, boolean trustedKey, boolean keyBindingPresent) {
    switch (c) {
      case SIGNATURE:
        return trustedKey
            ? CheckResult.pass(c, "signature.valid", "the issuer's signature is valid")
            : CheckResult.warn(
                c,
                "signature.valid_untrusted_key",
                "the signature is valid for the certificate in the credential, but that"
                    + " certificate does not lead to a trusted issuer");
      case DIGESTS:
        return CheckResult.pass(c, "digests.valid", "every disclosed claim matches its digest");
      case KEY_BINDING:
        return keyBindingPresent
            ? CheckResult.pass(c, "key_binding.valid", "the holder proved possession of the key")
            : CheckResult.warn(
                c,
                "key_binding.absent",
                "no key binding: this presentation does not prove that the holder presented it");
      default:
        return CheckResult.pass(c, "validity.valid", "within its validity period");
    }
  }

  private CheckResult schemaCheck(Optional<CredentialType> type, ObjectNode claims, String vct) {
    if (type.isEmpty()) {
      return CheckResult.fail(
          Check.SCHEMA, "schema.unknown_type", "credential type " + vct + " is not known");
    }
    List<Violation> violations = validator.validate(type.get(), claims, ValidationMode.DISCLOSED);
    if (violations.isEmpty()) {
      return CheckResult.pass(
          Check.SCHEMA, "schema.valid", "claims fit the " + type.get().id() + " schema");
    }
    Violation first = violations.get(0);
    return CheckResult.fail(
        Check.SCHEMA,
        first.code(),
        violations.size()
            + " schema violation(s); first at "
            + first.pointer()
            + ": "
            + first.message());
  }

  private CheckResult statusCheck(String iss, Optional<StatusReference> ref, boolean mayFetch) {
    if (ref.isEmpty()) {
      return CheckResult.warn(
          Check.STATUS,
          StatusCodes.NONE,
          "the credential has no status list: it cannot be revoked");
    }
    StatusReference r = ref.get();
    if (!trustList.statusListUriAllowed(iss, r.uri())) {
      return CheckResult.warn(
          Check.STATUS,
          StatusCodes.UNAVAILABLE,
          "revocation not checked: status list " + r.uri() + " is not at an address of the issuer");
    }
    if (statusSource == null) {
      return CheckResult.warn(
          Check.STATUS, StatusCodes.UNAVAILABLE, "revocation not checked: no status source");
    }
    StatusOutcome outcome;
    try {
      outcome =
          mayFetch
              ? statusSource.lookup(trustList, iss, r)
              : statusSource.lookupWithoutFetching(trustList, iss, r).orElse(null);
    } catch (RuntimeException e) {
      outcome = new StatusOutcome.Unavailable("status.error", String.valueOf(e.getMessage()));
    }
    if (outcome == null) {
      throw WouldFetch.INSTANCE;
    }
    if (outcome instanceof StatusOutcome.Unavailable) {
      StatusOutcome.Unavailable u = (StatusOutcome.Unavailable) outcome;
      return CheckResult.warn(
          Check.STATUS,
          StatusCodes.UNAVAILABLE,
          "could not check revocation (" + u.code() + "): " + u.reason());
    }
    StatusOutcome.Found f = (StatusOutcome.Found) outcome;
    String suffix = f.stale() ? " (from an older list, the issuer could not be reached)" : "";
    String where = "status list entry " + r.idx();
    if (f.status().equals(Status.VALID)) {
      return f.stale()
          ? CheckResult.warn(Check.STATUS, StatusCodes.UNAVAILABLE, where + " is valid" + suffix)
          : CheckResult.pass(Check.STATUS, StatusCodes.VALID, where + " is valid");
    }
    if (f.status().equals(Status.INVALID)) {
      return CheckResult.fail(Check.STATUS, StatusCodes.REVOKED, where + " is revoked" + suffix);
    }
    if (f.status().equals(Status.SUSPENDED)) {
      return CheckResult.fail(
          Check.STATUS, StatusCodes.SUSPENDED, where + " is suspended" + suffix);
    }
    return CheckResult.warn(
        Check.STATUS,
        StatusCodes.OTHER,
        where + " has application-specific status " + f.status().value() + suffix);
  }

  /** The report's view of the credential; takes ownership of {@code claims}. */
  private static DisclosedCredential disclosed(
      VerifiedSdJwtVc vc, ObjectNode claims, Optional<CredentialType> type, TrustedIssuer trusted) {
    claims.remove(SdJwtVcNames.CNF); // the holder's key means nothing to a reader
    List<String> pointers = new ArrayList<>();
    for (List<Object> path : vc.disclosedPaths()) {
      pointers.add(pointer(path));
    }
    return new DisclosedCredential(
        vc.vct(),
        type.map(CredentialType::id).orElse(null),
        vc.issuer(),
        trusted == null ? null : trusted.displayName("nl"),
        vc.issuedAt(),
        vc.expiresAt().orElse(null),
        claims,
        pointers,
        vc.undisclosedDigestCount());
  }

  /** A claim path as an RFC 6901 JSON Pointer. */
  static String pointer(List<Object> path) {
    StringBuilder sb = new StringBuilder();
    for (Object p : path) {
      sb.append('/');
      sb.append(p == null ? "-" : p.toString().replace("~", "~0").replace("/", "~1"));
    }
    return sb.toString();
  }

  /** Builder; the defaults are those of a verifier for employers scanning QR codes. */
  public static final class Builder {
    private TrustList trustList;
    private StatusSource statusSource;
    private Clock clock = Clock.systemUTC();
    private Duration maxClockSkew = Duration.ofSeconds(60);
    private AlgorithmPolicy algorithms = AlgorithmPolicy.DEFAULT;
    private boolean keyBindingRequired;
    private String expectedAudience;
    private String expectedNonce;
    private Duration maxKeyBindingAge = Duration.ofMinutes(5);
    private CredentialValidator validator;

    /** Where credential status comes from; without one, status is "could not check". */
    public Builder statusSource(StatusSource source) {
      this.statusSource = source;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    public Builder maxClockSkew(Duration skew) {
      this.maxClockSkew = Objects.requireNonNull(skew);
      return this;
    }

    public Builder algorithms(AlgorithmPolicy policy) {
      this.algorithms = Objects.requireNonNull(policy);
      return this;
    }

    /** Whether a presentation without a key binding JWT is invalid (default: a warning). */
    public Builder keyBindingRequired(boolean required) {
      this.keyBindingRequired = required;
      return this;
    }

    /** The {@code aud} a key binding JWT must name; null accepts any. */
    public Builder expectedAudience(String aud) {
      this.expectedAudience = aud;
      return this;
    }

    /** The {@code nonce} a key binding JWT must carry; null accepts any. */
    public Builder expectedNonce(String nonce) {
      this.expectedNonce = nonce;
      return this;
    }

    /** How old a key binding JWT may be. */
    public Builder maxKeyBindingAge(Duration age) {
      this.maxKeyBindingAge = Objects.requireNonNull(age);
      return this;
    }

    /** The schema validator (and so the domain rules, e.g. an ECTS range) to check claims with. */
    public Builder validator(CredentialValidator validator) {
      this.validator = Objects.requireNonNull(validator);
      return this;
    }

    public VerificationEngine build() {
      if (validator == null) {
        validator = new CredentialValidator();
      }
      return new VerificationEngine(this);
    }
  }
}
