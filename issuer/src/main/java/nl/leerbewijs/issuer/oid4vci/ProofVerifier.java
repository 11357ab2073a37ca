package nl.leerbewijs.issuer.oid4vci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import nl.leerbewijs.core.jose.CompactJws;
import nl.leerbewijs.core.jose.JoseParseException;
import nl.leerbewijs.core.jose.JwsAlgorithm;
import nl.leerbewijs.core.jose.JwsVerifier;
import nl.leerbewijs.core.sdjwt.EcPublicJwk;

/**
 * Checks a JWT key proof (OpenID4VCI 1.0 appendix F.1): {@code typ} {@value
 * Oid4vciNames#PROOF_TYP}, {@code alg} ES256, the key as a {@code jwk} header (exactly one of
 * {@code jwk}/{@code kid}/{@code x5c}; this issuer supports {@code jwk}, a public P-256 key), a
 * valid signature by that key, {@code aud} = the credential issuer identifier, {@code iat} within
 * {@link #MAX_SKEW} of now, and a {@code nonce}. Every failure is {@code invalid_proof}; whether
 * the nonce is one we issued and unused is checked by the caller (its failure is {@code
 * invalid_nonce}). An {@code iss} claim is ignored.
 */
public final class ProofVerifier {
  /** How far {@code iat} may be from now. */
  public static final Duration MAX_SKEW = Duration.ofMinutes(5);

  private ProofVerifier() {}

  /** A verified proof: the holder's key and the nonce it claims. */
  public record Proof(ECPublicKey holderKey, String nonce) {}

  public static Proof verify(String jwt, String issuerId, Instant now) {
    CompactJws jws;
    ObjectNode payload;
    try {
      jws = CompactJws.parse(jwt, "key proof");
      payload = jws.payloadObject();
    } catch (JoseParseException e) {
      throw invalid("the key proof is not a compact JWS: " + e.getMessage());
    }
    if (!Oid4vciNames.PROOF_TYP.equals(jws.typ())) {
      throw invalid("typ must be " + Oid4vciNames.PROOF_TYP);
    }
    if (!JwsAlgorithm.ES256.headerValue().equals(jws.alg())) {
      throw invalid("alg must be ES256");
    }
    int keyHeaders =
        (jws.hasHeader("jwk") ? 1 : 0)
            + (jws.hasHeader("kid") ? 1 : 0)
            + (jws.hasHeader("x5c") ? 1 : 0);
    if (keyHeaders != 1) {
      throw invalid("the header must hold exactly one of jwk, kid, x5c");
    }
    if (!jws.hasHeader("jwk")) {
      throw invalid("only jwk key proofs are supported (cryptographic_binding_methods_supported)");
    }
    JsonNode jwk = jws.header().get("jwk");
    if (jwk == null || !jwk.isObject() || jwk.has("d")) {
      throw invalid("jwk must be a public key");
    }
    ECPublicKey key;
    try {
      key = EcPublicJwk.fromJwk(jwk);
    } catch (IllegalArgumentException e) {
      throw invalid("jwk is not a P-256 public key");
    }
    if (!JwsVerifier.verify(jws, key, JwsAlgorithm.ES256)) {
      throw invalid("the signature does not verify with the jwk");
    }
    JsonNode aud = payload.get("aud");
    boolean audOk =
        aud != null
            && ((aud.isTextual() && aud.textValue().equals(issuerId))
                || (aud.isArray() && aud.size() == 1 && issuerId.equals(aud.get(0).asText(null))));
    if (!audOk) {
      throw invalid("aud must be the credential issuer identifier " + issuerId);
    }
    JsonNode iat = payload.get("iat");
    if (iat == null || !iat.isNumber()) {
      throw invalid("iat is required");
    }
    long skew = Math.abs(now.getEpochSecond() - iat.asLong());
    if (skew > MAX_SKEW.getSeconds()) {
      throw invalid("iat is not recent (more than " + MAX_SKEW.toMinutes() + " minutes from now)");
    }
    JsonNode nonce = payload.get(Oid4vciNames.NONCE);
    if (nonce == null || !nonce.isTextual() || nonce.textValue().isEmpty()) {
      throw invalid("nonce is required (get one from the nonce endpoint)");
    }
    return new Proof(key, nonce.textValue());
  }

  private static OAuthError invalid(String description) {
    return OAuthError.badRequest(Oid4vciNames.INVALID_PROOF, description);
  }
}
