package nl.leerbewijs.keys.example;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.issuance.AwardRejectedException;
import nl.leerbewijs.core.issuance.CredentialIssuer;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.core.qr.QrImage;
import nl.leerbewijs.core.qr.QrImages;
import nl.leerbewijs.core.qr.QrPayloadCodec;
import nl.leerbewijs.core.schema.CredentialValidator;
import nl.leerbewijs.core.schema.Violation;
import nl.leerbewijs.core.status.Status;
import nl.leerbewijs.core.status.StatusList;
import nl.leerbewijs.core.verify.CheckResult;
import nl.leerbewijs.core.verify.TrustedStatusSource;
import nl.leerbewijs.core.verify.VerificationEngine;
import nl.leerbewijs.core.verify.VerificationReport;
import nl.leerbewijs.keys.example.ExampleCredentials.Example;

/**
 * DEVELOPMENT ONLY: the whole credential life cycle in one process, with the example keys. A school
 * awards a microcredential, the learner presents name and skills as a QR code, an employer scans
 * the QR image and verifies it; then the school revokes it and the employer sees that.
 *
 * <p>Usage: {@code Demo [output-dir]} (default {@code target/demo}).
 */
public final class Demo {

  private Demo() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "target/demo");
    Files.createDirectories(out);
    PrintStream p = System.out;
    Clock clock = Clock.systemUTC();
    Example example = Example.MICROCREDENTIAL;
    ExampleKeys.School school = ExampleKeys.school(example.school());
    p.println("leerbewijs demo (DEVELOPMENT keys; crypto provider: " + CryptoProvider.kind() + ")");

    step(p, 1, "The school submits an award; a broken one is refused with every violation named");
    ObjectNode broken = example.award();
    broken.put("ects", 45);
    broken.with("institution").remove("brin");
    try {
      CredentialIssuer.prepare(new CredentialValidator(), example.type(), broken);
    } catch (AwardRejectedException e) {
      for (Violation v : e.violations()) {
        p.println("   refused: " + v.pointer() + "  " + v.code() + "  " + v.message());
      }
    }
    ObjectNode claims =
        CredentialIssuer.prepare(new CredentialValidator(), example.type(), example.award());
    p.println(
        "   accepted: "
            + claims.at("/title/nl").asText()
            + ", NLQF "
            + claims.get("nlqf").asText()
            + " (EQF "
            + claims.get("eqf").asInt()
            + " derived), "
            + claims.get("ects")
            + " ECTS");

    step(p, 2, "The learner's wallet receives an SD-JWT VC bound to its key");
    KeyPair holder = EcKeys.generateP256();
    String credential = ExampleCredentials.issue(example, (ECPublicKey) holder.getPublic(), clock);
    p.println(
        "   issued by "
            + school.displayName()
            + " ("
            + school.issuerId()
            + "), "
            + credential.length()
            + " characters, signed with kid "
            + school.kid());

    step(p, 3, "The learner shows name and skills (not birth date, student number, description)");
    String presentation =
        ExampleCredentials.present(
            credential, holder, "https://werkgever.example", "demo", Instant.now());
    String qrText = QrPayloadCodec.encode(presentation);
    QrImage qr = QrImages.render(qrText, 4);
    Path png = out.resolve("presentation-qr.png");
    Files.write(png, QrImages.png(qr.image()));
    p.println(
        "   presentation "
            + presentation.length()
            + " characters -> QR text "
            + qrText.length()
            + " characters -> QR version "
            + qr.version()
            + " at level M: "
            + png);

    step(p, 4, "The employer scans the QR code and verifies it");
    String scanned = QrImages.read(Files.readAllBytes(png));
    StatusList statusList = new StatusList(131_072, 2);
    VerificationEngine engine =
        VerificationEngine.builder(ExampleKeys.trustList())
            .clock(clock)
            .statusSource(
                TrustedStatusSource.builder(
                        uri ->
                            ExampleCredentials.statusListToken(example.school(), statusList, clock))
                    .clock(clock)
                    .defaultTtl(Duration.ofSeconds(1))
                    .maxTtl(Duration.ofSeconds(1))
                    .build())
            .build();
    VerificationReport report = engine.verify(scanned);
    print(p, report);
    ObjectNode disclosed = report.credential().orElseThrow().claims();
    p.println(
        "   shows: "
            + disclosed.at("/learner/given_name").asText()
            + " "
            + disclosed.at("/learner/family_name").asText()
            + ", "
            + disclosed.at("/title/nl").asText()
            + ", "
            + disclosed.get("skills").size()
            + " skills; hidden claims: "
            + report.credential().get().undisclosedCount());
    Files.writeString(
        out.resolve("report-valid.json"), report.toJson().toPrettyString(), StandardCharsets.UTF_8);

    step(p, 5, "The school revokes the credential; the next scan shows it");
    statusList.set((int) ExampleCredentials.STATUS_INDEX, Status.INVALID);
    Thread.sleep(1100); // let the verifier's cached status list expire (its ttl is 1 s here)
    print(p, engine.verify(scanned));
    p.println();
    p.println("Done. Files in " + out.toAbsolutePath());
  }

  private static void step(PrintStream p, int n, String what) {
    p.println();
    p.println(n + ". " + what);
  }

  private static void print(PrintStream p, VerificationReport r) {
    p.println("   verdict: " + r.verdict().id().toUpperCase(java.util.Locale.ROOT));
    for (CheckResult c : r.checks()) {
      p.printf("     %-15s %-8s %s%n", c.check().id(), c.outcome().id(), c.message());
    }
  }
}
