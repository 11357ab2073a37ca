package nl.leerbewijs.issuer.oid4vci;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.leerbewijs.core.json.Base64Url;
import nl.leerbewijs.issuer.signingkey.KeyEncryptionKey;

/**
 * The secrets of a credential offer, derived from the offer's id under a key derived from the KEK
 * (HMAC-SHA-256): the by-reference id, the pre-authorized code and the PIN ({@code tx_code}).
 *
 * <p>Security contract: the database holds only SHA-256 of the reference and of the code, and an
 * HMAC of the PIN under a KEK-derived key; a copy of the database without the KEK reveals none of
 * them and cannot brute-force the 6-digit PIN offline (it would need the HMAC key). Deriving rather
 * than storing lets the issuer answer an {@code Idempotency-Key} retry with the very same offers
 * and serve a by-reference offer any number of times, without keeping secrets at rest. Each value
 * carries 256 bits of pseudo-randomness (the PIN 6 digits, guarded by an attempt limit).
 */
public final class OfferSecrets {
  /** Digits of a PIN. */
  public static final int TX_CODE_LENGTH = 6;

  private final byte[] key;

  public OfferSecrets(KeyEncryptionKey kek) {
    this.key = kek.derive("credential-offer-secrets");
  }

  /** The random id in {@code credential_offer_uri} (43 base64url characters). */
  public String reference(UUID offerId) {
    return Base64Url.encode(mac("reference|" + offerId));
  }

  /** What the {@code credential_offers.reference} column holds: SHA-256 of the reference. */
  public static String storedReference(String reference) {
    return Base64Url.encode(Secrets.sha256(reference));
  }

  /** The pre-authorized code (43 base64url characters, 256 bits). */
  public String preAuthorizedCode(UUID offerId) {
    return Base64Url.encode(mac("pre-authorized-code|" + offerId));
  }

  /** The offer's numeric PIN, {@value #TX_CODE_LENGTH} digits. */
  public String txCode(UUID offerId) {
    long v = ByteBuffer.wrap(mac("tx-code|" + offerId)).getLong() & Long.MAX_VALUE;
    return String.format("%06d", v % 1_000_000L);
  }

  /** What {@code credential_offers.tx_code_hash} holds for a PIN. */
  public byte[] txCodeHash(UUID offerId, String txCode) {
    return mac("tx-code-check|" + offerId + "|" + txCode);
  }

  /** Whether {@code candidate} is the offer's PIN, in constant time. */
  public boolean txCodeMatches(UUID offerId, String candidate, byte[] storedHash) {
    return MessageDigest.isEqual(txCodeHash(offerId, candidate), storedHash);
  }

  private byte[] mac(String label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
