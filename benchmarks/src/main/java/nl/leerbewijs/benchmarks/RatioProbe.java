package nl.leerbewijs.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.issuance.CredentialIssuer;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.core.schema.CredentialValidator;
import nl.leerbewijs.core.status.StatusList;
import nl.leerbewijs.core.vc.StatusReference;
import nl.leerbewijs.core.verify.TrustedStatusSource;
import nl.leerbewijs.core.verify.VerificationEngine;
import nl.leerbewijs.keys.example.ExampleCredentials;
import nl.leerbewijs.keys.example.ExampleCredentials.Example;
import nl.leerbewijs.keys.example.ExampleKeys;

/**
 * Ratios of issuance and verification to the raw ES256 operation, measured by alternating short
 * batches of both, so that other processes on a busy machine slow both alike; reports the median of
 * the per-pair ratios. A developer tool next to the JMH benchmark, not a replacement.
 */
public final class RatioProbe {
  private RatioProbe() {}

  interface Op {
    Object run() throws Exception;
  }

  static long sink;

  static double batch(Op op, int n) throws Exception {
    long t = System.nanoTime();
    for (int i = 0; i < n; i++) {
      sink += op.run().hashCode();
    }
    return (System.nanoTime() - t) / 1000.0 / n;
  }

  static void probe(String name, Op op, Op raw, int pairs) throws Exception {
    for (int i = 0; i < 3000; i++) {
      op.run();
      raw.run();
    }
    double[] ratio = new double[pairs];
    double[] opUs = new double[pairs];
    double[] rawUs = new double[pairs];
    for (int i = 0; i < pairs; i++) {
      rawUs[i] = batch(raw, 50);
      opUs[i] = batch(op, 50);
      ratio[i] = rawUs[i] / opUs[i];
    }
    Arrays.sort(ratio);
    Arrays.sort(opUs);
    Arrays.sort(rawUs);
    // Preemption only ever adds time, so the fastest batches are the least disturbed.
    System.out.printf(
        "%-24s fastest: op %.1f us, raw %.1f us, ratio %.3f | medians: op %.1f, raw %.1f, ratio %.3f%n",
        name,
        opUs[0],
        rawUs[0],
        rawUs[0] / opUs[0],
        opUs[pairs / 2],
        rawUs[pairs / 2],
        ratio[pairs / 2]);
  }

  public static void main(String[] a) throws Exception {
    int pairs = a.length > 0 ? Integer.parseInt(a[0]) : 200;
    Clock clock = Clock.systemUTC();
    Example ex = Example.MICROCREDENTIAL;
    ExampleKeys.School school = ExampleKeys.school(ex.school());
    KeyPair holder = EcKeys.generateP256();
    ECPublicKey holderPublic = (ECPublicKey) holder.getPublic();
    CredentialIssuer issuer = ExampleCredentials.issuer(ex.school(), clock);
    ObjectNode claims = CredentialIssuer.prepare(new CredentialValidator(), ex.type(), ex.award());
    StatusReference status =
        new StatusReference(
            ExampleCredentials.STATUS_INDEX, ExampleCredentials.statusListUri(ex.school()));
    String credential = ExampleCredentials.issue(ex, holderPublic, clock);
    String jwt = credential.substring(0, credential.indexOf('~'));
    byte[] input = jwt.substring(0, jwt.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance("SHA256withECDSA", CryptoProvider.get());
    signer.initSign(school.privateKey());
    signer.update(input);
    byte[] der = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA", CryptoProvider.get());
    String token =
        ExampleCredentials.statusListToken(ex.school(), new StatusList(131_072, 2), clock);
    VerificationEngine engine =
        VerificationEngine.builder(ExampleKeys.trustList())
            .clock(clock)
            .maxKeyBindingAge(Duration.ofDays(1))
            .statusSource(TrustedStatusSource.builder(uri -> token).clock(clock).build())
            .build();
    String plain = ExampleCredentials.present(credential, null, null, null, null);
    String bound =
        ExampleCredentials.present(
            credential, holder, "https://werkgever.example", "n-1", Instant.now());
    Op rawSign =
        () -> {
          signer.update(input);
          return signer.sign();
        };
    Op rawVerify =
        () -> {
          verifier.initVerify(school.publicKey());
          verifier.update(input);
          return verifier.verify(der);
        };
    System.out.println("provider " + CryptoProvider.get().getName());
    probe(
        "issuance / raw sign",
        () -> issuer.issue(ex.type(), claims, holderPublic, status, null),
        rawSign,
        pairs);
    probe("verify / raw verify", () -> engine.verify(plain), rawVerify, pairs);
    probe("verify KB / raw verify", () -> engine.verify(bound), rawVerify, pairs);
  }
}
