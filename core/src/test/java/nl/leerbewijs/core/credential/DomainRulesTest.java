package nl.leerbewijs.core.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.schema.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainRulesTest {

  private static List<String> codes(List<Violation> violations) {
    return violations.stream().map(Violation::code).toList();
  }

  private static ObjectNode micro(String ects) {
    return Json.parseObject(
        ("{\"institution\":{\"name\":\"Hogeschool\",\"brin\":\"25PZ\"},\"nlqf\":\"6\",\"ects\":"
                + ects
                + "}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"3", "7.5", "30", "30.0", "3.00"})
  void check_ectsWithinDefault_noViolation(String ects) {
    assertEquals(List.of(), DomainRules.DEFAULT.check(CredentialType.MICROCREDENTIAL, micro(ects)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "2.5", "30.5", "40"})
  void check_ectsOutsideDefault_ectsRange(String ects) {
    assertEquals(
        List.of("domain.ects_range"),
        codes(DomainRules.DEFAULT.check(CredentialType.MICROCREDENTIAL, micro(ects))));
  }

  @Test
  void check_oneEcWithExperimentalRange_accepted() {
    DomainRules rules = DomainRules.builder().ectsRange(EctsRange.of(1, 30)).build();
    assertEquals(List.of(), rules.check(CredentialType.MICROCREDENTIAL, micro("1")));
    assertEquals(EctsRange.of(1, 30), rules.ectsRange());
  }

  @Test
  void check_ectsOnOtherType_ignored() {
    // ects on an mbo-certificaat is a schema matter (additionalProperties), not a range matter.
    ObjectNode claims = micro("40");
    claims.put("nlqf", "4");
    assertEquals(List.of(), DomainRules.DEFAULT.check(CredentialType.MBO_CERTIFICAAT, claims));
  }

  @ParameterizedTest
  @ValueSource(strings = {"entry", "5", "8"})
  void check_mboLevelOutsideOneToFour_mboLevel(String nlqf) {
    ObjectNode claims = micro("7.5");
    claims.put("nlqf", nlqf);
    claims.put("part", "beroepsgericht_deel");
    assertEquals(
        List.of("domain.mbo_level"),
        codes(DomainRules.DEFAULT.check(CredentialType.MBO_CERTIFICAAT, claims)));
    assertEquals(
        List.of("domain.mbo_level"),
        codes(DomainRules.DEFAULT.check(CredentialType.PRAKTIJKVERKLARING, claims)));
  }

  @Test
  void check_eqfMatchingDerivation_noViolation() {
    ObjectNode claims = micro("7.5");
    claims.put("eqf", 6);
    assertEquals(List.of(), DomainRules.DEFAULT.check(CredentialType.MICROCREDENTIAL, claims));
  }

  @Test
  void check_eqfWithoutNlqf_mismatch() {
    ObjectNode claims = Json.object();
    claims.put("eqf", 4);
    assertEquals(
        List.of("domain.eqf_mismatch"),
        codes(DomainRules.DEFAULT.check(CredentialType.EVC_ERVARINGSCERTIFICAAT, claims)));
  }

  @Test
  void check_eqfHugeNumber_mismatchNotThrown() {
    ObjectNode claims = micro("7.5");
    claims.put("eqf", new java.math.BigInteger("123456789012345678901234567890"));
    assertEquals(
        List.of("domain.eqf_mismatch"),
        codes(DomainRules.DEFAULT.check(CredentialType.MICROCREDENTIAL, claims)));
  }

  @Test
  void check_periodSameDay_accepted_reversed_rejected() {
    ObjectNode claims = micro("7.5");
    claims.remove("ects");
    claims.put("nlqf", "2");
    ObjectNode period = claims.putObject("period");
    period.put("from", "2025-01-31").put("to", "2025-01-31");
    assertEquals(List.of(), DomainRules.DEFAULT.check(CredentialType.PRAKTIJKVERKLARING, claims));
    period.put("from", "2025-02-01");
    assertEquals(
        List.of("domain.period_order"),
        codes(DomainRules.DEFAULT.check(CredentialType.PRAKTIJKVERKLARING, claims)));
  }

  @Test
  void check_malformedDates_leftToSchema() {
    ObjectNode claims = micro("7.5");
    claims.put("nlqf", "3");
    ObjectNode period = claims.putObject("period");
    period.put("from", "2025-13-01").put("to", "gisteren");
    claims.put("assessment_date", 20250101);
    claims.put("valid_until", "2025-02-30");
    assertEquals(List.of(), DomainRules.DEFAULT.check(CredentialType.PRAKTIJKVERKLARING, claims));
    assertEquals(
        List.of(), DomainRules.DEFAULT.check(CredentialType.EVC_ERVARINGSCERTIFICAAT, claims));
  }

  @ParameterizedTest
  @EnumSource(CredentialType.class)
  void check_institutionWithoutIdentifier_reported(CredentialType type) {
    ObjectNode claims = Json.object();
    claims.putObject("institution").put("name", "ROC");
    assertEquals(
        List.of("domain.institution_identifier"), codes(DomainRules.DEFAULT.check(type, claims)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"x\"", "null", "1"})
  void check_nonObject_noViolationNoException(String json) {
    for (CredentialType type : CredentialType.values()) {
      assertEquals(List.of(), DomainRules.DEFAULT.check(type, Json.parse(json)));
    }
  }

  @Test
  void check_wrongTypesEverywhere_noException() {
    ObjectNode claims =
        Json.parseObject(
            ("{\"institution\":[],\"nlqf\":[1],\"eqf\":\"6\",\"ects\":\"40\",\"part\":{},"
                    + "\"period\":\"2025\",\"assessment_date\":null}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (CredentialType type : CredentialType.values()) {
      assertEquals(List.of(), DomainRules.DEFAULT.check(type, claims));
    }
  }
}
