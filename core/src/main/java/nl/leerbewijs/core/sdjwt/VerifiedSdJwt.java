package nl.leerbewijs.core.sdjwt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Optional;

/**
 * An SD-JWT that passed every check of {@link SdJwtVerifier}. Only the verifier constructs it, so
 * holding one means: the issuer signature verified with the key the caller supplied, every
 * presented disclosure matched exactly one signed digest, validity dates held at the verifier's
 * clock, and key binding held when required or present. Whether the issuer key is trusted is the
 * caller's decision, made before calling the verifier.
 */
public final class VerifiedSdJwt {

  private final SdJwt sdJwt;
  private final ObjectNode claims;
  private final List<DisclosedClaim> disclosed;
  private final HolderKey holderKey; // null without cnf.jwk
  private final boolean keyBound;
  private final int undisclosedDigests;

  VerifiedSdJwt(
      SdJwt sdJwt,
      ObjectNode claims,
      List<DisclosedClaim> disclosed,
      HolderKey holderKey,
      boolean keyBound,
      int undisclosedDigests) {
    this.sdJwt = sdJwt;
    this.claims = claims;
    this.disclosed = List.copyOf(disclosed);
    this.holderKey = holderKey;
    this.keyBound = keyBound;
    this.undisclosedDigests = undisclosedDigests;
  }

  /** The SD-JWT as presented. */
  public SdJwt sdJwt() {
    return sdJwt;
  }

  /**
   * The processed claims (RFC 9901 section 7.1): plain claims plus disclosed ones, without {@code
   * _sd}, {@code _sd_alg}, undisclosed array elements or decoys. A defensive copy.
   */
  public ObjectNode claims() {
    return claims.deepCopy();
  }

  /**
   * The processed claims themselves, not a copy: for the one caller that owns this result and hands
   * the tree on without anyone else reading it (the verification engine, which saves a deep copy
   * per verification this way). Only its top level may be changed: values below it that held no
   * digest are shared with the parsed SD-JWT's payload and disclosures, not copied.
   */
  public ObjectNode claimsUnsafe() {
    return claims;
  }

  /** The presented disclosures with the path of their claim in {@link #claims()}. */
  public List<DisclosedClaim> disclosedClaims() {
    return disclosed;
  }

  /** The holder key from {@code cnf.jwk}, when the SD-JWT carries one. */
  public Optional<ECPublicKey> holderKey() {
    return holderKey == null ? Optional.empty() : Optional.of(holderKey.get());
  }

  /** Whether a key binding JWT was presented and verified. */
  public boolean keyBindingVerified() {
    return keyBound;
  }

  /**
   * Digests that no presented disclosure matched: withheld claims and decoys, indistinguishably.
   */
  public int undisclosedDigestCount() {
    return undisclosedDigests;
  }

  @Override
  public String toString() {
    return "VerifiedSdJwt[disclosed=" + disclosed.size() + ", keyBound=" + keyBound + "]";
  }
}
