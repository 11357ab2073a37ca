package nl.leerbewijs.verifier.cli;

import java.util.Locale;
import java.util.stream.Collectors;
import nl.leerbewijs.core.credential.CredentialClaims;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.core.credential.NlqfLevel;
import nl.leerbewijs.core.credential.TypeMetadata;
import nl.leerbewijs.core.verify.CheckResult;
import nl.leerbewijs.core.verify.DisclosedCredential;
import nl.leerbewijs.core.verify.VerificationReport;

/** The text form of a report: one line per check, what the credential says, then the verdict. */
public final class ReportText {
  private ReportText() {}

  public static String format(VerificationReport report) {
    StringBuilder sb = new StringBuilder();
    for (CheckResult c : report.checks()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-7s %-15s %-32s %s%n",
              c.outcome().id().toUpperCase(Locale.ROOT),
              c.check().id(),
              c.code(),
              c.message()));
    }
    report.credential().ifPresent(d -> credential(sb, d));
    sb.append("verdict: ")
        .append(report.verdict().name())
        .append(" (")
        .append(report.verdict().severity().name().toLowerCase(Locale.ROOT))
        .append(")")
        .append(System.lineSeparator());
    return sb.toString();
  }

  private static void credential(StringBuilder sb, DisclosedCredential d) {
    String nl = System.lineSeparator();
    sb.append(nl);
    String typeName =
        CredentialType.fromVct(d.vct())
            .flatMap(t -> TypeMetadata.forType(t).displayName("en-US"))
            .orElse(d.vct());
    sb.append("credential: ").append(typeName).append(nl);
    CredentialType.fromVct(d.vct())
        .map(t -> CredentialClaims.of(t, d.claims()))
        .ifPresent(
            c -> {
              c.title(Locale.forLanguageTag("nl"))
                  .ifPresent(t -> sb.append("  title:       ").append(t).append(nl));
              c.learnerName().ifPresent(n -> sb.append("  learner:     ").append(n).append(nl));
              c.institutionName().ifPresent(n -> sb.append("  institution: ").append(n).append(nl));
              c.nlqf()
                  .map(NlqfLevel::claimValue)
                  .ifPresent(n -> sb.append("  NLQF level:  ").append(n).append(nl));
              c.eqf().ifPresent(n -> sb.append("  EQF level:   ").append(n).append(nl));
              c.ects()
                  .ifPresent(
                      n -> sb.append("  ECTS:        ").append(n.toPlainString()).append(nl));
              c.awardDate().ifPresent(n -> sb.append("  awarded:     ").append(n).append(nl));
              if (!c.skills().isEmpty()) {
                sb.append("  skills:      ")
                    .append(
                        c.skills().stream()
                            .map(CredentialClaims.Skill::label)
                            .collect(Collectors.joining(", ")))
                    .append(nl);
              }
            });
    sb.append("  issuer:      ")
        .append(d.issuerName() == null ? "(not on the trust list)" : d.issuerName())
        .append(" <")
        .append(d.issuer())
        .append(">")
        .append(nl);
    sb.append("  disclosed:   ")
        .append(d.disclosedPaths().isEmpty() ? "-" : String.join(", ", d.disclosedPaths()))
        .append(nl);
    sb.append("  hidden:      ")
        .append(d.undisclosedCount())
        .append(" selectively disclosable claim(s) or decoys")
        .append(nl);
    sb.append(nl);
  }
}
