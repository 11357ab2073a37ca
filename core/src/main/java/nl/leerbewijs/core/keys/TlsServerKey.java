package nl.leerbewijs.core.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.keys.KeyFormatException.Format;
import nl.leerbewijs.core.keys.KeyFormatException.Problem;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The private key and certificate chain an HTTPS server presents, read from the two PEM files that
 * certificate tooling writes (certbot's {@code fullchain.pem} and {@code privkey.pem}, acme.sh, a
 * school's own CA).
 *
 * <p>Checked here, so that a mistake is named when the files are loaded rather than by a browser's
 * "connection not private": the key is RSA of at least {@value #MIN_RSA_BITS} bits or EC on P-256
 * or P-384 (what browsers accept) and is not encrypted; the first certificate holds the key's
 * public key (a signature made with the key verifies with it); each certificate was issued by the
 * next one (the usual order: server's own certificate first); and every certificate is valid at the
 * given time. Not checked: whether the chain ends in a root that browsers trust, which only the
 * browser decides.
 *
 * <p>Messages name the problem and the certificate, never key material ({@link
 * KeyFormatException}).
 */
public final class TlsServerKey {

  /** The smallest RSA key accepted. */
  public static final int MIN_RSA_BITS = 2048;

  private static final Provider BC = CryptoProvider.of(CryptoProvider.Kind.BOUNCY_CASTLE);

  /** EC curves browsers accept for server keys (P-256, P-384). */
  private static final Set<ASN1ObjectIdentifier> CURVES =
      Set.of(SECObjectIdentifiers.secp256r1, SECObjectIdentifiers.secp384r1);

  private static final byte[] CHALLENGE =
      "leerbewijs: does this key belong to this certificate?".getBytes(StandardCharsets.US_ASCII);

  private final PrivateKey privateKey;
  private final List<X509Certificate> chain;

  private TlsServerKey(PrivateKey privateKey, List<X509Certificate> chain) {
    this.privateKey = privateKey;
    this.chain = List.copyOf(chain);
  }

  /**
   * Reads and checks a server key and its certificate chain.
   *
   * @param privateKeyPem PKCS#8 {@code PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY} or SEC1 {@code
   *     EC PRIVATE KEY} (optionally after {@code EC PARAMETERS})
   * @param certificateChainPem {@code CERTIFICATE}s, the server's own first
   * @param now the time at which every certificate must be valid
   * @throws KeyFormatException naming what is wrong
   */
  public static TlsServerKey fromPem(
      String privateKeyPem, String certificateChainPem, Instant now) {
    Objects.requireNonNull(now, "now");
    PrivateKeyInfo info = privateKeyInfo(privateKeyPem);
    String signatureAlgorithm = checkKeyType(info);
    PrivateKey key;
    try {
      key = new JcaPEMKeyConverter().setProvider(BC).getPrivateKey(info);
    } catch (Exception e) {
      throw new KeyFormatException(Format.PEM, Problem.INVALID_KEY, "the private key is unusable");
    }
    if (key instanceof RSAKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
      throw new KeyFormatException(
          Format.PEM,
          Problem.UNSUPPORTED_KEY_TYPE,
          "an RSA key of "
              + rsa.getModulus().bitLength()
              + " bits; browsers need at least "
              + MIN_RSA_BITS);
    }
    List<X509Certificate> chain = KeyLoader.certificatesFromPem(certificateChainPem);
    if (!signedBy(key, chain.get(0), signatureAlgorithm)) {
      throw new KeyFormatException(
          Format.PEM,
          Problem.KEY_MISMATCH,
          "the first certificate ("
              + subject(chain.get(0))
              + ") does not hold this private key's public key; the certificate file must start"
              + " with the server's own certificate, and the key must be the one it was issued"
              + " for");
    }
    checkOrder(chain);
    checkValidity(chain, now);
    return new TlsServerKey(key, chain);
  }

  public PrivateKey privateKey() {
    return privateKey;
  }

  /** The certificates, the server's own first. */
  public List<X509Certificate> chain() {
    return chain;
  }

  /** When the server's own certificate expires. */
  public Instant notAfter() {
    return chain.get(0).getNotAfter().toInstant();
  }

  /** The server certificate's subject, RFC 2253. */
  public String subject() {
    return subject(chain.get(0));
  }

  /** The DNS names and IP addresses the server certificate is for (its subjectAltName). */
  public List<String> names() {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> sans = chain.get(0).getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          int type = (Integer) san.get(0);
          if (type == 2 || type == 7) { // dNSName, iPAddress
            out.add(String.valueOf(san.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      // The certificate parsed; an unreadable extension only means no names to show.
    }
    return List.copyOf(out);
  }

  /** The key as PKCS#8 PEM, for handing to the TLS library in one normal form. */
  public String privateKeyPem() {
    return Pem.encode("PRIVATE KEY", privateKey.getEncoded());
  }

  /** The chain as PEM, in order. */
  public String chainPem() {
    StringBuilder sb = new StringBuilder();
    for (X509Certificate c : chain) {
      try {
        sb.append(Pem.encode("CERTIFICATE", c.getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException("a parsed certificate could not be encoded again", e);
      }
    }
    return sb.toString();
  }

  /** Subject and expiry; never key material. */
  @Override
  public String toString() {
    return "TLS server key for " + subject() + ", valid until " + notAfter();
  }

  private static PrivateKeyInfo privateKeyInfo(String pem) {
    List<Object> objects = new ArrayList<>();
    for (Object o : KeyLoader.readPem(pem)) {
      if (!(o instanceof ASN1ObjectIdentifier)) { // "EC PARAMETERS" before an EC key
        objects.add(o);
      }
    }
    Object only = KeyLoader.single(objects, Format.PEM, "one private key");
    if (only instanceof PrivateKeyInfo pki) {
      return pki;
    }
    if (only instanceof PEMKeyPair pair && pair.getPrivateKeyInfo() != null) {
      return pair.getPrivateKeyInfo();
    }
    if (only instanceof PEMEncryptedKeyPair || only instanceof PKCS8EncryptedPrivateKeyInfo) {
      throw new KeyFormatException(
          Format.PEM,
          Problem.ENCRYPTED,
          "the private key is encrypted; the service cannot ask for its password, so store it"
              + " decrypted and readable only by the service (openssl pkey -in key.pem -out"
              + " key-decrypted.pem)");
    }
    throw new KeyFormatException(
        Format.PEM,
        Problem.UNEXPECTED_OBJECT,
        "expected a private key, found "
            + KeyLoader.describe(only)
            + (only instanceof X509CertificateHolder
                ? " (are the certificate and key files swapped?)"
                : ""));
  }

  /** Accepts RSA and EC on a browser curve; returns the signature that checks the pairing. */
  private static String checkKeyType(PrivateKeyInfo info) {
    AlgorithmIdentifier alg = info.getPrivateKeyAlgorithm();
    ASN1ObjectIdentifier oid = alg.getAlgorithm();
    if (PKCSObjectIdentifiers.rsaEncryption.equals(oid)) {
      return "SHA256withRSA";
    }
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
      ASN1ObjectIdentifier curve = namedCurve(alg.getParameters());
      if (CURVES.contains(curve)) {
        return "SHA256withECDSA";
      }
      throw new KeyFormatException(
          Format.PEM,
          Problem.UNSUPPORTED_CURVE,
          "an EC key on "
              + (curve == null ? "a curve it does not name" : curve.getId())
              + "; browsers accept P-256 and P-384");
    }
    throw new KeyFormatException(
        Format.PEM,
        Problem.UNSUPPORTED_KEY_TYPE,
        "a key of type "
            + oid.getId()
            + "; use an RSA key of at least "
            + MIN_RSA_BITS
            + " bits or an EC key on P-256 or P-384");
  }

  /** The curve's OID, whether written bare or as X9.62 parameters; null when not named. */
  private static ASN1ObjectIdentifier namedCurve(ASN1Encodable params) {
    try {
      X962Parameters x962 = X962Parameters.getInstance(params);
      return x962.isNamedCurve() ? ASN1ObjectIdentifier.getInstance(x962.getParameters()) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean signedBy(PrivateKey key, X509Certificate cert, String algorithm) {
    try {
      Signature s = Signature.getInstance(algorithm, BC);
      s.initSign(key);
      s.update(CHALLENGE);
      byte[] signature = s.sign();
      Signature v = Signature.getInstance(algorithm, BC);
      v.initVerify(cert.getPublicKey());
      v.update(CHALLENGE);
      return v.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false; // another key type in the certificate, or a key the provider cannot use
    }
  }

  private static void checkOrder(List<X509Certificate> chain) {
    for (int i = 0; i + 1 < chain.size(); i++) {
      X509Certificate cert = chain.get(i);
      X509Certificate next = chain.get(i + 1);
      if (!cert.getIssuerX500Principal().equals(next.getSubjectX500Principal())) {
        throw new KeyFormatException(
            Format.PEM,
            Problem.UNEXPECTED_OBJECT,
            "certificate "
                + (i + 1)
                + " ("
                + subject(next)
                + ") did not issue certificate "
                + i
                + " (issued by "
                + cert.getIssuerX500Principal().getName()
                + "); put the server's certificate first, then each issuer in turn");
      }
    }
  }

  private static void checkValidity(List<X509Certificate> chain, Instant now) {
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate c = chain.get(i);
      String which = i == 0 ? "the server's certificate" : "certificate " + i;
      if (now.isAfter(c.getNotAfter().toInstant())) {
        throw new KeyFormatException(
            Format.PEM,
            Problem.OUTSIDE_VALIDITY,
            which + " (" + subject(c) + ") expired on " + c.getNotAfter().toInstant());
      }
      if (now.isBefore(c.getNotBefore().toInstant())) {
        throw new KeyFormatException(
            Format.PEM,
            Problem.OUTSIDE_VALIDITY,
            which + " (" + subject(c) + ") is valid only from " + c.getNotBefore().toInstant());
      }
    }
  }

  private static String subject(X509Certificate c) {
    return c.getSubjectX500Principal().getName();
  }
}
