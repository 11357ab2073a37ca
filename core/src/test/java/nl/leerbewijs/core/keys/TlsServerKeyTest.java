package nl.leerbewijs.core.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.leerbewijs.core.keys.KeyFormatException.Problem;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.junit.jupiter.api.Test;

class TlsServerKeyTest {

  private static final Instant NOW = TestPki.NOW;

  private final KeyPair caKeys = TestPki.p256();
  private final X509Certificate ca = TestPki.ca("Test TLS CA", caKeys);

  private X509Certificate serverCert(KeyPair server) {
    return TestPki.serverLeaf(
        ca,
        caKeys.getPrivate(),
        server.getPublic(),
        "verifier.example",
        NOW.minus(Duration.ofDays(10)),
        NOW.plus(Duration.ofDays(80)));
  }

  private static KeyFormatException refused(String keyPem, String chainPem, Instant now) {
    return assertThrows(
        KeyFormatException.class, () -> TlsServerKey.fromPem(keyPem, chainPem, now));
  }

  private String chain(X509Certificate... certs) {
    StringBuilder sb = new StringBuilder();
    for (X509Certificate c : certs) {
      sb.append(TestPki.pem(c));
    }
    return sb.toString();
  }

  @Test
  void readsAnEcKeyInEveryPemFormOpensslWrites() {
    KeyPair server = TestPki.p256();
    String chain = chain(serverCert(server), ca);
    for (String keyPem :
        List.of(
            TestPki.pkcs8Pem(server.getPrivate()), // PRIVATE KEY
            TestPki.sec1Pem(server, true), // EC PRIVATE KEY
            TestPki.sec1Pem(server, false),
            TestPki.pem("EC PARAMETERS", TestPki.der(P256.OID)) + TestPki.sec1Pem(server, true))) {
      TlsServerKey key = TlsServerKey.fromPem(keyPem, chain, NOW);
      assertEquals("CN=verifier.example", key.subject());
      assertEquals(List.of("verifier.example", "127.0.0.1"), key.names());
      assertEquals(NOW.plus(Duration.ofDays(80)), key.notAfter());
      assertEquals(2, key.chain().size());
    }
  }

  @Test
  void readsRsaKeysAsPkcs1AndPkcs8AndP384Keys() {
    KeyPair rsa = TestPki.rsa();
    String chain = chain(serverCert(rsa), ca);
    TlsServerKey.fromPem(TestPki.pem(rsa), chain, NOW); // RSA PRIVATE KEY (PKCS#1)
    TlsServerKey.fromPem(TestPki.pkcs8Pem(rsa.getPrivate()), chain, NOW);
    KeyPair p384 = TestPki.ec("secp384r1");
    TlsServerKey.fromPem(TestPki.pkcs8Pem(p384.getPrivate()), chain(serverCert(p384)), NOW);
  }

  @Test
  void normalFormsReadBackToTheSameKeyAndChain() {
    KeyPair server = TestPki.p256();
    TlsServerKey key =
        TlsServerKey.fromPem(TestPki.sec1Pem(server, true), chain(serverCert(server), ca), NOW);
    TlsServerKey again = TlsServerKey.fromPem(key.privateKeyPem(), key.chainPem(), NOW);
    assertEquals(key.chain(), again.chain());
    assertTrue(key.privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----\n"));
    assertEquals(
        ((ECPrivateKey) server.getPrivate()).getS(), ((ECPrivateKey) again.privateKey()).getS());
  }

  @Test
  void refusesAKeyThatIsNotTheCertificates() {
    KeyPair server = TestPki.p256();
    KeyFormatException e =
        refused(TestPki.pkcs8Pem(TestPki.p256().getPrivate()), chain(serverCert(server)), NOW);
    assertEquals(Problem.KEY_MISMATCH, e.problem());
    assertTrue(e.getMessage().contains("CN=verifier.example"), e.getMessage());
    // An RSA key with an EC certificate: a mismatch too, not a crash.
    e = refused(TestPki.pkcs8Pem(TestPki.rsa().getPrivate()), chain(serverCert(server)), NOW);
    assertEquals(Problem.KEY_MISMATCH, e.problem());
  }

  @Test
  void refusesAChainInTheWrongOrder() {
    KeyPair server = TestPki.p256();
    KeyFormatException e =
        refused(TestPki.sec1Pem(server, true), chain(serverCert(server), serverCert(server)), NOW);
    assertEquals(Problem.UNEXPECTED_OBJECT, e.problem());
    assertTrue(e.getMessage().contains("did not issue certificate 0"), e.getMessage());
  }

  @Test
  void refusesCertificatesOutsideTheirValidity() {
    KeyPair server = TestPki.p256();
    String chain = chain(serverCert(server), ca);
    String key = TestPki.sec1Pem(server, true);
    KeyFormatException expired = refused(key, chain, NOW.plus(Duration.ofDays(81)));
    assertEquals(Problem.OUTSIDE_VALIDITY, expired.problem());
    assertTrue(
        expired.getMessage().contains("the server's certificate (CN=verifier.example) expired on"),
        expired.getMessage());
    KeyFormatException early = refused(key, chain, NOW.minus(Duration.ofDays(11)));
    assertTrue(early.getMessage().contains("is valid only from"), early.getMessage());
  }

  @Test
  void refusesKeysBrowsersDoNotAccept() {
    KeyPair p521 = TestPki.ec("secp521r1");
    KeyFormatException e = refused(TestPki.pkcs8Pem(p521.getPrivate()), chain(ca), NOW);
    assertEquals(Problem.UNSUPPORTED_CURVE, e.problem());
    assertTrue(e.getMessage().contains("P-256 and P-384"), e.getMessage());
  }

  @Test
  void refusesAnEncryptedKeyWithAHint() throws Exception {
    KeyPair server = TestPki.p256();
    OutputEncryptor enc =
        new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
            .setProvider(TestPki.BC)
            .setPassword("geheim".toCharArray())
            .build();
    java.io.StringWriter w = new java.io.StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(new JcaPKCS8Generator(server.getPrivate(), enc));
    }
    KeyFormatException e = refused(w.toString(), chain(serverCert(server)), NOW);
    assertEquals(Problem.ENCRYPTED, e.problem());
    assertTrue(e.getMessage().contains("openssl pkey"), e.getMessage());
  }

  @Test
  void namesSwappedFilesAndEmptyOrForeignText() {
    KeyPair server = TestPki.p256();
    String cert = chain(serverCert(server));
    KeyFormatException swapped = refused(cert, TestPki.sec1Pem(server, true), NOW);
    assertTrue(swapped.getMessage().contains("are the certificate and key files swapped?"));
    assertEquals(Problem.MISSING, refused("", cert, NOW).problem());
    assertEquals(
        Problem.MALFORMED,
        refused("-----BEGIN PRIVATE KEY-----\n!!\n-----END PRIVATE KEY-----\n", cert, NOW)
            .problem());
  }

  @Test
  void messagesAndToStringNeverHoldKeyMaterial() {
    KeyPair server = TestPki.p256();
    String pem = TestPki.pkcs8Pem(server.getPrivate());
    String body = pem.split("\n")[1];
    TlsServerKey key = TlsServerKey.fromPem(pem, chain(serverCert(server)), NOW);
    assertFalse(key.toString().contains(body));
    KeyFormatException e = refused(pem, chain(serverCert(TestPki.p256())), NOW);
    assertFalse(e.getMessage().contains(body));
  }
}
