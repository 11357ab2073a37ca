package nl.leerbewijs.core.jose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.json.Base64Url;
import org.junit.jupiter.api.Test;

class JwsTest {

  private static KeyPair ec(String curve) throws Exception {
    KeyPairGenerator g =
        KeyPairGenerator.getInstance("EC", CryptoProvider.of(CryptoProvider.Kind.BOUNCY_CASTLE));
    g.initialize(new ECGenParameterSpec(curve));
    return g.generateKeyPair();
  }

  private static final byte[] PAYLOAD = "{\"iss\":\"x\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void signThenVerify_sameKey_valid() throws Exception {
    KeyPair kp = ec("secp256r1");
    JwsSigner signer = new JwsSigner(kp.getPrivate(), JwsAlgorithm.ES256);
    CompactJws jws = CompactJws.parse(signer.sign(signer.header("test+jwt"), PAYLOAD), "test JWT");
    assertEquals("ES256", jws.alg());
    assertEquals("test+jwt", jws.typ());
    assertArrayEquals(PAYLOAD, jws.payload());
    assertEquals(64, jws.signature().length);
    assertTrue(JwsVerifier.verify(jws, kp.getPublic(), JwsAlgorithm.ES256));
  }

  /**
   * Signing inputs of every size class go through the thread's scratch buffer: small, one that
   * makes it grow, one too large to keep, and a small one after a large one (stale bytes behind).
   */
  @Test
  void verify_signingInputsOfEverySize_sameVerdictAsTheCopy() throws Exception {
    KeyPair kp = ec("secp256r1");
    JwsSigner signer = new JwsSigner(kp.getPrivate(), JwsAlgorithm.ES256);
    for (int size : new int[] {10, 9_000, 100_000, 20, 70_000, 5}) {
      byte[] payload = ("{\"p\":\"" + "x".repeat(size) + "\"}").getBytes(StandardCharsets.UTF_8);
      CompactJws jws = CompactJws.parse(signer.sign(signer.header(null), payload), "t");
      assertTrue(JwsVerifier.verify(jws, kp.getPublic(), JwsAlgorithm.ES256), "size " + size);
      assertTrue(
          JwsVerifier.verify(
              jws.signingInput(), jws.signature(), kp.getPublic(), JwsAlgorithm.ES256));
      byte[] other = ("{\"p\":\"" + "y".repeat(size) + "\"}").getBytes(StandardCharsets.UTF_8);
      String forged =
          jws.encodedHeader()
              + "."
              + Base64Url.encode(other)
              + "."
              + Base64Url.encode(jws.signature());
      assertFalse(
          JwsVerifier.verify(CompactJws.parse(forged, "t"), kp.getPublic(), JwsAlgorithm.ES256),
          "size " + size);
    }
  }

  /** Positions in parse errors count characters, also after characters above U+00FF. */
  @Test
  void parse_badCharacterInAPart_messageNamesItsPositionInThatPart() {
    String header = Base64Url.encode("{\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8));
    String payload = Base64Url.encode(PAYLOAD);
    String[][] cases = {
      {header + "." + payload.substring(0, 3) + "+" + payload.substring(4) + ".AAAA", "3"},
      {header + "." + payload.substring(0, 3) + "\u0141" + payload.substring(4) + ".AAAA", "3"},
      {header + "." + "ab\ud83d\ude00" + payload.substring(4) + ".AAAA", "2"},
      {header + "." + payload + ".AA\u00e9A", "2"},
    };
    for (String[] c : cases) {
      JoseParseException e =
          assertThrows(JoseParseException.class, () -> CompactJws.parse(c[0], "t"), c[0]);
      assertTrue(
          e.getMessage().contains("character at position " + c[1] + " is not in the alphabet"),
          e.getMessage());
    }
    JoseParseException h =
        assertThrows(
            JoseParseException.class,
            () -> CompactJws.parse("ey\u20acJ." + payload + ".AAAA", "t"));
    assertTrue(h.getMessage().contains("header is not valid"), h.getMessage());
    assertTrue(h.getMessage().contains("position 2"), h.getMessage());
  }

  @Test
  void verifyWithP256Key_sameVerdicts_andOnlyForEs256() throws Exception {
    KeyPair kp = ec("secp256r1");
    JwsSigner signer = new JwsSigner(kp.getPrivate(), JwsAlgorithm.ES256);
    CompactJws jws = CompactJws.parse(signer.sign(signer.header(null), PAYLOAD), "t");
    java.security.interfaces.ECPublicKey key =
        (java.security.interfaces.ECPublicKey) kp.getPublic();
    assertTrue(JwsVerifier.verifyWithP256Key(jws, key, JwsAlgorithm.ES256));
    assertFalse(JwsVerifier.verifyWithP256Key(jws, key, JwsAlgorithm.ES384));
    assertFalse(
        JwsVerifier.verifyWithP256Key(
            jws,
            (java.security.interfaces.ECPublicKey) ec("secp256r1").getPublic(),
            JwsAlgorithm.ES256));
  }

  /**
   * Hashing the signing input outside the signature gives the same verdicts as inside it (valid,
   * tampered, all-zero signature, other key, other curve), and leaves the digest holding the state
   * after the signing input, so hashing on equals hashing signing input and continuation at once.
   */
  @Test
  void verifyHashingWith_sameVerdicts_andLeavesTheSigningInputsState() throws Exception {
    KeyPair kp = ec("secp256r1");
    JwsSigner signer = new JwsSigner(kp.getPrivate(), JwsAlgorithm.ES256);
    CompactJws jws = CompactJws.parse(signer.sign(signer.header(null), PAYLOAD), "t");
    java.security.MessageDigest md = CryptoProvider.sha256();
    md.update(new byte[] {1, 2, 3}); // stale input must not matter
    assertTrue(JwsVerifier.verifyHashingWith(jws, kp.getPublic(), JwsAlgorithm.ES256, md));
    byte[] tail = "~rest~".getBytes(StandardCharsets.US_ASCII);
    md.update(tail);
    java.security.MessageDigest whole = CryptoProvider.sha256();
    whole.update(jws.signingInput());
    whole.update(tail);
    assertArrayEquals(whole.digest(), md.digest());

    String[] parts = jws.compact().split("\\.");
    String zero = parts[0] + "." + parts[1] + "." + Base64Url.encode(new byte[64]);
    for (String forged : new String[] {otherPayload(jws.compact()), zero}) {
      assertFalse(
          JwsVerifier.verifyHashingWith(
              CompactJws.parse(forged, "t"), kp.getPublic(), JwsAlgorithm.ES256, md),
          forged);
    }
    assertFalse(
        JwsVerifier.verifyHashingWith(jws, ec("secp256r1").getPublic(), JwsAlgorithm.ES256, md));
    assertFalse(
        JwsVerifier.verifyHashingWith(jws, ec("secp384r1").getPublic(), JwsAlgorithm.ES256, md));

    // Other algorithms are checked as usual, and the digest is left reset.
    KeyPair p384 = ec("secp384r1");
    JwsSigner signer384 = new JwsSigner(p384.getPrivate(), JwsAlgorithm.ES384);
    CompactJws jws384 = CompactJws.parse(signer384.sign(signer384.header(null), PAYLOAD), "t");
    md.update(new byte[] {9});
    assertTrue(JwsVerifier.verifyHashingWith(jws384, p384.getPublic(), JwsAlgorithm.ES384, md));
    assertArrayEquals(CryptoProvider.sha256().digest(), md.digest());
  }

  @Test
  void verify_otherKey_invalid() throws Exception {
    JwsSigner signer = new JwsSigner(ec("secp256r1").getPrivate(), JwsAlgorithm.ES256);
    CompactJws jws = CompactJws.parse(signer.sign(signer.header(null), PAYLOAD), "t");
    assertFalse(JwsVerifier.verify(jws, ec("secp256r1").getPublic(), JwsAlgorithm.ES256));
  }

  @Test
  void verify_tamperedPayload_invalid() throws Exception {
    KeyPair kp = ec("secp256r1");
    JwsSigner signer = new JwsSigner(kp.getPrivate(), JwsAlgorithm.ES256);
    String forged = otherPayload(signer.sign(signer.header(null), PAYLOAD));
    assertFalse(
        JwsVerifier.verify(CompactJws.parse(forged, "t"), kp.getPublic(), JwsAlgorithm.ES256));
  }

  /** The compact JWS with its payload replaced and its header and signature kept. */
  private static String otherPayload(String compact) {
    String[] parts = compact.split("\\.");
    return parts[0]
        + "."
        + Base64Url.encode("{\"iss\":\"y\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + parts[2];
  }

  @Test
  void verify_allZeroSignature_invalid() throws Exception {
    // CVE-2022-21449 ("psychic signatures"): r = s = 0 must never verify.
    KeyPair kp = ec("secp256r1");
    JwsSigner signer = new JwsSigner(kp.getPrivate(), JwsAlgorithm.ES256);
    String[] parts = signer.sign(signer.header(null), PAYLOAD).split("\\.");
    String forged = parts[0] + "." + parts[1] + "." + Base64Url.encode(new byte[64]);
    assertFalse(
        JwsVerifier.verify(CompactJws.parse(forged, "t"), kp.getPublic(), JwsAlgorithm.ES256));
  }

  @Test
  void verify_keyOnOtherCurve_invalid() throws Exception {
    KeyPair kp = ec("secp384r1");
    JwsSigner signer = new JwsSigner(kp.getPrivate(), JwsAlgorithm.ES384);
    CompactJws jws = CompactJws.parse(signer.sign(signer.header(null), PAYLOAD), "t");
    assertTrue(JwsVerifier.verify(jws, kp.getPublic(), JwsAlgorithm.ES384));
    assertFalse(JwsVerifier.verify(jws, kp.getPublic(), JwsAlgorithm.ES256));
  }

  @Test
  void algorithmPolicy_default_acceptsOnlyEs256() {
    assertTrue(AlgorithmPolicy.DEFAULT.accept("ES256").isPresent());
    for (String alg : new String[] {"none", "HS256", "RS256", "ES384", "es256", "", null}) {
      assertFalse(AlgorithmPolicy.DEFAULT.accept(alg).isPresent(), String.valueOf(alg));
    }
  }

  @Test
  void parse_malformed_throwsParseException() {
    String h = Base64Url.encode("{\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8));
    String[] bad = {
      "",
      "abc",
      h + ".e30",
      h + ".e30.AA.AA",
      "!!!.e30.AA",
      Base64Url.encode("[1]".getBytes(StandardCharsets.UTF_8)) + ".e30.AA",
      Base64Url.encode("{}".getBytes(StandardCharsets.UTF_8)) + ".e30.AA",
      Base64Url.encode("{\"alg\":\"ES256\",\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
          + ".e30.AA",
      Base64Url.encode(
              "{\"alg\":\"ES256\",\"crit\":[\"x\"],\"x\":1}".getBytes(StandardCharsets.UTF_8))
          + ".e30.AA",
      h + ".e30.A=",
      "a".repeat(CompactJws.MAX_LENGTH + 1)
    };
    for (String b : bad) {
      assertThrows(
          JoseParseException.class,
          () -> CompactJws.parse(b, "t"),
          b.length() > 60 ? b.substring(0, 60) : b);
    }
  }
}
