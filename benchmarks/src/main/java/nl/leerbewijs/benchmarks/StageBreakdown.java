package nl.leerbewijs.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.*;
import java.security.interfaces.*;
import java.time.*;
import java.util.*;
import nl.leerbewijs.core.credential.*;
import nl.leerbewijs.core.issuance.*;
import nl.leerbewijs.core.keys.*;
import nl.leerbewijs.core.schema.*;
import nl.leerbewijs.core.sdjwt.*;
import nl.leerbewijs.core.status.*;
import nl.leerbewijs.core.vc.*;
import nl.leerbewijs.core.verify.*;
import nl.leerbewijs.keys.example.*;
import nl.leerbewijs.keys.example.ExampleCredentials.Example;

/**
 * Per-stage timings (microseconds per call, one thread) to explain the JMH ratios; a developer
 * tool, not a benchmark.
 */
public final class StageBreakdown {
  private StageBreakdown() {}

  interface Op {
    Object run() throws Exception;
  }

  /** Warms up, then reports the fastest of ten rounds (the least disturbed by other processes). */
  static void time(String name, int n, Op op) throws Exception {
    for (int i = 0; i < n; i++) op.run();
    int rounds = 10;
    int per = Math.max(1, n / rounds);
    double best = Double.MAX_VALUE;
    for (int r = 0; r < rounds; r++) {
      long t = System.nanoTime();
      for (int i = 0; i < per; i++) op.run();
      best = Math.min(best, (System.nanoTime() - t) / 1000.0 / per);
    }
    System.out.printf("%-40s %8.2f us%n", name, best);
  }

  public static void main(String[] a) throws Exception {
    Clock clock = Clock.systemUTC();
    KeyPair holder = EcKeys.generateP256();
    Example ex = Example.MICROCREDENTIAL;
    var school = ExampleKeys.school(ex.school());
    String cred = ExampleCredentials.issue(ex, (ECPublicKey) holder.getPublic(), clock);
    String pres = ExampleCredentials.present(cred, null, null, null, null);
    String presKb = ExampleCredentials.present(cred, holder, "aud", "n", Instant.now());
    CredentialValidator val = new CredentialValidator();
    ObjectNode claims = CredentialIssuer.prepare(val, ex.type(), ex.award());
    var issuer = ExampleCredentials.issuer(ex.school(), clock);
    var status = new StatusReference(1, ExampleCredentials.statusListUri(ex.school()));
    String token =
        ExampleCredentials.statusListToken(ex.school(), new StatusList(131072, 2), clock);
    var engine =
        VerificationEngine.builder(ExampleKeys.trustList())
            .clock(clock)
            .maxKeyBindingAge(Duration.ofDays(1))
            .statusSource(TrustedStatusSource.builder(u -> token).clock(clock).build())
            .build();
    var nostatus =
        VerificationEngine.builder(ExampleKeys.trustList())
            .clock(clock)
            .maxKeyBindingAge(Duration.ofDays(1))
            .build();
    SdJwt parsed = SdJwt.parse(pres);
    var vcv = SdJwtVcVerifier.builder().clock(clock).keyBindingRequired(false).build();
    var verified = vcv.verify(parsed, school.publicKey()).verified();
    int n = 20000;
    System.out.println(
        "presentation chars: "
            + pres.length()
            + " / "
            + presKb.length()
            + " disclosures "
            + parsed.disclosures().size());
    time(
        "issue",
        n,
        () -> issuer.issue(ex.type(), claims, (ECPublicKey) holder.getPublic(), status, null));
    var sdi =
        SdJwtIssuer.builder(
                new nl.leerbewijs.core.jose.JwsSigner(
                    school.privateKey(), nl.leerbewijs.core.jose.JwsAlgorithm.ES256))
            .build();
    var paths = CredentialIssuer.selectivelyDisclosablePaths(ex.type());
    time("sdjwt encode (no sign)", n, () -> sdi.encode(claims, paths));
    var plan = DisclosurePlan.of(paths);
    time("sdjwt encode plan (no sign)", n, () -> sdi.encode(claims, plan));
    var salts = SaltSource.secure();
    time("salt", n * 10, () -> salts.nextSalt());
    time("engine.verify (status cached)", n, () -> engine.verify(pres));
    time("engine.verify KB", n, () -> engine.verify(presKb));
    time("engine no status", n, () -> nostatus.verify(pres));
    time("SdJwt.parse", n, () -> SdJwt.parse(pres));
    time("vc verify", n, () -> vcv.verify(parsed, school.publicKey()));
    time(
        "schema validate DISCLOSED",
        n,
        () -> val.validate(ex.type(), verified.claims(), ValidationMode.DISCLOSED));
    ObjectNode disclosedClaims = verified.claims();
    time("claims deepCopy", n, () -> disclosedClaims.deepCopy());
    time("issuer payload deepCopy", n, () -> parsed.issuerPayload());
    var tl = ExampleKeys.trustList();
    time("resolve", n, () -> tl.resolve(school.issuerId(), school.kid(), List.of(), Instant.now()));
    var sig =
        java.security.Signature.getInstance(
            "SHA256withECDSA", nl.leerbewijs.core.crypto.CryptoProvider.get());
    byte[] msg = pres.substring(0, pres.indexOf('~')).getBytes();
    sig.initSign(school.privateKey());
    sig.update(msg);
    byte[] s = sig.sign();
    time(
        "raw verify",
        n,
        () -> {
          sig.initVerify(school.publicKey());
          sig.update(msg);
          return sig.verify(s);
        });
    time(
        "raw sign",
        n,
        () -> {
          sig.initSign(school.privateKey());
          sig.update(msg);
          return sig.sign();
        });
  }
}
