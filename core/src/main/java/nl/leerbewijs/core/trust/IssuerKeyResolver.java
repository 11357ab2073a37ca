package nl.leerbewijs.core.trust;

import java.time.Instant;
import java.util.List;

/**
 * Finds the key that must have verified a JWS signed by an issuer. The verification engine calls it
 * with values from the JWS header; implementations must never return a key taken from the token
 * unless it chains to a trust anchor they were configured with.
 */
@FunctionalInterface
public interface IssuerKeyResolver {

  /**
   * Resolves the key that must have signed a JWS from issuer {@code iss}, or says why none is
   * trusted.
   *
   * @param iss the {@code iss} claim
   * @param kid the JWS header {@code kid}, or {@code null}
   * @param x5cBase64Der the JWS header {@code x5c} (standard base64 DER, leaf first); empty when
   *     absent
   * @param at the instant certificate validity is checked at
   */
  KeyResolution resolve(String iss, String kid, List<String> x5cBase64Der, Instant at);
}
