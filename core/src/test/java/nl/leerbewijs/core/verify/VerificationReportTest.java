package nl.leerbewijs.core.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.leerbewijs.core.json.Json;
import org.junit.jupiter.api.Test;

class VerificationReportTest {

  private static List<CheckResult> allPass() {
    List<CheckResult> out = new ArrayList<>();
    for (Check c : Check.values()) {
      out.add(CheckResult.pass(c, c.id() + ".ok", "ok"));
    }
    return out;
  }

  private static Verdict verdictWith(CheckResult replacement) {
    List<CheckResult> r = allPass();
    r.set(replacement.check().ordinal(), replacement);
    return VerificationReport.of(r, null).verdict();
  }

  @Test
  void of_allPass_valid() {
    assertEquals(Verdict.VALID, VerificationReport.of(allPass(), null).verdict());
  }

  @Test
  void of_eachFailure_mapsToItsVerdict() {
    assertEquals(Verdict.MALFORMED, verdictWith(CheckResult.fail(Check.STRUCTURE, "x", "x")));
    assertEquals(Verdict.INVALID, verdictWith(CheckResult.fail(Check.SIGNATURE, "x", "x")));
    assertEquals(Verdict.INVALID, verdictWith(CheckResult.fail(Check.DIGESTS, "x", "x")));
    assertEquals(Verdict.INVALID, verdictWith(CheckResult.fail(Check.KEY_BINDING, "x", "x")));
    assertEquals(Verdict.INVALID, verdictWith(CheckResult.fail(Check.SCHEMA, "x", "x")));
    assertEquals(
        Verdict.UNTRUSTED_ISSUER, verdictWith(CheckResult.fail(Check.TRUSTED_ISSUER, "x", "x")));
    assertEquals(Verdict.EXPIRED, verdictWith(CheckResult.fail(Check.VALIDITY, "x", "x")));
    assertEquals(
        Verdict.REVOKED, verdictWith(CheckResult.fail(Check.STATUS, StatusCodes.REVOKED, "x")));
    assertEquals(
        Verdict.SUSPENDED, verdictWith(CheckResult.fail(Check.STATUS, StatusCodes.SUSPENDED, "x")));
    assertEquals(
        Verdict.STATUS_UNKNOWN,
        verdictWith(CheckResult.warn(Check.STATUS, StatusCodes.UNAVAILABLE, "x")));
  }

  @Test
  void of_forgedButUntrusted_invalidWins() {
    List<CheckResult> r = allPass();
    r.set(Check.TRUSTED_ISSUER.ordinal(), CheckResult.fail(Check.TRUSTED_ISSUER, "x", "x"));
    r.set(Check.SIGNATURE.ordinal(), CheckResult.fail(Check.SIGNATURE, "x", "x"));
    assertEquals(Verdict.INVALID, VerificationReport.of(r, null).verdict());
  }

  @Test
  void of_requiredCheckSkipped_neverValid() {
    assertEquals(Verdict.INVALID, verdictWith(CheckResult.skipped(Check.SIGNATURE, "x")));
    assertEquals(Verdict.VALID, verdictWith(CheckResult.skipped(Check.KEY_BINDING, "x")));
  }

  @Test
  void of_missingChecks_filledAsSkipped() {
    VerificationReport r =
        VerificationReport.of(List.of(CheckResult.fail(Check.STRUCTURE, "structure.x", "x")), null);
    assertEquals(Check.values().length, r.checks().size());
    assertEquals(Outcome.SKIPPED, r.check(Check.STATUS).outcome());
    assertEquals("malformed", r.toJson().get("verdict").asText());
  }

  @Test
  void of_duplicateCheck_rejected() {
    List<CheckResult> r = allPass();
    r.add(CheckResult.pass(Check.STATUS, "x", "x"));
    assertThrows(IllegalArgumentException.class, () -> VerificationReport.of(r, null));
  }

  @Test
  void toJsonBytes_sameBytesAsTheTree_withoutCredential_withNullsAndEscapes() {
    List<CheckResult> r = allPass();
    r.set(
        Check.STRUCTURE.ordinal(),
        CheckResult.fail(
            Check.STRUCTURE, "x", "quote \" backslash \\ tab \t é ☃ \uD83C\uDF93 \u0001"));
    VerificationReport noCredential = VerificationReport.of(r, null);
    assertArrayEquals(Json.write(noCredential.toJson()), noCredential.toJsonBytes());

    ObjectNode claims = Json.object();
    claims.put("title", "Zorg & \"welzijn\"\n");
    claims.put("ects", new BigDecimal("7.5"));
    claims.put("eqf", 4);
    claims.putNull("nothing");
    claims.putArray("skills").add("Plannen").add(true);
    claims.putObject("learner").put("given_name", "Zoë");
    DisclosedCredential unknownTypeUntrusted =
        new DisclosedCredential(
            "https://example.org/vct/\u00e9",
            null,
            "https://issuer.example",
            null,
            Instant.parse("2026-01-02T03:04:05Z"),
            null,
            claims,
            List.of("/title", "/learner/given_name"),
            3);
    VerificationReport withNulls = VerificationReport.of(allPass(), unknownTypeUntrusted);
    assertArrayEquals(Json.write(withNulls.toJson()), withNulls.toJsonBytes());

    DisclosedCredential full =
        new DisclosedCredential(
            "vct",
            "microcredential",
            "https://issuer.example",
            "Hogeschool Voorbeeld",
            Instant.parse("2026-01-02T03:04:05.123Z"),
            Instant.parse("2031-01-02T00:00:00Z"),
            Json.object(),
            List.of(),
            0);
    VerificationReport empty = VerificationReport.of(allPass(), full);
    assertArrayEquals(Json.write(empty.toJson()), empty.toJsonBytes());
  }
}
