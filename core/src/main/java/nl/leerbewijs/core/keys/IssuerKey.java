package nl.leerbewijs.core.keys;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * An issuer's public signing key: its {@code kid}, the P-256 public key, and optionally the X.509
 * certificate chain (leaf first) that binds it to the issuer.
 *
 * <p>Holding an {@code IssuerKey} says nothing about trust: only a trust list decides that.
 */
public record IssuerKey(String kid, ECPublicKey publicKey, List<X509Certificate> certificateChain) {

  public IssuerKey {
    Objects.requireNonNull(kid, "kid");
    Objects.requireNonNull(publicKey, "publicKey");
    if (kid.isEmpty()) {
      throw new IllegalArgumentException("kid must not be empty");
    }
    if (!EcKeys.isP256(publicKey)) {
      throw new IllegalArgumentException("issuer key " + kid + " is not a P-256 key");
    }
    certificateChain = List.copyOf(certificateChain == null ? List.of() : certificateChain);
    if (!certificateChain.isEmpty()
        && !(certificateChain.get(0).getPublicKey() instanceof ECPublicKey leaf
            && EcKeys.samePublicKey(leaf, publicKey))) {
      throw new IllegalArgumentException(
          "issuer key " + kid + ": the leaf certificate holds a different public key");
    }
  }

  /** A key without certificates whose kid is its RFC 7638 thumbprint. */
  public static IssuerKey of(ECPublicKey publicKey) {
    return new IssuerKey(EcKeys.thumbprint(publicKey), publicKey, List.of());
  }

  /** The chain as a JWS {@code x5c} header value: standard base64 DER, leaf first. */
  public List<String> x5c() {
    List<String> out = new ArrayList<>(certificateChain.size());
    for (X509Certificate c : certificateChain) {
      try {
        out.add(Base64.getEncoder().encodeToString(c.getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException("certificate cannot be encoded", e);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "IssuerKey[kid=" + kid + ", certificates=" + certificateChain.size() + "]";
  }
}
