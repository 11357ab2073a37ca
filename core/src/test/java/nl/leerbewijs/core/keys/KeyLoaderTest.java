package nl.leerbewijs.core.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.json.Base64Url;
import nl.leerbewijs.core.keys.KeyFormatException.Problem;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.junit.jupiter.api.Test;

class KeyLoaderTest {

  private static final char[] PASSWORD = "correct horse".toCharArray();

  // ------------------------------------------------------------------ PEM private keys

  @Test
  void signingKeyFromPem_pkcs8_loadsKeyThatSigns() throws Exception {
    KeyPair kp = TestPki.p256();
    SigningKey key = KeyLoader.signingKeyFromPem(TestPki.pkcs8Pem(kp.getPrivate()), null);

    assertTrue(EcKeys.samePublicKey((ECPublicKey) kp.getPublic(), key.issuerKey().publicKey()));
    assertEquals(EcKeys.thumbprint((ECPublicKey) kp.getPublic()), key.kid());
    assertSignsAndVerifies(key.privateKey(), (ECPublicKey) kp.getPublic());
  }

  @Test
  void privateKeyFromPem_sec1WithEcParametersBlock_loads() {
    KeyPair kp = TestPki.p256();
    String pem = TestPki.pem("EC PARAMETERS", TestPki.der(P256.OID)) + TestPki.sec1Pem(kp, true);

    ECPrivateKey key = KeyLoader.privateKeyFromPem(pem);

    assertEquals(((ECPrivateKey) kp.getPrivate()).getS(), key.getS());
  }

  @Test
  void privateKeyFromPem_sec1WithoutPublicKey_loads() {
    KeyPair kp = TestPki.p256();
    ECPrivateKey key = KeyLoader.privateKeyFromPem(TestPki.sec1Pem(kp, false));
    assertEquals(((ECPrivateKey) kp.getPrivate()).getS(), key.getS());
  }

  @Test
  void privateKeyFromPem_sec1WithOtherPublicKey_keyMismatch() {
    KeyPair kp = TestPki.p256();
    KeyPair other = TestPki.p256();
    String pem =
        TestPki.pem(
            "EC PRIVATE KEY",
            TestPki.der(
                new org.bouncycastle.asn1.sec.ECPrivateKey(
                    256,
                    ((ECPrivateKey) kp.getPrivate()).getS(),
                    new DERBitString(EcKeys.uncompressedPoint((ECPublicKey) other.getPublic())),
                    P256.OID)));

    assertProblem(Problem.KEY_MISMATCH, () -> KeyLoader.privateKeyFromPem(pem));
  }

  @Test
  void privateKeyFromPem_p384_unsupportedCurve() {
    String pem = TestPki.pkcs8Pem(TestPki.ec("secp384r1").getPrivate());
    assertProblem(Problem.UNSUPPORTED_CURVE, () -> KeyLoader.privateKeyFromPem(pem));
  }

  @Test
  void privateKeyFromPem_secp256k1_unsupportedCurve() {
    String pem = TestPki.pkcs8Pem(TestPki.ec("secp256k1").getPrivate());
    assertProblem(Problem.UNSUPPORTED_CURVE, () -> KeyLoader.privateKeyFromPem(pem));
  }

  @Test
  void privateKeyFromPem_rsa_unsupportedKeyType() {
    String pem = TestPki.pkcs8Pem(TestPki.rsa().getPrivate());
    assertProblem(Problem.UNSUPPORTED_KEY_TYPE, () -> KeyLoader.privateKeyFromPem(pem));
  }

  @Test
  void privateKeyFromPem_garbageBody_malformed() {
    String pem = "-----BEGIN PRIVATE KEY-----\nMIIB!!!not base64***\n-----END PRIVATE KEY-----\n";
    assertProblem(Problem.MALFORMED, () -> KeyLoader.privateKeyFromPem(pem));
  }

  @Test
  void privateKeyFromPem_validBase64ButNotDer_malformed() {
    String pem =
        TestPki.pem("PRIVATE KEY", "this is not DER at all".getBytes(StandardCharsets.US_ASCII));
    assertProblem(Problem.MALFORMED, () -> KeyLoader.privateKeyFromPem(pem));
  }

  @Test
  void privateKeyFromPem_truncated_malformed() {
    String full = TestPki.pkcs8Pem(TestPki.p256().getPrivate());
    String pem = full.substring(0, full.length() / 2);
    assertProblem(Problem.MALFORMED, () -> KeyLoader.privateKeyFromPem(pem));
  }

  @Test
  void privateKeyFromPem_noPemAtAll_missing() {
    assertProblem(Problem.MISSING, () -> KeyLoader.privateKeyFromPem("just some text"));
  }

  @Test
  void privateKeyFromPem_publicKey_missing() {
    String pem = TestPki.pem("PUBLIC KEY", TestPki.p256().getPublic().getEncoded());
    assertProblem(Problem.MISSING, () -> KeyLoader.privateKeyFromPem(pem));
  }

  @Test
  void privateKeyFromPem_twoKeys_unexpectedObject() {
    String pem =
        TestPki.pkcs8Pem(TestPki.p256().getPrivate())
            + TestPki.pkcs8Pem(TestPki.p256().getPrivate());
    assertProblem(Problem.UNEXPECTED_OBJECT, () -> KeyLoader.privateKeyFromPem(pem));
  }

  @Test
  void privateKeyFromPem_encryptedPkcs8_encrypted() throws Exception {
    KeyPair kp = TestPki.p256();
    OutputEncryptor enc =
        new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
            .setProvider(TestPki.BC)
            .setPassword(PASSWORD)
            .build();
    String pem = TestPki.pem(new JcaPKCS8Generator(kp.getPrivate(), enc).generate());

    assertProblem(Problem.ENCRYPTED, () -> KeyLoader.privateKeyFromPem(pem));
  }

  @Test
  void privateKeyFromPem_tooLarge_tooLarge() {
    String pem = "x".repeat(KeyLoader.MAX_TEXT_LENGTH + 1);
    assertProblem(Problem.TOO_LARGE, () -> KeyLoader.privateKeyFromPem(pem));
  }

  @Test
  void privateKeyFromPem_message_neverContainsKeyMaterial() {
    KeyPair kp = TestPki.p256();
    String body = TestPki.pkcs8Pem(kp.getPrivate());
    String broken = body.replace("-----END PRIVATE KEY-----", "AAAA\n-----END PRIVATE KEY-----");
    KeyFormatException e =
        assertThrows(KeyFormatException.class, () -> KeyLoader.privateKeyFromPem(broken));
    String d = ((ECPrivateKey) kp.getPrivate()).getS().toString(16);
    assertFalse(e.getMessage().contains(d));
    assertFalse(e.getMessage().contains(body.split("\n")[1].substring(0, 20)));
  }

  @Test
  void signingKeyFromPem_withChain_keepsChainLeafFirst() {
    KeyPair caKp = TestPki.p256();
    X509Certificate ca = TestPki.ca("Test CA", caKp);
    KeyPair kp = TestPki.p256();
    X509Certificate leaf =
        TestPki.leaf(ca, caKp.getPrivate(), kp.getPublic(), "https://school.example");

    SigningKey key =
        KeyLoader.signingKeyFromPem(
            TestPki.pkcs8Pem(kp.getPrivate()), TestPki.pem(leaf) + TestPki.pem(ca));

    assertEquals(List.of(leaf, ca), key.issuerKey().certificateChain());
    assertEquals(TestPki.x5c(leaf, ca), key.issuerKey().x5c());
  }

  @Test
  void signingKeyFromPem_chainOfAnotherKey_keyMismatch() {
    KeyPair caKp = TestPki.p256();
    X509Certificate ca = TestPki.ca("Test CA", caKp);
    X509Certificate leaf =
        TestPki.leaf(ca, caKp.getPrivate(), TestPki.p256().getPublic(), "https://school.example");

    assertProblem(
        Problem.KEY_MISMATCH,
        () ->
            KeyLoader.signingKeyFromPem(
                TestPki.pkcs8Pem(TestPki.p256().getPrivate()), TestPki.pem(leaf)));
  }

  // ------------------------------------------------------------------ PEM public keys

  @Test
  void publicKeyFromPem_spki_loads() {
    KeyPair kp = TestPki.p256();
    ECPublicKey key =
        KeyLoader.publicKeyFromPem(TestPki.pem("PUBLIC KEY", kp.getPublic().getEncoded()));
    assertTrue(EcKeys.samePublicKey((ECPublicKey) kp.getPublic(), key));
  }

  @Test
  void publicKeyFromPem_privateKey_privateKeyMaterial() {
    String pem = TestPki.pkcs8Pem(TestPki.p256().getPrivate());
    assertProblem(Problem.PRIVATE_KEY_MATERIAL, () -> KeyLoader.publicKeyFromPem(pem));
  }

  @Test
  void publicKeyFromPem_rsa_unsupportedKeyType() {
    String pem = TestPki.pem("PUBLIC KEY", TestPki.rsa().getPublic().getEncoded());
    assertProblem(Problem.UNSUPPORTED_KEY_TYPE, () -> KeyLoader.publicKeyFromPem(pem));
  }

  @Test
  void publicKeyFromPem_p384_unsupportedCurve() {
    String pem = TestPki.pem("PUBLIC KEY", TestPki.ec("secp384r1").getPublic().getEncoded());
    assertProblem(Problem.UNSUPPORTED_CURVE, () -> KeyLoader.publicKeyFromPem(pem));
  }

  @Test
  void publicKeyFromPem_explicitCurveParameters_unsupportedCurve() {
    ECPublicKey pub = (ECPublicKey) TestPki.p256().getPublic();
    SubjectPublicKeyInfo spki =
        new SubjectPublicKeyInfo(
            new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, P256.X9),
            EcKeys.uncompressedPoint(pub));
    String pem = TestPki.pem("PUBLIC KEY", TestPki.der(spki));
    assertProblem(Problem.UNSUPPORTED_CURVE, () -> KeyLoader.publicKeyFromPem(pem));
  }

  @Test
  void publicKeyFromPem_pointNotOnCurve_invalidKey() {
    ECPublicKey pub = (ECPublicKey) TestPki.p256().getPublic();
    byte[] point = EcKeys.uncompressedPoint(pub);
    point[64] ^= 1; // flip a bit of y
    SubjectPublicKeyInfo spki =
        new SubjectPublicKeyInfo(
            new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, P256.OID), point);
    String pem = TestPki.pem("PUBLIC KEY", TestPki.der(spki));
    assertProblem(Problem.INVALID_KEY, () -> KeyLoader.publicKeyFromPem(pem));
  }

  @Test
  void publicKeyFromPem_certificate_unexpectedObject() {
    KeyPair kp = TestPki.p256();
    String pem = TestPki.pem(TestPki.ca("CA", kp));
    assertProblem(Problem.UNEXPECTED_OBJECT, () -> KeyLoader.publicKeyFromPem(pem));
  }

  // ------------------------------------------------------------------ JWK

  @Test
  void publicKeyFromJwk_p256_loads() {
    ECPublicKey pub = (ECPublicKey) TestPki.p256().getPublic();
    ECPublicKey loaded = KeyLoader.publicKeyFromJwk(EcKeys.toPublicJwkJson(pub, "k1"));
    assertTrue(EcKeys.samePublicKey(pub, loaded));
  }

  @Test
  void publicKeyFromJwk_rfc7517AppendixA1Key_loads() {
    // RFC 7517 appendix A.1, first key (public EC P-256)
    String jwk =
        "{\"kty\":\"EC\",\"crv\":\"P-256\","
            + "\"x\":\"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4\","
            + "\"y\":\"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM\",\"use\":\"enc\",\"kid\":\"1\"}";
    ECPublicKey key = KeyLoader.publicKeyFromJwk(jwk);
    assertArrayEquals(
        Base64Url.decode("MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4"),
        P256.fixed(key.getW().getAffineX()));
  }

  @Test
  void publicKeyFromJwk_privateJwk_privateKeyMaterial() {
    String jwk = privateJwk(TestPki.p256());
    assertProblem(Problem.PRIVATE_KEY_MATERIAL, () -> KeyLoader.publicKeyFromJwk(jwk));
  }

  @Test
  void signingKeyFromJwk_privateJwk_loadsWithKid() throws Exception {
    KeyPair kp = TestPki.p256();
    SigningKey key = KeyLoader.signingKeyFromJwk(privateJwk(kp));
    assertEquals("my-kid", key.kid());
    assertSignsAndVerifies(key.privateKey(), (ECPublicKey) kp.getPublic());
  }

  @Test
  void signingKeyFromJwk_publicJwk_missing() {
    String jwk = EcKeys.toPublicJwkJson((ECPublicKey) TestPki.p256().getPublic(), null);
    assertProblem(Problem.MISSING, () -> KeyLoader.signingKeyFromJwk(jwk));
  }

  @Test
  void signingKeyFromJwk_dOfAnotherKey_keyMismatch() {
    KeyPair kp = TestPki.p256();
    KeyPair other = TestPki.p256();
    String jwk =
        EcKeys.toPublicJwk((ECPublicKey) kp.getPublic(), "k")
            .put("d", Base64Url.encode(P256.fixed(((ECPrivateKey) other.getPrivate()).getS())))
            .toString();
    assertProblem(Problem.KEY_MISMATCH, () -> KeyLoader.signingKeyFromJwk(jwk));
  }

  @Test
  void publicKeyFromJwk_p384_unsupportedCurve() {
    String jwk = "{\"kty\":\"EC\",\"crv\":\"P-384\",\"x\":\"AAAA\",\"y\":\"AAAA\"}";
    assertProblem(Problem.UNSUPPORTED_CURVE, () -> KeyLoader.publicKeyFromJwk(jwk));
  }

  @Test
  void publicKeyFromJwk_rsa_unsupportedKeyType() {
    String jwk = "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}";
    assertProblem(Problem.UNSUPPORTED_KEY_TYPE, () -> KeyLoader.publicKeyFromJwk(jwk));
  }

  @Test
  void publicKeyFromJwk_pointNotOnCurve_invalidKey() {
    ECPublicKey pub = (ECPublicKey) TestPki.p256().getPublic();
    String jwk =
        EcKeys.toPublicJwk(pub, "k")
            .put("y", Base64Url.encode(P256.fixed(pub.getW().getAffineY().add(BigInteger.ONE))))
            .toString();
    assertProblem(Problem.INVALID_KEY, () -> KeyLoader.publicKeyFromJwk(jwk));
  }

  @Test
  void publicKeyFromJwk_shortCoordinate_invalidKey() {
    ECPublicKey pub = (ECPublicKey) TestPki.p256().getPublic();
    String jwk = EcKeys.toPublicJwk(pub, "k").put("x", Base64Url.encode(new byte[31])).toString();
    assertProblem(Problem.INVALID_KEY, () -> KeyLoader.publicKeyFromJwk(jwk));
  }

  @Test
  void publicKeyFromJwk_paddedBase64_malformed() {
    ECPublicKey pub = (ECPublicKey) TestPki.p256().getPublic();
    String jwk =
        EcKeys.toPublicJwk(pub, "k")
            .put(
                "x",
                Base64.getUrlEncoder().encodeToString(P256.fixed(pub.getW().getAffineX())) + "=")
            .toString();
    assertProblem(Problem.MALFORMED, () -> KeyLoader.publicKeyFromJwk(jwk));
  }

  @Test
  void publicKeyFromJwk_duplicateMember_malformed() {
    ECPublicKey pub = (ECPublicKey) TestPki.p256().getPublic();
    String json = EcKeys.toPublicJwkJson(pub, "k");
    String dup = json.substring(0, json.length() - 1) + ",\"crv\":\"P-256\"}";
    assertProblem(Problem.MALFORMED, () -> KeyLoader.publicKeyFromJwk(dup));
  }

  @Test
  void publicKeyFromJwk_notJson_malformed() {
    assertProblem(Problem.MALFORMED, () -> KeyLoader.publicKeyFromJwk("{\"kty\":"));
    assertProblem(Problem.MALFORMED, () -> KeyLoader.publicKeyFromJwk("[]"));
    assertProblem(Problem.MALFORMED, () -> KeyLoader.publicKeyFromJwk("{\"kty\":7}"));
  }

  // ------------------------------------------------------------------ PKCS#12

  @Test
  void signingKeyFromPkcs12_jdkKeyStoreWithChain_loadsKeyAndOrderedChain() throws Exception {
    Fixture f = new Fixture();
    byte[] p12 = pkcs12(f, PASSWORD);

    SigningKey key = KeyLoader.signingKeyFromPkcs12(p12, PASSWORD);

    assertEquals(List.of(f.leaf, f.ca), key.issuerKey().certificateChain());
    assertSignsAndVerifies(key.privateKey(), (ECPublicKey) f.kp.getPublic());
  }

  @Test
  void signingKeyFromPkcs12_wrongPassword_wrongPassword() throws Exception {
    byte[] p12 = pkcs12(new Fixture(), PASSWORD);
    assertProblem(
        Problem.WRONG_PASSWORD, () -> KeyLoader.signingKeyFromPkcs12(p12, "wrong".toCharArray()));
  }

  @Test
  void signingKeyFromPkcs12_truncated_malformed() throws Exception {
    byte[] p12 = pkcs12(new Fixture(), PASSWORD);
    byte[] truncated = Arrays.copyOf(p12, p12.length / 2);
    assertProblem(Problem.MALFORMED, () -> KeyLoader.signingKeyFromPkcs12(truncated, PASSWORD));
  }

  @Test
  void signingKeyFromPkcs12_garbage_malformed() {
    byte[] garbage = "definitely not PKCS#12".getBytes(StandardCharsets.US_ASCII);
    assertProblem(Problem.MALFORMED, () -> KeyLoader.signingKeyFromPkcs12(garbage, PASSWORD));
  }

  @Test
  void signingKeyFromPkcs12_rsaKey_unsupportedKeyType() throws Exception {
    KeyPair rsa = TestPki.rsa();
    X509Certificate cert = TestPki.ca("RSA self-signed", rsa);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("k", rsa.getPrivate(), PASSWORD, new Certificate[] {cert});
    byte[] p12 = store(ks, PASSWORD);
    assertProblem(
        Problem.UNSUPPORTED_KEY_TYPE, () -> KeyLoader.signingKeyFromPkcs12(p12, PASSWORD));
  }

  @Test
  void signingKeyFromPkcs12_tooLarge_tooLarge() {
    byte[] big = new byte[KeyLoader.MAX_PKCS12_BYTES + 1];
    assertProblem(Problem.TOO_LARGE, () -> KeyLoader.signingKeyFromPkcs12(big, PASSWORD));
  }

  // ------------------------------------------------------------------ certificates

  @Test
  void certificatesFromPem_chain_keepsOrder() {
    Fixture f = new Fixture();
    assertEquals(
        List.of(f.leaf, f.ca),
        KeyLoader.certificatesFromPem(TestPki.pem(f.leaf) + TestPki.pem(f.ca)));
  }

  @Test
  void certificatesFromPem_containsKey_unexpectedObject() {
    Fixture f = new Fixture();
    String pem = TestPki.pem(f.leaf) + TestPki.pkcs8Pem(f.kp.getPrivate());
    assertProblem(Problem.UNEXPECTED_OBJECT, () -> KeyLoader.certificatesFromPem(pem));
  }

  @Test
  void certificatesFromPem_corruptCertificate_malformed() {
    String pem = TestPki.pem("CERTIFICATE", new byte[] {0x30, 0x03, 0x02, 0x01, 0x01});
    assertProblem(Problem.MALFORMED, () -> KeyLoader.certificatesFromPem(pem));
  }

  @Test
  void certificatesFromX5c_roundTrip() {
    Fixture f = new Fixture();
    assertEquals(List.of(f.leaf, f.ca), KeyLoader.certificatesFromX5c(TestPki.x5c(f.leaf, f.ca)));
  }

  @Test
  void certificatesFromX5c_base64url_malformed() {
    assertProblem(Problem.MALFORMED, () -> KeyLoader.certificatesFromX5c(List.of("MII_-x")));
  }

  @Test
  void certificatesFromX5c_empty_missing() {
    assertProblem(Problem.MISSING, () -> KeyLoader.certificatesFromX5c(List.of()));
  }

  @Test
  void certificatesFromX5c_tooMany_tooLarge() {
    Fixture f = new Fixture();
    List<String> many =
        new ArrayList<>(
            Collections.nCopies(KeyLoader.MAX_CHAIN_LENGTH + 1, TestPki.x5c(f.ca).get(0)));
    assertProblem(Problem.TOO_LARGE, () -> KeyLoader.certificatesFromX5c(many));
  }

  @Test
  void publicKeyFromCertificate_rsaCertificate_unsupportedKeyType() {
    X509Certificate rsa = TestPki.ca("RSA", TestPki.rsa());
    assertProblem(Problem.UNSUPPORTED_KEY_TYPE, () -> KeyLoader.publicKeyFromCertificate(rsa));
  }

  // ------------------------------------------------------------------ helpers

  private static final class Fixture {
    final KeyPair caKp = TestPki.p256();
    final X509Certificate ca = TestPki.ca("Test CA", caKp);
    final KeyPair kp = TestPki.p256();
    final X509Certificate leaf =
        TestPki.leaf(ca, caKp.getPrivate(), kp.getPublic(), "https://school.example");
  }

  private static byte[] pkcs12(Fixture f, char[] password) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12"); // the JDK's, as keytool would write it
    ks.load(null, null);
    ks.setKeyEntry("issuer", f.kp.getPrivate(), password, new Certificate[] {f.leaf, f.ca});
    return store(ks, password);
  }

  private static byte[] store(KeyStore ks, char[] password) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ks.store(out, password);
    return out.toByteArray();
  }

  private static String privateJwk(KeyPair kp) {
    return EcKeys.toPublicJwk((ECPublicKey) kp.getPublic(), "my-kid")
        .put("d", Base64Url.encode(P256.fixed(((ECPrivateKey) kp.getPrivate()).getS())))
        .toString();
  }

  private static void assertSignsAndVerifies(ECPrivateKey priv, ECPublicKey pub) throws Exception {
    byte[] msg = "leerbewijs".getBytes(StandardCharsets.US_ASCII);
    Signature s = Signature.getInstance("SHA256withECDSA", CryptoProvider.get());
    s.initSign(priv);
    s.update(msg);
    byte[] sig = s.sign();
    Signature v = Signature.getInstance("SHA256withECDSA", CryptoProvider.get());
    v.initVerify(pub);
    v.update(msg);
    assertTrue(v.verify(sig));
  }

  private static void assertProblem(Problem expected, Runnable r) {
    KeyFormatException e = assertThrows(KeyFormatException.class, r::run);
    assertEquals(expected.code(), e.code(), e.getMessage());
  }
}
