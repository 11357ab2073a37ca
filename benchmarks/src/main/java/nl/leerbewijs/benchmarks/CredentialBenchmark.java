package nl.leerbewijs.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.issuance.CredentialIssuer;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.core.schema.CredentialValidator;
import nl.leerbewijs.core.status.StatusList;
import nl.leerbewijs.core.vc.StatusReference;
import nl.leerbewijs.core.verify.TrustedStatusSource;
import nl.leerbewijs.core.verify.Verdict;
import nl.leerbewijs.core.verify.VerificationEngine;
import nl.leerbewijs.core.verify.VerificationReport;
import nl.leerbewijs.keys.example.ExampleCredentials;
import nl.leerbewijs.keys.example.ExampleCredentials.Example;
import nl.leerbewijs.keys.example.ExampleKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * SD-JWT VC issuance and full verification next to the raw ES256 operation with the same provider
 * and the same key, in one run, so the ratios survive a noisy machine.
 *
 * <p>The raw operations sign and verify the actual signing input of the example credential (the
 * same bytes the JWS signature covers), so hashing cost is comparable. "Full verification" is the
 * engine with everything but the network: trust list lookup, signature, digests, key binding,
 * validity, schema and domain rules, and a status list lookup served from the engine's cache.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CredentialBenchmark {

  private ExampleKeys.School school;
  private byte[] signingInput;
  private byte[] derSignature;
  private Signature rawSigner;
  private Signature rawVerifier;
  private CredentialIssuer issuer;
  private ObjectNode claims;
  private ECPublicKey holderPublic;
  private StatusReference status;
  private VerificationEngine engine;
  private String presentationWithoutKeyBinding;
  private String presentationWithKeyBinding;

  @Setup
  public void setUp() throws Exception {
    Clock clock = Clock.systemUTC();
    Example example = Example.MICROCREDENTIAL;
    school = ExampleKeys.school(example.school());
    KeyPair holder = EcKeys.generateP256();
    holderPublic = (ECPublicKey) holder.getPublic();
    issuer = ExampleCredentials.issuer(example.school(), clock);
    claims = CredentialIssuer.prepare(new CredentialValidator(), example.type(), example.award());
    status =
        new StatusReference(
            ExampleCredentials.STATUS_INDEX, ExampleCredentials.statusListUri(example.school()));

    String credential = ExampleCredentials.issue(example, holderPublic, clock);
    String jwt = credential.substring(0, credential.indexOf('~'));
    signingInput = jwt.substring(0, jwt.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);

    rawSigner = Signature.getInstance("SHA256withECDSA", CryptoProvider.get());
    rawSigner.initSign(school.privateKey());
    rawSigner.update(signingInput);
    derSignature = rawSigner.sign();
    rawVerifier = Signature.getInstance("SHA256withECDSA", CryptoProvider.get());

    StatusList list = new StatusList(131_072, 2);
    String statusToken = ExampleCredentials.statusListToken(example.school(), list, clock);
    engine =
        VerificationEngine.builder(ExampleKeys.trustList())
            .clock(clock)
            .maxKeyBindingAge(Duration.ofDays(1))
            .statusSource(TrustedStatusSource.builder(uri -> statusToken).clock(clock).build())
            .build();
    presentationWithoutKeyBinding = ExampleCredentials.present(credential, null, null, null, null);
    presentationWithKeyBinding =
        ExampleCredentials.present(
            credential, holder, "https://werkgever.example", "n-1", Instant.now());
    for (String p : new String[] {presentationWithoutKeyBinding, presentationWithKeyBinding}) {
      VerificationReport r = engine.verify(p);
      if (r.verdict() != Verdict.VALID) {
        throw new IllegalStateException("benchmark presentation does not verify: " + r.toJson());
      }
    }
  }

  @Benchmark
  public byte[] rawEs256Sign() throws Exception {
    rawSigner.update(signingInput);
    return rawSigner.sign();
  }

  @Benchmark
  public boolean rawEs256Verify() throws Exception {
    rawVerifier.initVerify(school.publicKey());
    rawVerifier.update(signingInput);
    return rawVerifier.verify(derSignature);
  }

  @Benchmark
  public String issueSdJwtVc() {
    return issuer.issue(CredentialType.MICROCREDENTIAL, claims, holderPublic, status, null);
  }

  @Benchmark
  public VerificationReport verifyWithoutKeyBinding() {
    return engine.verify(presentationWithoutKeyBinding);
  }

  @Benchmark
  public VerificationReport verifyWithKeyBinding() {
    return engine.verify(presentationWithKeyBinding);
  }
}
