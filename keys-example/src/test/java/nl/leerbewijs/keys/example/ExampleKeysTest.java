package nl.leerbewijs.keys.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.core.trust.KeyResolution;
import nl.leerbewijs.core.trust.TrustList;
import nl.leerbewijs.core.trust.TrustedIssuer;
import org.junit.jupiter.api.Test;

/** The committed DEVELOPMENT ONLY material loads, chains to the CA, and the trust list parses. */
class ExampleKeysTest {

  private static final Instant NOW = Instant.now();

  @Test
  void trustList_parsesAndListsBothTrustedSchools() {
    TrustList list = ExampleKeys.trustList();
    assertEquals(2, list.issuers().size());
    for (String name : ExampleKeys.trustedSchoolNames()) {
      ExampleKeys.School school = ExampleKeys.school(name);
      TrustedIssuer issuer = list.issuer(school.issuerId()).orElseThrow();
      assertEquals(school.kid(), issuer.pinnedKeys().get(0).kid());
      assertEquals(List.of(ExampleKeys.rootCaCertificate()), issuer.trustAnchors());
    }
    assertTrue(
        list.allowsType(
            ExampleKeys.school(ExampleKeys.ROC_VOORBEELD).issuerId(), "mbo-certificaat"));
    assertTrue(
        list.allowsType(
            ExampleKeys.school(ExampleKeys.HS_VOORBEELD).issuerId(), "microcredential"));
  }

  @Test
  void schools_privateKeySignsForThePublishedKey() throws Exception {
    for (String name :
        List.of(
            ExampleKeys.ROC_VOORBEELD, ExampleKeys.HS_VOORBEELD, ExampleKeys.UNTRUSTED_SCHOOL)) {
      ExampleKeys.School school = ExampleKeys.school(name);
      assertEquals(EcKeys.thumbprint(school.publicKey()), school.kid());
      assertTrue(
          EcKeys.samePublicKey(
              school.publicKey(), EcKeys.fromPublicJwkJson(school.publicJwkJson())));
      byte[] msg = "leerbewijs".getBytes(StandardCharsets.US_ASCII);
      Signature s = Signature.getInstance("SHA256withECDSA", CryptoProvider.get());
      s.initSign(school.privateKey());
      s.update(msg);
      Signature v = Signature.getInstance("SHA256withECDSA", CryptoProvider.get());
      v.initVerify(school.publicKey());
      v.update(msg);
      assertTrue(v.verify(s.sign()), name);
    }
  }

  @Test
  void trustedSchools_resolveViaPinnedKidAndViaX5cChain() {
    TrustList list = ExampleKeys.trustList();
    for (String name : ExampleKeys.trustedSchoolNames()) {
      ExampleKeys.School school = ExampleKeys.school(name);
      KeyResolution pinned = list.resolve(school.issuerId(), school.kid(), List.of(), NOW);
      assertEquals(
          KeyResolution.Trusted.VIA_PINNED_JWK,
          assertInstanceOf(KeyResolution.Trusted.class, pinned).via());
      KeyResolution x509 = list.resolve(school.issuerId(), null, school.x5c(), NOW);
      KeyResolution.Trusted t =
          assertInstanceOf(KeyResolution.Trusted.class, x509, x509.toString());
      assertEquals(KeyResolution.Trusted.VIA_X509, t.via());
      assertTrue(EcKeys.samePublicKey(school.publicKey(), t.key()));
    }
  }

  @Test
  void certificates_chainToTheRootCaAndNameTheIssuer() throws Exception {
    X509Certificate root = ExampleKeys.rootCaCertificate();
    root.verify(root.getPublicKey());
    assertTrue(
        EcKeys.samePublicKey(
            (java.security.interfaces.ECPublicKey) root.getPublicKey(),
            EcKeys.publicKeyOf(ExampleKeys.rootCaPrivateKey())));
    for (String name : ExampleKeys.trustedSchoolNames()) {
      ExampleKeys.School school = ExampleKeys.school(name);
      X509Certificate leaf = school.certificateChain().get(0);
      assertEquals(root, school.certificateChain().get(1));
      leaf.verify(root.getPublicKey());
      assertTrue(leaf.getSubjectX500Principal().getName().contains("DEVELOPMENT ONLY"));
      assertTrue(
          leaf.getSubjectAlternativeNames().stream()
              .anyMatch(san -> san.get(1).equals(school.issuerId())));
    }
  }

  @Test
  void untrustedSchool_isNotInTheTrustList() {
    ExampleKeys.School untrusted = ExampleKeys.untrusted();
    TrustList list = ExampleKeys.trustList();
    assertEquals(
        "unknown-issuer",
        list.resolve(untrusted.issuerId(), untrusted.kid(), untrusted.x5c(), NOW).code());
    assertFalse(list.issuer(untrusted.issuerId()).isPresent());
    assertEquals(ExampleKeys.untrustedCaCertificate(), untrusted.certificateChain().get(1));
    // its chain does not build to the trusted root either, even when it claims a trusted id
    String rocId = ExampleKeys.school(ExampleKeys.ROC_VOORBEELD).issuerId();
    assertEquals("untrusted-chain", list.resolve(rocId, null, untrusted.x5c(), NOW).code());
  }

  @Test
  void trustListJsonWithIssuerIds_rewritesIdsForLocalServers() {
    String local = "http://127.0.0.1:41234/t/roc-voorbeeld";
    TrustList list =
        TrustList.parse(
            ExampleKeys.trustListJsonWithIssuerIds(Map.of(ExampleKeys.ROC_VOORBEELD, local))
                .getBytes(StandardCharsets.UTF_8));
    ExampleKeys.School roc = ExampleKeys.school(ExampleKeys.ROC_VOORBEELD);
    assertEquals("trusted", list.resolve(local, roc.kid(), List.of(), NOW).code());
    assertTrue(list.statusListUriAllowed(local, local + "/status/1"));
  }

  @Test
  void school_unknownName_refused() {
    assertThrows(IllegalArgumentException.class, () -> ExampleKeys.school("roc-echt"));
  }
}
