package nl.leerbewijs.core.sdjwt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import nl.leerbewijs.core.jose.JwsSigner;
import nl.leerbewijs.core.json.Json;

/**
 * The holder's side (RFC 9901 section 7.2): choose which disclosures to present, and sign a key
 * binding JWT over the result.
 *
 * <p>Selection by claim path ({@link ClaimPath}): a path selects the disclosure of the claim at
 * that place and every disclosure nested inside it (selecting {@code ["learner"]} discloses the
 * whole learner object), plus every disclosure on the way to it, since a nested claim cannot be
 * verified without its parent (selecting a plain claim inside a disclosable object discloses that
 * object). Selecting a disclosable claim does not disclose the separately disclosable claims nested
 * inside it: they must be selected themselves. Paths that match nothing are ignored. Array indexes
 * count the elements of the fully disclosed array; {@code null} matches every element.
 */
public final class SdJwtPresenter {

  private SdJwtPresenter() {}

  /**
   * Keeps the disclosures selected by {@code paths}, in their original order, and drops any key
   * binding JWT.
   *
   * @throws SdJwtParseException when the credential's disclosures are inconsistent with its digests
   */
  public static SdJwt select(SdJwt credential, Set<List<Object>> paths) throws SdJwtParseException {
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(paths, "paths");
    for (List<Object> p : paths) {
      ClaimPath.validate(p);
    }
    List<DisclosedClaim> all = resolve(credential);
    Set<Disclosure> keep = new HashSet<>();
    for (DisclosedClaim c : all) {
      for (List<Object> selector : paths) {
        // At or under the selected place (but not inside another disclosable claim there), or on
        // the way to it (a parent that must be disclosed).
        if ((ClaimPath.coversOrIsPrefix(selector, c.path()) && !nestedInOther(c, selector, all))
            || ClaimPath.leadsTo(c.path(), selector)) {
          keep.add(c.disclosure());
          break;
        }
      }
    }
    List<Disclosure> kept = new ArrayList<>();
    for (Disclosure d : credential.disclosures()) {
      if (keep.contains(d)) {
        kept.add(d);
      }
    }
    return SdJwt.of(credential.issuerSigned(), credential.issuerPayloadUnsafe(), kept);
  }

  /**
   * Whether {@code c} lies inside another selectively disclosable claim that is itself at or under
   * {@code selector}. Selecting {@code ["learner"]} discloses the learner object (the name) but not
   * the separately disclosable {@code birthdate} inside it; selecting a plain array such as {@code
   * ["skills"]} still selects each of its disclosable elements.
   */
  private static boolean nestedInOther(
      DisclosedClaim c, List<Object> selector, List<DisclosedClaim> all) {
    for (DisclosedClaim other : all) {
      List<Object> p = other.path();
      if (p.size() < c.path().size()
          && ClaimPath.coversOrIsPrefix(selector, p)
          && c.path().subList(0, p.size()).equals(p)) {
        return true;
      }
    }
    return false;
  }

  /** Keeps every disclosure and drops any key binding JWT. */
  public static SdJwt selectAll(SdJwt credential) {
    return SdJwt.of(
        credential.issuerSigned(), credential.issuerPayloadUnsafe(), credential.disclosures());
  }

  /** Every disclosure of the credential with the path of its claim (all disclosures presented). */
  public static List<DisclosedClaim> disclosedClaims(SdJwt credential) throws SdJwtParseException {
    return resolve(credential);
  }

  private static List<DisclosedClaim> resolve(SdJwt credential) throws SdJwtParseException {
    DisclosureResolver.Resolution r =
        DisclosureResolver.resolve(credential.issuerPayloadUnsafe(), credential.disclosures());
    if (!r.failures.isEmpty()) {
      throw new SdJwtParseException(
          "credential disclosures do not match its digests: " + r.failures.get(0).code());
    }
    return r.disclosed;
  }

  /**
   * Appends a key binding JWT (RFC 9901 section 4.3): header {@code typ: kb+jwt} and the holder
   * signer's {@code alg}; claims {@code iat}, {@code aud}, {@code nonce} and {@code sd_hash} over
   * the presented SD-JWT.
   *
   * @param presentation an SD-JWT without key binding JWT, e.g. from {@link #select}
   * @return {@code <issuer JWT>~<disclosures>~<key binding JWT>}
   */
  public static String withKeyBinding(
      SdJwt presentation, JwsSigner holder, String audience, String nonce, Instant issuedAt) {
    Objects.requireNonNull(presentation, "presentation");
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(issuedAt, "issuedAt");
    if (presentation.keyBinding().isPresent()) {
      throw new IllegalArgumentException("the SD-JWT already has a key binding JWT");
    }
    String sdJwt = presentation.withoutKeyBinding();
    ObjectNode claims = Json.object();
    claims.put(SdJwtNames.IAT, issuedAt.getEpochSecond());
    claims.put(SdJwtNames.AUD, audience);
    claims.put(SdJwtNames.NONCE, nonce);
    claims.put(SdJwtNames.SD_HASH, presentation.presentedDigest());
    return sdJwt + holder.sign(holder.header(SdJwtNames.KB_JWT_TYP), Json.write(claims));
  }
}
