package nl.leerbewijs.core.trust;

import static nl.leerbewijs.core.trust.TrustListFixture.HS;
import static nl.leerbewijs.core.trust.TrustListFixture.ROC;
import static nl.leerbewijs.core.trust.TrustListFixture.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.core.keys.TestPki;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

class TrustListResolveTest {

  private static final Instant AT = TestPki.NOW;

  private final TrustListFixture f = new TrustListFixture();
  private final TrustList list = TrustList.parse(bytes(f.json()));

  // ------------------------------------------------------------ pinned keys

  @Test
  void resolve_pinnedKid_trustedViaPinnedJwk() {
    KeyResolution r = list.resolve(ROC, f.rocKid, List.of(), AT);
    KeyResolution.Trusted t = assertInstanceOf(KeyResolution.Trusted.class, r);
    assertEquals("trusted", r.code());
    assertEquals(KeyResolution.Trusted.VIA_PINNED_JWK, t.via());
    assertEquals(ROC, t.issuer().id());
    assertTrue(EcKeys.samePublicKey((ECPublicKey) f.rocKey.getPublic(), t.key()));
  }

  @Test
  void resolve_noKidSinglePinnedKey_trusted() {
    assertEquals("trusted", list.resolve(ROC, null, List.of(), AT).code());
  }

  @Test
  void resolve_unknownKid_unknownKey() {
    KeyResolution r = list.resolve(ROC, "some-other-kid", List.of(), AT);
    assertEquals("unknown-key", r.code());
    assertEquals(new KeyResolution.UnknownKey(ROC, "some-other-kid"), r);
  }

  @Test
  void resolve_unknownIssuer_unknownIssuer() {
    assertEquals(
        new KeyResolution.UnknownIssuer("https://evil.test/t/roc"),
        list.resolve("https://evil.test/t/roc", f.rocKid, List.of(), AT));
    assertEquals("unknown-issuer", list.resolve(null, null, List.of(), AT).code());
  }

  @Test
  void resolve_kidOfAnotherIssuer_notTrustedForThisIssuer() {
    // HS has only an anchor; ROC's pinned kid must not leak across issuers
    assertEquals("unknown-key", list.resolve(HS, f.rocKid, List.of(), AT).code());
  }

  // ------------------------------------------------------------ x5c

  @Test
  void resolve_x5cChainingToAnchor_trustedViaX509() {
    KeyPair kp = TestPki.p256();
    X509Certificate leaf = TestPki.leaf(f.ca, f.caKp.getPrivate(), kp.getPublic(), HS);

    KeyResolution r = list.resolve(HS, null, TestPki.x5c(leaf), AT);

    KeyResolution.Trusted t = assertInstanceOf(KeyResolution.Trusted.class, r);
    assertEquals(KeyResolution.Trusted.VIA_X509, t.via());
    assertTrue(EcKeys.samePublicKey((ECPublicKey) kp.getPublic(), t.key()));
  }

  @Test
  void resolve_x5cIncludingTheRoot_trusted() {
    KeyPair kp = TestPki.p256();
    X509Certificate leaf = TestPki.leaf(f.ca, f.caKp.getPrivate(), kp.getPublic(), HS);
    assertEquals("trusted", list.resolve(HS, "any", TestPki.x5c(leaf, f.ca), AT).code());
  }

  @Test
  void resolve_x5cViaIntermediate_trusted() {
    KeyPair interKp = TestPki.p256();
    X509Certificate inter = intermediate(f.ca, f.caKp, "Test Issuing CA", interKp);
    KeyPair kp = TestPki.p256();
    X509Certificate leaf = TestPki.leaf(inter, interKp.getPrivate(), kp.getPublic(), HS);
    assertEquals("trusted", list.resolve(HS, null, TestPki.x5c(leaf, inter), AT).code());
  }

  @Test
  void resolve_x5cSelfSigned_untrustedChain() {
    KeyPair kp = TestPki.p256();
    X509Certificate self = TestPki.selfSignedLeaf("self", kp, HS);
    assertEquals("untrusted-chain", list.resolve(HS, null, TestPki.x5c(self), AT).code());
  }

  @Test
  void resolve_x5cSelfSignedCaNamedLikeOurs_untrustedChain() {
    KeyPair fakeCaKp = TestPki.p256();
    X509Certificate fakeCa = TestPki.ca("Test Root CA", fakeCaKp); // same name, other key
    X509Certificate leaf =
        TestPki.leaf(fakeCa, fakeCaKp.getPrivate(), TestPki.p256().getPublic(), HS);
    assertEquals("untrusted-chain", list.resolve(HS, null, TestPki.x5c(leaf, fakeCa), AT).code());
  }

  @Test
  void resolve_x5cFromAnotherCa_untrustedChain() {
    KeyPair otherKp = TestPki.p256();
    X509Certificate other = TestPki.ca("Other CA", otherKp);
    X509Certificate leaf =
        TestPki.leaf(other, otherKp.getPrivate(), TestPki.p256().getPublic(), HS);
    assertEquals("untrusted-chain", list.resolve(HS, null, TestPki.x5c(leaf, other), AT).code());
  }

  @Test
  void resolve_expiredLeaf_untrustedChain() {
    X509Certificate leaf =
        TestPki.leaf(
            f.ca,
            f.caKp.getPrivate(),
            TestPki.p256().getPublic(),
            HS,
            AT.minus(Duration.ofDays(400)),
            AT.minus(Duration.ofDays(35)));
    assertEquals("untrusted-chain", list.resolve(HS, null, TestPki.x5c(leaf), AT).code());
    // ...but valid at a time inside its validity (e.g. re-checking an old verification)
    assertEquals(
        "trusted",
        list.resolve(HS, null, TestPki.x5c(leaf), AT.minus(Duration.ofDays(100))).code());
  }

  @Test
  void resolve_notYetValidLeaf_untrustedChain() {
    X509Certificate leaf =
        TestPki.leaf(
            f.ca,
            f.caKp.getPrivate(),
            TestPki.p256().getPublic(),
            HS,
            AT.plus(Duration.ofDays(1)),
            AT.plus(Duration.ofDays(100)));
    assertEquals("untrusted-chain", list.resolve(HS, null, TestPki.x5c(leaf), AT).code());
  }

  @Test
  void resolve_sanNotMatchingIss_untrustedChain() {
    X509Certificate leaf = TestPki.leaf(f.ca, f.caKp.getPrivate(), TestPki.p256().getPublic(), ROC);
    KeyResolution r = list.resolve(HS, null, TestPki.x5c(leaf), AT);
    assertEquals("untrusted-chain", r.code());
  }

  @Test
  void resolve_noSan_untrustedChain() {
    X509Certificate leaf =
        TestPki.leaf(f.ca, f.caKp.getPrivate(), TestPki.p256().getPublic(), null);
    assertEquals("untrusted-chain", list.resolve(HS, null, TestPki.x5c(leaf), AT).code());
  }

  @Test
  void resolve_leafWithoutDigitalSignature_untrustedChain() {
    X509Certificate leaf =
        TestPki.leaf(
            f.ca,
            f.caKp.getPrivate(),
            "CN=x",
            TestPki.p256().getPublic(),
            HS,
            AT.minus(Duration.ofDays(1)),
            AT.plus(Duration.ofDays(1)),
            false);
    assertEquals("untrusted-chain", list.resolve(HS, null, TestPki.x5c(leaf), AT).code());
  }

  @Test
  void resolve_leafWithP384Key_untrustedChain() {
    X509Certificate leaf =
        TestPki.leaf(f.ca, f.caKp.getPrivate(), TestPki.ec("secp384r1").getPublic(), HS);
    assertEquals("untrusted-chain", list.resolve(HS, null, TestPki.x5c(leaf), AT).code());
  }

  @Test
  void resolve_anchorItselfAsLeaf_untrustedChain() {
    assertEquals("untrusted-chain", list.resolve(HS, null, TestPki.x5c(f.ca), AT).code());
  }

  @Test
  void resolve_garbageX5c_untrustedChain() {
    assertEquals("untrusted-chain", list.resolve(HS, null, List.of("not base64!"), AT).code());
    assertEquals("untrusted-chain", list.resolve(HS, null, List.of("AAAA"), AT).code());
  }

  @Test
  void resolve_x5cForIssuerWithoutAnchors_untrustedChain() {
    var root = f.json();
    TrustListFixture.issuer(root, 0).remove("x509_trust_anchors");
    TrustList pinnedOnly = TrustList.parse(bytes(root));
    X509Certificate leaf = TestPki.leaf(f.ca, f.caKp.getPrivate(), TestPki.p256().getPublic(), ROC);
    assertEquals("untrusted-chain", pinnedOnly.resolve(ROC, null, TestPki.x5c(leaf), AT).code());
    // a pinned kid still wins
    assertEquals("trusted", pinnedOnly.resolve(ROC, f.rocKid, TestPki.x5c(leaf), AT).code());
  }

  @Test
  void resolve_revokedLeafWithCrls_untrustedChain() throws Exception {
    X509Certificate leaf = TestPki.leaf(f.ca, f.caKp.getPrivate(), TestPki.p256().getPublic(), HS);
    X509CRL crl = crl(leaf.getSerialNumber());
    assertEquals("trusted", list.resolve(HS, null, TestPki.x5c(leaf), AT).code());
    assertEquals(
        "untrusted-chain",
        list.withCrls(List.of(crl)).resolve(HS, null, TestPki.x5c(leaf), AT).code());
    X509Certificate other = TestPki.leaf(f.ca, f.caKp.getPrivate(), TestPki.p256().getPublic(), HS);
    assertEquals(
        "trusted", list.withCrls(List.of(crl)).resolve(HS, null, TestPki.x5c(other), AT).code());
  }

  // ------------------------------------------------------------ untrusted key reporting

  @Test
  void keyFromX5cUntrusted_returnsLeafKeyWithoutTrustDecision() {
    KeyPair kp = TestPki.p256();
    X509Certificate self = TestPki.selfSignedLeaf("self", kp, "https://anyone.example");
    ECPublicKey key = TrustList.keyFromX5cUntrusted(TestPki.x5c(self)).orElseThrow();
    assertTrue(EcKeys.samePublicKey((ECPublicKey) kp.getPublic(), key));
    assertTrue(TrustList.keyFromX5cUntrusted(List.of()).isEmpty());
    assertTrue(TrustList.keyFromX5cUntrusted(List.of("garbage")).isEmpty());
  }

  // ------------------------------------------------------------ helpers

  private static X509Certificate intermediate(
      X509Certificate ca, KeyPair caKp, String cn, KeyPair kp) {
    try {
      var b =
          new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
              ca,
              BigInteger.valueOf(77),
              Date.from(AT.minus(Duration.ofDays(10))),
              Date.from(AT.plus(Duration.ofDays(1000))),
              new javax.security.auth.x500.X500Principal("CN=" + cn),
              kp.getPublic());
      b.addExtension(
          org.bouncycastle.asn1.x509.Extension.basicConstraints,
          true,
          new org.bouncycastle.asn1.x509.BasicConstraints(0));
      b.addExtension(
          org.bouncycastle.asn1.x509.Extension.keyUsage,
          true,
          new org.bouncycastle.asn1.x509.KeyUsage(org.bouncycastle.asn1.x509.KeyUsage.keyCertSign));
      return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
          .setProvider(TestPki.BC)
          .getCertificate(
              b.build(
                  new JcaContentSignerBuilder("SHA256withECDSA")
                      .setProvider(TestPki.BC)
                      .build(caKp.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private X509CRL crl(BigInteger revokedSerial) throws Exception {
    X509v2CRLBuilder b =
        new X509v2CRLBuilder(
            X500Name.getInstance(f.ca.getSubjectX500Principal().getEncoded()),
            Date.from(AT.minus(Duration.ofDays(1))));
    b.setNextUpdate(Date.from(AT.plus(Duration.ofDays(7))));
    b.addCRLEntry(revokedSerial, Date.from(AT.minus(Duration.ofDays(1))), 0);
    return new JcaX509CRLConverter()
        .setProvider(TestPki.BC)
        .getCRL(
            b.build(
                new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(TestPki.BC)
                    .build(f.caKp.getPrivate())));
  }
}
