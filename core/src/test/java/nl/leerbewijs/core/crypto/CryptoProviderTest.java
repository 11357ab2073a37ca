package nl.leerbewijs.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CryptoProviderTest {

  @Test
  void get_onLinuxX8664_prefersNativeProvider() {
    Assumptions.assumeTrue(
        System.getProperty("os.arch").equals("amd64")
            && CryptoProvider.accpAvailable()
            && System.getProperty(CryptoProvider.PROPERTY) == null);
    assertEquals(CryptoProvider.Kind.ACCP, CryptoProvider.kind());
  }

  @Test
  void get_whenForced_usesTheForcedProvider() {
    String forced = System.getProperty(CryptoProvider.PROPERTY);
    Assumptions.assumeTrue(forced != null && forced.equals("bc"));
    assertEquals(CryptoProvider.Kind.BOUNCY_CASTLE, CryptoProvider.kind());
  }

  @Test
  void get_neverReturnsSunEc() {
    assertNotEquals("SunEC", CryptoProvider.get().getName());
  }

  @Test
  void es256_signAndVerify_worksWithBothProviders() throws Exception {
    for (CryptoProvider.Kind kind : CryptoProvider.Kind.values()) {
      if (kind == CryptoProvider.Kind.ACCP && !CryptoProvider.accpAvailable()) {
        continue;
      }
      Provider p = CryptoProvider.of(kind);
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC", p);
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair kp = g.generateKeyPair();
      byte[] msg = "leerbewijs".getBytes(StandardCharsets.US_ASCII);
      Signature s = Signature.getInstance("SHA256withECDSA", p);
      s.initSign(kp.getPrivate());
      s.update(msg);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance("SHA256withECDSA", p);
      v.initVerify(kp.getPublic());
      v.update(msg);
      assertTrue(v.verify(sig), kind + " verifies its own signature");
    }
  }

  @Test
  void sha256_isTheJdks_andHashesCorrectly() {
    java.security.MessageDigest d = CryptoProvider.sha256();
    assertEquals("SUN", d.getProvider().getName());
    // FIPS 180-2 appendix B.1: SHA-256("abc").
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        java.util.HexFormat.of().formatHex(d.digest("abc".getBytes(StandardCharsets.US_ASCII))));
  }

  @Test
  void secureRandom_followsTheChosenProvider_andNeverRepeats() {
    java.security.SecureRandom r = CryptoProvider.secureRandom();
    if (CryptoProvider.kind() == CryptoProvider.Kind.ACCP) {
      assertEquals(CryptoProvider.get().getName(), r.getProvider().getName());
    } else {
      assertEquals("DRBG", r.getAlgorithm());
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    byte[] b = new byte[16];
    for (int i = 0; i < 10_000; i++) {
      r.nextBytes(b);
      assertTrue(seen.add(java.util.HexFormat.of().formatHex(b)), "a 128-bit value repeated");
    }
  }
}
