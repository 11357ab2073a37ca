package nl.leerbewijs.core.vc;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import nl.leerbewijs.core.jose.AlgorithmPolicy;
import nl.leerbewijs.core.sdjwt.DisclosedClaim;
import nl.leerbewijs.core.sdjwt.NumericDate;
import nl.leerbewijs.core.sdjwt.SdJwt;
import nl.leerbewijs.core.sdjwt.SdJwtFailure;
import nl.leerbewijs.core.sdjwt.SdJwtVerification;
import nl.leerbewijs.core.sdjwt.SdJwtVerifier;

/**
 * Verifies SD-JWT VCs: every check of {@link SdJwtVerifier}, plus the SD-JWT VC profile:
 *
 * <ul>
 *   <li>header {@code typ} is {@code dc+sd-jwt} ({@code vc+sd-jwt} only when {@link
 *       Builder#acceptLegacyTyp} is set);
 *   <li>{@code vct} and {@code iss} are present, non-empty plain strings; {@code iat} is a plain
 *       NumericDate not in the future beyond the clock skew;
 *   <li>none of iss, nbf, exp, cnf, vct, status was selectively disclosed;
 *   <li>{@code status}, when present, is {@code {"status_list":{"idx":n,"uri":s}}} with n a
 *       non-negative integer (exposed as {@link StatusReference}; not fetched here).
 * </ul>
 *
 * <p>The caller resolves and trusts the issuer key before calling. Immutable and thread-safe.
 */
public final class SdJwtVcVerifier {

  private final SdJwtVerifier sdJwtVerifier;
  private final boolean acceptLegacyTyp;

  private SdJwtVcVerifier(SdJwtVerifier sdJwtVerifier, boolean acceptLegacyTyp) {
    this.sdJwtVerifier = sdJwtVerifier;
    this.acceptLegacyTyp = acceptLegacyTyp;
  }

  public static Builder builder() {
    return new Builder(SdJwtVerifier.builder(), false);
  }

  /** A builder preset with this verifier's settings, e.g. to set the nonce of one request. */
  public Builder toBuilder() {
    return new Builder(sdJwtVerifier.toBuilder(), acceptLegacyTyp);
  }

  /**
   * Verifies an SD-JWT VC against an issuer key the caller has decided to trust.
   *
   * @param issuerKey the issuer's public key, resolved by the caller (never from the token)
   */
  public SdJwtVcVerification verify(SdJwt sdJwt, PublicKey issuerKey) {
    Objects.requireNonNull(sdJwt, "sdJwt");
    Objects.requireNonNull(issuerKey, "issuerKey");
    List<SdJwtFailure> failures = new ArrayList<>();
    String typ = sdJwt.issuerSigned().typ();
    boolean typOk =
        SdJwtVcNames.TYP.equals(typ) || (acceptLegacyTyp && SdJwtVcNames.LEGACY_TYP.equals(typ));
    if (!typOk) {
      failures.add(
          structure(
              SdJwtFailure.Structure.Reason.WRONG_TYP,
              "issuer-signed JWT typ is "
                  + (typ == null ? "absent" : "'" + typ + "'")
                  + ", expected '"
                  + SdJwtVcNames.TYP
                  + "'"));
    }
    SdJwtVerification base = sdJwtVerifier.verify(sdJwt, issuerKey);
    failures.addAll(base.failures());

    String vct = requiredString(sdJwt, SdJwtVcNames.VCT, failures);
    String iss = requiredString(sdJwt, SdJwtVcNames.ISS, failures);
    Instant iat = null;
    JsonNode iatNode = sdJwt.issuerClaim(SdJwtVcNames.IAT);
    if (iatNode == null) {
      failures.add(missing(SdJwtVcNames.IAT));
    } else {
      Optional<Instant> t = NumericDate.parse(iatNode);
      if (t.isEmpty()) {
        failures.add(
            structure(SdJwtFailure.Structure.Reason.INVALID_CLAIM, "'iat' is not a NumericDate"));
      } else if (t.get()
          .isAfter(sdJwtVerifier.clock().instant().plus(sdJwtVerifier.maxClockSkew()))) {
        failures.add(
            new SdJwtFailure.Validity(
                SdJwtFailure.Validity.Reason.ISSUED_IN_FUTURE,
                "credential iat " + t.get() + " is in the future"));
      } else {
        iat = t.get();
      }
    }
    Instant exp = NumericDate.parse(sdJwt.issuerClaim(SdJwtVcNames.EXP)).orElse(null);
    StatusReference status = status(sdJwt.issuerClaim(SdJwtVcNames.STATUS), failures);

    if (base.isVerified()) {
      for (DisclosedClaim c : base.verified().disclosedClaims()) {
        if (c.path().size() == 1 && SdJwtVcNames.NEVER_DISCLOSABLE.contains(c.path().get(0))) {
          failures.add(
              structure(
                  SdJwtFailure.Structure.Reason.CLAIM_DISCLOSED,
                  "'" + c.path().get(0) + "' must not be selectively disclosed"));
        }
      }
    }
    if (!failures.isEmpty()) {
      return new SdJwtVcVerification.Rejected(failures);
    }
    return new SdJwtVcVerification.Verified(
        new VerifiedSdJwtVc(base.verified(), vct, iss, iat, exp, status));
  }

  private static String requiredString(SdJwt sdJwt, String name, List<SdJwtFailure> failures) {
    JsonNode v = sdJwt.issuerClaim(name);
    if (v == null) {
      failures.add(missing(name));
      return null;
    }
    if (!v.isTextual() || v.textValue().isEmpty()) {
      failures.add(
          structure(
              SdJwtFailure.Structure.Reason.INVALID_CLAIM,
              "'" + name + "' is not a non-empty string"));
      return null;
    }
    return v.textValue();
  }

  private static StatusReference status(JsonNode status, List<SdJwtFailure> failures) {
    if (status == null) {
      return null;
    }
    JsonNode list = status.isObject() ? status.get(SdJwtVcNames.STATUS_LIST) : null;
    JsonNode idx = list != null && list.isObject() ? list.get(SdJwtVcNames.IDX) : null;
    JsonNode uri = list != null && list.isObject() ? list.get(SdJwtVcNames.URI) : null;
    if (idx == null
        || !idx.isIntegralNumber()
        || !idx.canConvertToLong()
        || idx.longValue() < 0
        || uri == null
        || !uri.isTextual()
        || uri.textValue().isEmpty()) {
      failures.add(
          structure(
              SdJwtFailure.Structure.Reason.INVALID_CLAIM,
              "'status' is not {\"status_list\":{\"idx\":<non-negative integer>,\"uri\":<string>}}"));
      return null;
    }
    return new StatusReference(idx.longValue(), uri.textValue());
  }

  private static SdJwtFailure missing(String name) {
    return structure(
        SdJwtFailure.Structure.Reason.MISSING_CLAIM,
        "'" + name + "' is missing from the issuer-signed claims (it must not be disclosed)");
  }

  private static SdJwtFailure structure(SdJwtFailure.Structure.Reason reason, String message) {
    return new SdJwtFailure.Structure(reason, message);
  }

  /** Builder with the defaults of {@link SdJwtVerifier.Builder} and the current typ only. */
  public static final class Builder {
    private final SdJwtVerifier.Builder base;
    private boolean acceptLegacyTyp;

    private Builder(SdJwtVerifier.Builder base, boolean acceptLegacyTyp) {
      this.base = base;
      this.acceptLegacyTyp = acceptLegacyTyp;
    }

    public Builder algorithmPolicy(AlgorithmPolicy policy) {
      base.algorithmPolicy(policy);
      return this;
    }

    public Builder clock(Clock clock) {
      base.clock(clock);
      return this;
    }

    public Builder maxClockSkew(Duration skew) {
      base.maxClockSkew(skew);
      return this;
    }

    public Builder keyBindingRequired(boolean required) {
      base.keyBindingRequired(required);
      return this;
    }

    public Builder expectedAudience(String aud) {
      base.expectedAudience(aud);
      return this;
    }

    public Builder expectedNonce(String nonce) {
      base.expectedNonce(nonce);
      return this;
    }

    public Builder maxKeyBindingAge(Duration age) {
      base.maxKeyBindingAge(age);
      return this;
    }

    /** Also accept {@code typ: vc+sd-jwt} from earlier drafts (default false). */
    public Builder acceptLegacyTyp(boolean accept) {
      this.acceptLegacyTyp = accept;
      return this;
    }

    public SdJwtVcVerifier build() {
      return new SdJwtVcVerifier(base.build(), acceptLegacyTyp);
    }
  }
}
