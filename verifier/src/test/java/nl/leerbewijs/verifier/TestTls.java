package nl.leerbewijs.verifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import nl.leerbewijs.core.keys.TestPki;

/**
 * Test-only https certificates for the verifier: a CA of its own, server certificates for a host
 * name (and 127.0.0.1) written as certbot writes them, and a client context that trusts only that
 * CA. Never for production.
 */
public final class TestTls {

  public final KeyPair caKeys = TestPki.p256();
  public final X509Certificate ca =
      TestPki.ca(
          "leerbewijs test TLS CA",
          caKeys,
          Instant.now().minus(Duration.ofDays(1)),
          Instant.now().plus(Duration.ofDays(3650)));

  /** A server certificate for {@code host} and 127.0.0.1, valid from five minutes ago. */
  public X509Certificate serverCert(KeyPair key, String host, Duration validFor) {
    return TestPki.serverLeaf(
        ca,
        caKeys.getPrivate(),
        key.getPublic(),
        host,
        Instant.now().minus(Duration.ofMinutes(5)),
        Instant.now().plus(validFor));
  }

  /**
   * Writes a certificate for {@code key} (the chain: it, then the CA) and the key, each file
   * replaced in one step. EC keys as PKCS#8 (as certbot writes them), RSA keys as PKCS#1 to cover
   * that form too.
   */
  public X509Certificate writePair(
      Path certFile, Path keyFile, KeyPair key, String host, Duration validFor) throws IOException {
    X509Certificate cert = serverCert(key, host, validFor);
    replace(certFile, TestPki.pem(cert) + TestPki.pem(ca));
    replace(
        keyFile,
        key.getPrivate().getAlgorithm().equals("RSA")
            ? TestPki.pem(key)
            : TestPki.pkcs8Pem(key.getPrivate()));
    return cert;
  }

  /** Replaces a file in one step (as renewal tools do), with a new modification time. */
  public static void replace(Path file, String text) throws IOException {
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "next", ".pem");
    Files.writeString(tmp, text);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** A client context that trusts only this CA. */
  public SSLContext clientContext() {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setCertificateEntry("root", ca);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Base64 SHA-256 of the certificate's public key, as Chromium's SPKI allow-list takes it. */
  public static String spki(X509Certificate cert) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(cert.getPublicKey().getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
