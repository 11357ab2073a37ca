package nl.leerbewijs.core.vc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import nl.leerbewijs.core.sdjwt.DisclosedClaim;
import nl.leerbewijs.core.sdjwt.VerifiedSdJwt;

/**
 * An SD-JWT VC that passed every check of {@link SdJwtVcVerifier}: everything {@link VerifiedSdJwt}
 * promises, plus the SD-JWT VC profile (typ, plain vct/iss/iat, iat not in the future, status
 * shape). Only the verifier constructs it. Trust in the issuer key, schema and status are checked
 * by the verification engine on top.
 */
public final class VerifiedSdJwtVc {

  private final VerifiedSdJwt sdJwt;
  private final String vct;
  private final String issuer;
  private final Instant issuedAt;
  private final Instant expiresAt;
  private final StatusReference status;

  VerifiedSdJwtVc(
      VerifiedSdJwt sdJwt,
      String vct,
      String issuer,
      Instant issuedAt,
      Instant expiresAt,
      StatusReference status) {
    this.sdJwt = sdJwt;
    this.vct = vct;
    this.issuer = issuer;
    this.issuedAt = issuedAt;
    this.expiresAt = expiresAt;
    this.status = status;
  }

  /** The verified SD-JWT underneath (presented token, disclosures, holder key). */
  public VerifiedSdJwt sdJwt() {
    return sdJwt;
  }

  public String vct() {
    return vct;
  }

  /** The {@code iss} claim. */
  public String issuer() {
    return issuer;
  }

  public Instant issuedAt() {
    return issuedAt;
  }

  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  /** The status list reference, to be checked by the engine; empty when the VC has none. */
  public Optional<StatusReference> status() {
    return Optional.ofNullable(status);
  }

  public Optional<ECPublicKey> holderKey() {
    return sdJwt.holderKey();
  }

  public boolean keyBindingVerified() {
    return sdJwt.keyBindingVerified();
  }

  /** All processed claims, plain and disclosed; a defensive copy. */
  public ObjectNode claims() {
    return sdJwt.claims();
  }

  /** The processed claims themselves, not a copy ({@link VerifiedSdJwt#claimsUnsafe()}). */
  public ObjectNode claimsUnsafe() {
    return sdJwt.claimsUnsafe();
  }

  /** The presented disclosures with their paths. */
  public List<DisclosedClaim> disclosedClaims() {
    return sdJwt.disclosedClaims();
  }

  /** The paths of the selectively disclosed claims that were presented. */
  public List<List<Object>> disclosedPaths() {
    List<List<Object>> out = new ArrayList<>();
    for (DisclosedClaim c : sdJwt.disclosedClaims()) {
      out.add(c.path());
    }
    return Collections.unmodifiableList(out);
  }

  /** How many digests were not disclosed: withheld claims and decoys, indistinguishably. */
  public int undisclosedDigestCount() {
    return sdJwt.undisclosedDigestCount();
  }

  @Override
  public String toString() {
    return "VerifiedSdJwtVc[vct=" + vct + ", iss=" + issuer + "]";
  }
}
