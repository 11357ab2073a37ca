package nl.leerbewijs.core.keys;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import nl.leerbewijs.core.crypto.CryptoProvider;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test-only PKI: keys, a CA, issuer certificates, PEM and x5c encodings. Never for production. */
public final class TestPki {

  public static final Provider BC = CryptoProvider.of(CryptoProvider.Kind.BOUNCY_CASTLE);
  public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final AtomicLong SERIAL = new AtomicLong(1000);

  private TestPki() {}

  public static KeyPair p256() {
    return EcKeys.generateP256();
  }

  public static KeyPair ec(String curve) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
      g.initialize(new ECGenParameterSpec(curve));
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", BC);
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A self-signed CA certificate valid for ten years around {@link #NOW}. */
  public static X509Certificate ca(String cn, KeyPair kp) {
    return ca(cn, kp, NOW.minus(Duration.ofDays(365)), NOW.plus(Duration.ofDays(3650)));
  }

  public static X509Certificate ca(String cn, KeyPair kp, Instant from, Instant to) {
    try {
      X500Name name = new X500Name("CN=" + cn);
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              name, serial(), Date.from(from), Date.from(to), name, kp.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return sign(b, kp.getPrivate());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A self-signed certificate that is NOT a CA. */
  public static X509Certificate selfSignedLeaf(String cn, KeyPair kp, String sanUri) {
    return leaf(
        null,
        kp.getPrivate(),
        "CN=" + cn,
        kp.getPublic(),
        sanUri,
        NOW.minus(Duration.ofDays(1)),
        NOW.plus(Duration.ofDays(365)),
        true);
  }

  /** An end-entity certificate for {@code subject}, signed by the CA, valid a year around NOW. */
  public static X509Certificate leaf(
      X509Certificate ca, PrivateKey caKey, PublicKey subject, String sanUri) {
    return leaf(
        ca, caKey, subject, sanUri, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(365)));
  }

  public static X509Certificate leaf(
      X509Certificate ca,
      PrivateKey caKey,
      PublicKey subject,
      String sanUri,
      Instant from,
      Instant to) {
    return leaf(ca, caKey, "CN=issuer,O=Test School", subject, sanUri, from, to, true);
  }

  public static X509Certificate leaf(
      X509Certificate ca,
      PrivateKey caKey,
      String subjectDn,
      PublicKey subject,
      String sanUri,
      Instant from,
      Instant to,
      boolean digitalSignature) {
    try {
      X500Name issuerName =
          ca == null
              ? new X500Name(subjectDn)
              : X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              issuerName,
              serial(),
              Date.from(from),
              Date.from(to),
              new X500Name(subjectDn),
              subject);
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(digitalSignature ? KeyUsage.digitalSignature : KeyUsage.keyEncipherment));
      if (sanUri != null) {
        b.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, sanUri)));
      }
      return sign(b, caKey);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A TLS server certificate for {@code dnsName} (and 127.0.0.1), signed by the CA. */
  public static X509Certificate serverLeaf(
      X509Certificate ca,
      PrivateKey caKey,
      PublicKey subject,
      String dnsName,
      Instant from,
      Instant to) {
    try {
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
              serial(),
              Date.from(from),
              Date.from(to),
              new X500Name("CN=" + dnsName),
              subject);
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, dnsName),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
              }));
      return sign(b, caKey);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws Exception {
    String alg = key.getAlgorithm().startsWith("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    return new JcaX509CertificateConverter()
        .setProvider(BC)
        .getCertificate(b.build(new JcaContentSignerBuilder(alg).setProvider(BC).build(key)));
  }

  private static BigInteger serial() {
    return BigInteger.valueOf(SERIAL.incrementAndGet());
  }

  /** PEM text of a certificate, key or other BC-writable object. */
  public static String pem(Object o) {
    try {
      StringWriter w = new StringWriter();
      try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
        pw.writeObject(o);
      }
      return w.toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** PEM with the given label around DER bytes. */
  public static String pem(String label, byte[] der) {
    return Pem.encode(label, der);
  }

  /** SEC1 "EC PRIVATE KEY" PEM of a P-256 key with its named curve, as openssl writes it. */
  public static String sec1Pem(KeyPair kp, boolean withPublic) {
    return pem(
        "EC PRIVATE KEY",
        der(
            new org.bouncycastle.asn1.sec.ECPrivateKey(
                256,
                ((java.security.interfaces.ECPrivateKey) kp.getPrivate()).getS(),
                withPublic
                    ? new org.bouncycastle.asn1.DERBitString(
                        EcKeys.uncompressedPoint(
                            (java.security.interfaces.ECPublicKey) kp.getPublic()))
                    : null,
                P256.OID)));
  }

  /** DER encoding of an ASN.1 object. */
  public static byte[] der(org.bouncycastle.asn1.ASN1Encodable o) {
    try {
      return o.toASN1Primitive().getEncoded("DER");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** PKCS#8 "PRIVATE KEY" PEM. */
  public static String pkcs8Pem(PrivateKey key) {
    return pem("PRIVATE KEY", key.getEncoded());
  }

  /** x5c header value for a chain. */
  public static List<String> x5c(X509Certificate... chain) {
    try {
      String[] out = new String[chain.length];
      for (int i = 0; i < chain.length; i++) {
        out[i] = Base64.getEncoder().encodeToString(chain[i].getEncoded());
      }
      return List.of(out);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
