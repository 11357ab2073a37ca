package nl.leerbewijs.issuer.signingkey;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's signing key as stored: public parts in the clear, the private key only as an
 * AES-256-GCM ciphertext under the KEK.
 *
 * @param kid RFC 7638 JWK thumbprint of the public key (base64url)
 * @param publicJwk the public key as a JWK, with {@code kid}, {@code alg} and {@code use}
 * @param sealedPrivateKey PKCS#8 DER of the private key, sealed under the KEK
 * @param x5c certificate chain (base64 DER, leaf first), empty when none
 */
public record SigningKey(
    UUID id,
    UUID tenantId,
    String kid,
    String alg,
    JsonObject publicJwk,
    KeyEncryptionKey.Sealed sealedPrivateKey,
    List<String> x5c,
    Status status,
    Instant createdAt,
    Instant retiredAt) {

  /** Whether a key signs new credentials (current) or only verifies old ones (retired). */
  public enum Status {
    CURRENT,
    RETIRED;

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Status fromCode(String code) {
      return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }
  }

  public SigningKey {
    x5c = x5c == null ? List.of() : List.copyOf(x5c);
  }

  /** The public JWK as published, with the certificate chain when there is one. */
  public JsonObject publishedJwk() {
    JsonObject jwk = publicJwk.copy();
    if (!x5c.isEmpty()) {
      jwk.put("x5c", x5c);
    }
    return jwk;
  }

  /** Associated data binding a sealed private key to its tenant and kid. */
  static byte[] aad(UUID tenantId, String kid) {
    return ("leerbewijs-signing-key-v1|" + tenantId + "|" + kid)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
