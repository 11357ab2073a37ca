package nl.leerbewijs.core.trust;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.keys.KeyFormatException;
import nl.leerbewijs.core.keys.KeyLoader;

/**
 * Validates an {@code x5c} chain for one trusted issuer: RFC 5280 path validation (BouncyCastle's
 * PKIX) to one of that issuer's anchors at a given instant, then the leaf rules: EC P-256 key,
 * {@code digitalSignature} key usage when key usage is present, and a subjectAltName URI equal to
 * the issuer id.
 */
final class X509ChainValidator {

  private static final int SAN_URI = 6;

  private X509ChainValidator() {}

  static KeyResolution validate(
      TrustedIssuer issuer, List<String> x5c, Instant at, Collection<X509CRL> crls) {
    String iss = issuer.id();
    List<X509Certificate> chain;
    try {
      chain = KeyLoader.certificatesFromX5c(x5c);
    } catch (KeyFormatException e) {
      return new KeyResolution.UntrustedChain(iss, e.getMessage());
    }
    List<X509Certificate> path = new ArrayList<>(chain);
    while (path.size() > 1 && isAnchor(issuer, path.get(path.size() - 1))) {
      path.remove(path.size() - 1); // an anchor sent along is not part of the path
    }
    if (isAnchor(issuer, path.get(0))) {
      return new KeyResolution.UntrustedChain(iss, "the leaf certificate is a trust anchor itself");
    }
    Provider bc = CryptoProvider.of(CryptoProvider.Kind.BOUNCY_CASTLE);
    try {
      CertPath certPath = CertificateFactory.getInstance("X.509", bc).generateCertPath(path);
      Set<TrustAnchor> anchors = new HashSet<>();
      for (X509Certificate a : issuer.trustAnchors()) {
        anchors.add(new TrustAnchor(a, null));
      }
      PKIXParameters params = new PKIXParameters(anchors);
      params.setDate(Date.from(at));
      params.setRevocationEnabled(!crls.isEmpty());
      if (!crls.isEmpty()) {
        params.addCertStore(
            CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls), bc));
      }
      CertPathValidator.getInstance("PKIX", bc).validate(certPath, params);
    } catch (CertPathValidatorException e) {
      String where = e.getIndex() >= 0 ? " at certificate " + e.getIndex() : "";
      return new KeyResolution.UntrustedChain(
          iss, "the x5c chain does not validate" + where + ": " + e.getMessage());
    } catch (GeneralSecurityException | RuntimeException e) {
      return new KeyResolution.UntrustedChain(
          iss, "the x5c chain cannot be validated (" + e.getClass().getSimpleName() + ")");
    }
    X509Certificate leaf = path.get(0);
    ECPublicKey key;
    try {
      key = KeyLoader.publicKeyFromCertificate(leaf);
    } catch (KeyFormatException e) {
      return new KeyResolution.UntrustedChain(iss, "leaf certificate key: " + e.getMessage());
    }
    boolean[] usage = leaf.getKeyUsage();
    if (usage != null && !usage[0]) {
      return new KeyResolution.UntrustedChain(
          iss, "leaf certificate key usage does not include digitalSignature");
    }
    if (!namesIssuer(leaf, iss)) {
      return new KeyResolution.UntrustedChain(
          iss, "leaf certificate has no subjectAltName URI equal to the issuer id " + iss);
    }
    return new KeyResolution.Trusted(key, issuer, KeyResolution.Trusted.VIA_X509);
  }

  private static boolean isAnchor(TrustedIssuer issuer, X509Certificate c) {
    for (X509Certificate a : issuer.trustAnchors()) {
      try {
        if (Arrays.equals(a.getEncoded(), c.getEncoded())) {
          return true;
        }
      } catch (GeneralSecurityException e) {
        return false;
      }
    }
    return false;
  }

  private static boolean namesIssuer(X509Certificate leaf, String iss) {
    try {
      Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
      if (sans == null) {
        return false;
      }
      for (List<?> san : sans) {
        if (san.size() >= 2
            && san.get(0) instanceof Integer type
            && type == SAN_URI
            && iss.equals(san.get(1))) {
          return true;
        }
      }
      return false;
    } catch (CertificateParsingException e) {
      return false;
    }
  }
}
