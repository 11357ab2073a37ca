package nl.leerbewijs.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import nl.leerbewijs.core.issuance.CredentialIssuer;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.core.schema.CredentialValidator;
import nl.leerbewijs.core.status.StatusList;
import nl.leerbewijs.core.vc.StatusReference;
import nl.leerbewijs.core.verify.TrustedStatusSource;
import nl.leerbewijs.core.verify.VerificationEngine;
import nl.leerbewijs.keys.example.ExampleCredentials;
import nl.leerbewijs.keys.example.ExampleCredentials.Example;

/**
 * Runs one operation in a loop for a number of seconds, for a profiler (JFR) to sample; a developer
 * tool. Arguments: {@code issue|verify|verify-kb [seconds]}.
 */
public final class ProfileLoop {
  private ProfileLoop() {}

  public static void main(String[] a) throws Exception {
    String op = a.length > 0 ? a[0] : "verify";
    int seconds = a.length > 1 ? Integer.parseInt(a[1]) : 20;
    Clock clock = Clock.systemUTC();
    KeyPair holder = EcKeys.generateP256();
    ECPublicKey holderPublic = (ECPublicKey) holder.getPublic();
    Example ex = Example.MICROCREDENTIAL;
    String cred = ExampleCredentials.issue(ex, holderPublic, clock);
    String pres = ExampleCredentials.present(cred, null, null, null, null);
    String presKb = ExampleCredentials.present(cred, holder, "aud", "n", Instant.now());
    ObjectNode claims = CredentialIssuer.prepare(new CredentialValidator(), ex.type(), ex.award());
    CredentialIssuer issuer = ExampleCredentials.issuer(ex.school(), clock);
    StatusReference status = new StatusReference(1, ExampleCredentials.statusListUri(ex.school()));
    String token =
        ExampleCredentials.statusListToken(ex.school(), new StatusList(131072, 2), clock);
    VerificationEngine engine =
        VerificationEngine.builder(nl.leerbewijs.keys.example.ExampleKeys.trustList())
            .clock(clock)
            .maxKeyBindingAge(Duration.ofDays(1))
            .statusSource(TrustedStatusSource.builder(u -> token).clock(clock).build())
            .build();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long n = 0;
    long t0 = System.nanoTime();
    Object sink = null;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 1000; i++) {
        switch (op) {
          case "issue":
            sink = issuer.issue(ex.type(), claims, holderPublic, status, null);
            break;
          case "verify-kb":
            sink = engine.verify(presKb);
            break;
          default:
            sink = engine.verify(pres);
        }
      }
      n += 1000;
    }
    System.out.printf(
        "%s: %.2f us/op (%s)%n", op, (System.nanoTime() - t0) / 1000.0 / n, sink.hashCode() != 0);
  }
}
