package nl.leerbewijs.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.core.credential.DomainRules;
import nl.leerbewijs.core.credential.EctsRange;
import nl.leerbewijs.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialValidatorTest {

  private static final CredentialValidator VALIDATOR = new CredentialValidator();

  private static ObjectNode micro() {
    return (ObjectNode) Examples.read("valid", "microcredential-data-analyse-python.json");
  }

  private static List<String> codesAndPointers(List<Violation> violations) {
    return violations.stream().map(v -> v.code() + " " + v.pointer()).toList();
  }

  @Test
  void validate_threeFaults_reportsAllThree() {
    ObjectNode claims = micro();
    claims.put("ects", 40);
    ((ObjectNode) claims.get("institution")).put("brin", "25pz");
    ((ObjectNode) claims.get("skills").get(1)).put("uri", "ftp://example.org/sql");

    List<Violation> violations = VALIDATOR.validate(CredentialType.MICROCREDENTIAL, claims);

    assertEquals(
        List.of(
            "domain.ects_range /ects",
            "schema.pattern /institution/brin",
            "schema.pattern /skills/1/uri"),
        codesAndPointers(violations));
  }

  @Test
  void validate_ectsOutOfRange_messageNamesValueAndRange() {
    ObjectNode claims = micro();
    claims.put("ects", 40);
    Violation v = VALIDATOR.validate(CredentialType.MICROCREDENTIAL, claims).get(0);
    assertEquals("ects 40 is outside the allowed range 3–30", v.message());
  }

  @Test
  void validate_oneEcWithWiderRange_accepted() {
    ObjectNode claims = micro();
    claims.put("ects", 1);
    CredentialValidator experimental =
        new CredentialValidator(DomainRules.builder().ectsRange(EctsRange.of(1, 30)).build());

    assertEquals(List.of(), experimental.validate(CredentialType.MICROCREDENTIAL, claims));
    assertEquals(
        List.of("domain.ects_range /ects"),
        codesAndPointers(VALIDATOR.validate(CredentialType.MICROCREDENTIAL, claims)));
  }

  @Test
  void validate_decimalEctsAtBoundary_accepted() {
    ObjectNode claims = micro();
    claims.put("ects", new BigDecimal("30.0"));
    assertEquals(List.of(), VALIDATOR.validate(CredentialType.MICROCREDENTIAL, claims));
    claims.put("ects", new BigDecimal("30.01"));
    assertEquals(
        List.of("domain.ects_range /ects"),
        codesAndPointers(VALIDATOR.validate(CredentialType.MICROCREDENTIAL, claims)));
  }

  @Test
  void validate_disclosedWithoutLearnerAndSkills_accepted() {
    ObjectNode claims = micro();
    claims.remove("learner");
    claims.remove("skills");
    claims.remove("description");
    claims.remove("learning_outcomes");
    claims.put("vct", CredentialType.MICROCREDENTIAL.vct());
    claims.put("eqf", 6);

    assertEquals(
        List.of(),
        VALIDATOR.validate(CredentialType.MICROCREDENTIAL, claims, ValidationMode.DISCLOSED));
    assertEquals(
        List.of("schema.required /learner"),
        codesAndPointers(
            VALIDATOR.validate(CredentialType.MICROCREDENTIAL, claims, ValidationMode.ISSUED)));
  }

  @Test
  void validate_disclosedWithoutLearnerGivenName_reportsIt() {
    ObjectNode claims = micro();
    ((ObjectNode) claims.get("learner")).remove("given_name");
    assertEquals(
        List.of("schema.required /learner/given_name"),
        codesAndPointers(
            VALIDATOR.validate(CredentialType.MICROCREDENTIAL, claims, ValidationMode.DISCLOSED)));
  }

  @Test
  void validate_disclosedWithoutNonDisclosableClaim_reportsIt() {
    ObjectNode claims = micro();
    claims.remove("ects");
    claims.remove("institution");
    assertEquals(
        List.of("schema.required /ects", "schema.required /institution"),
        codesAndPointers(
            VALIDATOR.validate(CredentialType.MICROCREDENTIAL, claims, ValidationMode.DISCLOSED)));
  }

  @Test
  void validate_disclosedPraktijkverklaringWithoutPraktijkopleider_accepted() {
    ObjectNode claims =
        (ObjectNode) Examples.read("valid", "praktijkverklaring-logistiek-medewerker.json");
    claims.remove("praktijkopleider");
    claims.remove("learner");
    assertEquals(
        List.of(),
        VALIDATOR.validate(CredentialType.PRAKTIJKVERKLARING, claims, ValidationMode.DISCLOSED));
  }

  @Test
  void validate_eqfForEntryLevel_reportsMismatch() {
    ObjectNode claims = micro();
    claims.put("nlqf", "entry");
    claims.put("eqf", 1);
    assertEquals(
        List.of("domain.eqf_mismatch /eqf"),
        codesAndPointers(
            VALIDATOR.validate(CredentialType.MICROCREDENTIAL, claims, ValidationMode.ISSUED)));
  }

  @Test
  void validate_eqfInAward_reportsAwardRule() {
    ObjectNode claims = micro();
    claims.put("eqf", 6);
    assertEquals(
        List.of("award.eqf_present /eqf"),
        codesAndPointers(VALIDATOR.validate(CredentialType.MICROCREDENTIAL, claims)));
  }

  @Test
  void validate_sdJwtVcLayerClaims_allowedInIssuedRefusedInAward() {
    ObjectNode claims = micro();
    claims.put("vct", CredentialType.MICROCREDENTIAL.vct());
    claims.put("iss", "https://issuer.example");
    claims.put("iat", 1751011200);
    claims.put("_sd_alg", "sha-256");
    claims.putObject("cnf").putObject("jwk").put("kty", "EC");
    claims.putObject("status").putObject("status_list").put("idx", 1);

    assertEquals(
        List.of(),
        VALIDATOR.validate(CredentialType.MICROCREDENTIAL, claims, ValidationMode.ISSUED));
    assertEquals(
        List.of(
            "award.reserved_claim /_sd_alg",
            "award.reserved_claim /cnf",
            "award.reserved_claim /iat",
            "award.reserved_claim /iss",
            "award.reserved_claim /status",
            "award.reserved_claim /vct"),
        codesAndPointers(VALIDATOR.validate(CredentialType.MICROCREDENTIAL, claims)));
  }

  @Test
  void validate_unknownNestedMember_pointsAtIt() {
    ObjectNode claims = micro();
    ((ObjectNode) claims.get("learner")).put("bsn", "123456782");
    assertEquals(
        List.of("schema.additionalProperties /learner/bsn"),
        codesAndPointers(VALIDATOR.validate(CredentialType.MICROCREDENTIAL, claims)));
  }

  @Test
  void validate_memberNameWithSlash_escapedInPointer() {
    ObjectNode claims = micro();
    claims.put("a/b~c", 1);
    assertEquals(
        List.of("schema.additionalProperties /a~1b~0c"),
        codesAndPointers(VALIDATOR.validate(CredentialType.MICROCREDENTIAL, claims)));
  }

  @Test
  void validate_ectsAsString_reportsTypeOnly() {
    ObjectNode claims = micro();
    claims.put("ects", "7.5");
    assertEquals(
        List.of("schema.type /ects"),
        codesAndPointers(VALIDATOR.validate(CredentialType.MICROCREDENTIAL, claims)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"microcredential\"", "42", "true", "null", "[{\"ects\": 7.5}]"})
  void validate_nonObjectRoot_reportsTypeAtRoot(String json) {
    for (ValidationMode mode : ValidationMode.values()) {
      List<Violation> violations =
          VALIDATOR.validate(CredentialType.MICROCREDENTIAL, Json.parse(json), mode);
      assertEquals(List.of("schema.type "), codesAndPointers(violations), json + " " + mode);
    }
  }

  @ParameterizedTest
  @EnumSource(CredentialType.class)
  void validate_emptyObject_reportsEveryRequiredClaim(CredentialType type) {
    List<Violation> violations = VALIDATOR.validate(type, Json.object());
    assertTrue(violations.size() >= 4, violations.toString());
    assertTrue(violations.stream().allMatch(v -> v.code().equals("schema.required")));
  }

  @Test
  void validate_wrongTypesEverywhere_reportsEachWithoutThrowing() {
    ObjectNode claims = micro();
    claims.put("learner", "Fatima");
    claims.put("institution", 25);
    claims.putArray("title");
    claims.put("nlqf", 6);
    claims.put("skills", "Python");
    claims.put("award_date", 20250627);
    List<Violation> violations = VALIDATOR.validate(CredentialType.MICROCREDENTIAL, claims);
    assertEquals(
        List.of(
            "schema.type /award_date",
            "schema.type /institution",
            "schema.type /learner",
            "schema.enum /nlqf",
            "schema.type /nlqf",
            "schema.type /skills",
            "schema.type /title"),
        codesAndPointers(violations));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"2025-6-27", "27-06-2025", "2025-06-27T00:00:00Z", "2025-02-29", "20250627", ""})
  void validate_notAFullDate_reportsFormat(String date) {
    ObjectNode claims = micro();
    claims.put("award_date", date);
    assertEquals(
        List.of("schema.format /award_date"),
        codesAndPointers(VALIDATOR.validate(CredentialType.MICROCREDENTIAL, claims)));
  }

  @Test
  void validate_hugeSkillsArray_reportsMaxItemsQuickly() {
    ObjectNode claims = micro();
    ArrayNode skills = claims.putArray("skills");
    for (int i = 0; i < 50_000; i++) {
      skills.addObject().put("label", "vaardigheid " + i);
    }
    assertEquals(
        List.of("schema.maxItems /skills"),
        codesAndPointers(VALIDATOR.validate(CredentialType.MICROCREDENTIAL, claims)));
  }

  @Test
  void validate_hugeArrayOfFaults_truncatedAtLimit() {
    ObjectNode claims = micro();
    ArrayNode skills = claims.putArray("skills");
    for (int i = 0; i < 5_000; i++) {
      skills.addObject().put("uri", "http://example.org/" + i);
    }
    List<Violation> violations = VALIDATOR.validate(CredentialType.MICROCREDENTIAL, claims);
    assertEquals(CredentialValidator.MAX_VIOLATIONS, violations.size());
    assertEquals(ViolationCodes.VALIDATION_TRUNCATED, violations.get(violations.size() - 1).code());
  }

  @Test
  void parse_deeplyNestedClaims_rejectedBeforeValidation() {
    String deep = "{\"learner\":".repeat(200) + "{}" + "}".repeat(200);
    assertThrows(Json.JsonParseFailure.class, () -> Json.parse(deep));
  }

  @Test
  void validate_nestingWithinParserLimit_reportedNotThrown() {
    StringBuilder json = new StringBuilder();
    int depth = Json.MAX_DEPTH - 2;
    json.append("{\"learner\":".repeat(depth)).append("{}").append("}".repeat(depth));
    JsonNode claims = Json.parse(json.toString());
    List<Violation> violations = VALIDATOR.validate(CredentialType.MICROCREDENTIAL, claims);
    assertFalse(violations.isEmpty());
  }

  @Test
  void validate_manyThreads_sameResult() throws Exception {
    ObjectNode claims = micro();
    claims.put("ects", 40);
    claims.put("participation", "hybrid");
    List<Violation> expected = VALIDATOR.validate(CredentialType.MICROCREDENTIAL, claims);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Violation>>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        results.add(pool.submit(() -> VALIDATOR.validate(CredentialType.MICROCREDENTIAL, claims)));
      }
      for (Future<List<Violation>> result : results) {
        assertEquals(expected, result.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void validate_resultIsUnmodifiable() {
    List<Violation> violations = VALIDATOR.validate(CredentialType.MICROCREDENTIAL, micro());
    assertThrows(
        UnsupportedOperationException.class, () -> violations.add(new Violation("", "x", "y")));
  }
}
