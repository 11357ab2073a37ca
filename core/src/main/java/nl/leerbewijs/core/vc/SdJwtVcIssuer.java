package nl.leerbewijs.core.vc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import nl.leerbewijs.core.jose.JoseHeaderNames;
import nl.leerbewijs.core.jose.JwsSigner;
import nl.leerbewijs.core.sdjwt.DisclosurePlan;
import nl.leerbewijs.core.sdjwt.EcPublicJwk;
import nl.leerbewijs.core.sdjwt.SaltSource;
import nl.leerbewijs.core.sdjwt.SdJwtIssuer;
import nl.leerbewijs.core.sdjwt.SdJwtNames;

/**
 * Issues SD-JWT VCs (draft-ietf-oauth-sd-jwt-vc): header {@code {"alg":"ES256","typ":"dc+sd-jwt",
 * "kid":..}} (plus {@code x5c} when configured), plain claims {@code iss}, {@code iat}, {@code
 * exp}, {@code vct}, {@code cnf} and {@code status}, then the caller's claims with the chosen ones
 * selectively disclosable. The payload is written without whitespace and {@code cnf.jwk} carries
 * only kty, crv, x and y, to keep presentations small enough for a QR code. Immutable and
 * thread-safe.
 */
public final class SdJwtVcIssuer {

  private static final Set<String> SET_BY_ISSUER =
      Set.of(
          SdJwtVcNames.ISS,
          SdJwtVcNames.IAT,
          SdJwtVcNames.EXP,
          SdJwtVcNames.VCT,
          SdJwtVcNames.CNF,
          SdJwtVcNames.STATUS);

  private final JwsSigner signer;
  private final String kid;
  private final List<String> x5c;
  private final String issuer;
  private final Clock clock;
  private final SdJwtIssuer sdJwtIssuer;
  private final JwsSigner.PreparedHeader header;
  private volatile DisclosurePlan lastCheckedPlan; // the last plan found acceptable

  private SdJwtVcIssuer(Builder b) {
    this.signer = b.signer;
    this.kid = b.kid;
    this.x5c = b.x5c;
    this.issuer = b.issuer;
    this.clock = b.clock;
    this.sdJwtIssuer =
        SdJwtIssuer.builder(b.signer).saltSource(b.salts).decoys(b.minDecoys, b.maxDecoys).build();
    // The header is the same for every credential: serialize it once.
    ObjectNode h = signer.header(SdJwtVcNames.TYP);
    if (kid != null) {
      h.put(JoseHeaderNames.KID, kid);
    }
    if (!x5c.isEmpty()) {
      ArrayNode chain = h.putArray(JoseHeaderNames.X5C);
      x5c.forEach(chain::add);
    }
    this.header = signer.prepare(h);
  }

  /**
   * @param signer the issuer's signing key
   * @param issuer the {@code iss} value, the issuer identifier
   */
  public static Builder builder(JwsSigner signer, String issuer) {
    return new Builder(signer, issuer);
  }

  /**
   * Issues one SD-JWT VC.
   *
   * @param vct the credential type
   * @param claims the credential's own claims; must not contain iss, iat, exp, vct, cnf or status
   * @param sdPaths which claims are selectively disclosable ({@link SdJwtIssuer}); never iss, nbf,
   *     exp, cnf, vct or status
   * @param holderKey the holder's P-256 key for {@code cnf.jwk}, or null for no key binding
   * @param status the status list entry, or null
   * @param exp the expiry, or null for none
   * @return the compact SD-JWT, ending with {@code ~}
   */
  public String issue(
      String vct,
      ObjectNode claims,
      Set<List<Object>> sdPaths,
      ECPublicKey holderKey,
      StatusReference status,
      Instant exp) {
    Objects.requireNonNull(sdPaths, "sdPaths");
    return issue(vct, claims, DisclosurePlan.of(sdPaths), holderKey, status, exp);
  }

  /**
   * As {@link #issue(String, ObjectNode, Set, ECPublicKey, StatusReference, Instant)}, with the
   * selectively disclosable paths compiled once ({@link DisclosurePlan#of}) for many issuances.
   */
  public String issue(
      String vct,
      ObjectNode claims,
      DisclosurePlan plan,
      ECPublicKey holderKey,
      StatusReference status,
      Instant exp) {
    Objects.requireNonNull(vct, "vct");
    Objects.requireNonNull(claims, "claims");
    Objects.requireNonNull(plan, "plan");
    if (vct.isEmpty()) {
      throw new IllegalArgumentException("vct is empty");
    }
    for (String name : SET_BY_ISSUER) {
      if (claims.has(name)) {
        throw new IllegalArgumentException(
            "claims must not contain '" + name + "'; it is set by the issuer");
      }
    }
    if (plan != lastCheckedPlan) { // issuers use one plan per type: check it once, not each time
      for (List<Object> path : plan.paths()) {
        if (!path.isEmpty() && SdJwtVcNames.NEVER_DISCLOSABLE.contains(path.get(0))) {
          throw new IllegalArgumentException(
              "'" + path.get(0) + "' must not be selectively disclosable (SD-JWT VC)");
        }
      }
      lastCheckedPlan = plan;
    }
    Instant now = clock.instant();
    if (exp != null && !exp.isAfter(now)) {
      throw new IllegalArgumentException("exp " + exp + " is not after the issuance time " + now);
    }
    // The issuer's own claims are written straight into the payload, ahead of the caller's, in
    // the order iss, iat, exp, vct, cnf, status; the caller's claims are not copied.
    long iat = now.getEpochSecond();
    SdJwtIssuer.LeadingClaims leading =
        out -> {
          out.name(SdJwtVcNames.ISS).string(issuer);
          out.comma().name(SdJwtVcNames.IAT).number(iat);
          if (exp != null) {
            out.comma().name(SdJwtVcNames.EXP).number(exp.getEpochSecond());
          }
          out.comma().name(SdJwtVcNames.VCT).string(vct);
          if (holderKey != null) {
            out.comma().name(SdJwtVcNames.CNF).raw('{').name(SdJwtNames.JWK);
            EcPublicJwk.writeJwk(holderKey, out);
            out.raw('}');
          }
          if (status != null) {
            out.comma().name(SdJwtVcNames.STATUS).raw('{').name(SdJwtVcNames.STATUS_LIST);
            out.raw('{').name(SdJwtVcNames.IDX).number(status.idx());
            out.comma().name(SdJwtVcNames.URI).string(status.uri()).raw('}').raw('}');
          }
        };
    return sdJwtIssuer.issue(header, leading, claims, plan);
  }

  /** Builder; signer and issuer are required. */
  public static final class Builder {
    private final JwsSigner signer;
    private final String issuer;
    private String kid;
    private List<String> x5c = List.of();
    private Clock clock = Clock.systemUTC();
    private SaltSource salts = SaltSource.secure();
    private int minDecoys = 0;
    private int maxDecoys = 2;

    private Builder(JwsSigner signer, String issuer) {
      this.signer = Objects.requireNonNull(signer, "signer");
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      if (issuer.isEmpty()) {
        throw new IllegalArgumentException("issuer is empty");
      }
    }

    /** The {@code kid} header, or null. */
    public Builder kid(String kid) {
      this.kid = kid;
      return this;
    }

    /** The {@code x5c} header: base64 (not base64url) DER certificates, leaf first. */
    public Builder x5c(List<String> chain) {
      this.x5c = List.copyOf(chain);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder saltSource(SaltSource salts) {
      this.salts = Objects.requireNonNull(salts, "salts");
      return this;
    }

    /** Decoy digests per {@code _sd} array, a random count in [min, max]; default 0-2. */
    public Builder decoys(int min, int max) {
      this.minDecoys = min;
      this.maxDecoys = max;
      return this;
    }

    public SdJwtVcIssuer build() {
      SdJwtIssuer.builder(signer).decoys(minDecoys, maxDecoys); // validates the range now
      return new SdJwtVcIssuer(this);
    }
  }
}
