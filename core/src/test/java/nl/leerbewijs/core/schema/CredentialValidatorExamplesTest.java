package nl.leerbewijs.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import nl.leerbewijs.core.credential.CredentialType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the examples packaged in leerbewijs-schemas: {@code examples/valid} (award input, clean
 * in every mode), {@code examples/disclosed} (presented claims, clean in DISCLOSED mode) and {@code
 * examples/invalid} (each breaking exactly the one rule named in {@code expected.json}).
 */
class CredentialValidatorExamplesTest {

  private static final CredentialValidator VALIDATOR = new CredentialValidator();

  static Stream<String> validExamples() {
    return Examples.list("valid").stream();
  }

  static Stream<String> disclosedExamples() {
    return Examples.list("disclosed").stream();
  }

  static Stream<String> invalidExamples() {
    return Examples.list("invalid").stream().filter(n -> !n.equals("expected.json"));
  }

  @ParameterizedTest
  @MethodSource("validExamples")
  void validate_validExample_noViolationsInAnyMode(String name) {
    JsonNode claims = Examples.read("valid", name);
    CredentialType type = Examples.typeOf(name);
    for (ValidationMode mode : ValidationMode.values()) {
      assertEquals(List.of(), VALIDATOR.validate(type, claims, mode), name + " in " + mode);
    }
  }

  @ParameterizedTest
  @MethodSource("disclosedExamples")
  void validate_disclosedExample_noViolationsInDisclosedMode(String name) {
    JsonNode claims = Examples.read("disclosed", name);
    assertEquals(
        List.of(), VALIDATOR.validate(Examples.typeOf(name), claims, ValidationMode.DISCLOSED));
  }

  @ParameterizedTest
  @MethodSource("disclosedExamples")
  void validate_disclosedExampleInIssuedOrAwardMode_reportsSomething(String name) {
    JsonNode claims = Examples.read("disclosed", name);
    CredentialType type = Examples.typeOf(name);
    assertFalse(VALIDATOR.validate(type, claims, ValidationMode.AWARD).isEmpty());
  }

  @ParameterizedTest
  @MethodSource("invalidExamples")
  void validate_invalidExample_reportsExactlyItsNamedViolation(String name) {
    JsonNode expected = Examples.read("invalid", "expected.json").get(name);
    assertTrue(expected != null, name + " has no entry in expected.json");
    ValidationMode mode =
        expected.has("mode")
            ? ValidationMode.valueOf(expected.get("mode").asText().toUpperCase(Locale.ROOT))
            : ValidationMode.AWARD;
    List<Violation> violations =
        VALIDATOR.validate(Examples.typeOf(name), Examples.read("invalid", name), mode);
    assertEquals(1, violations.size(), name + ": " + violations);
    assertEquals(expected.get("code").asText(), violations.get(0).code(), name);
    assertEquals(expected.get("pointer").asText(), violations.get(0).pointer(), name);
  }

  @Test
  void expectedJson_namesExactlyTheInvalidExamples() {
    JsonNode expected = Examples.read("invalid", "expected.json");
    List<String> named = new ArrayList<>();
    expected.fieldNames().forEachRemaining(named::add);
    assertEquals(new TreeSet<>(invalidExamples().toList()), new TreeSet<>(named));
  }

  @ParameterizedTest
  @EnumSource(CredentialType.class)
  void examples_atLeastTwoValidPerType(CredentialType type) {
    Map<CredentialType, Integer> counts = new EnumMap<>(CredentialType.class);
    validExamples().forEach(n -> counts.merge(Examples.typeOf(n), 1, Integer::sum));
    assertTrue(counts.getOrDefault(type, 0) >= 2, type + " has fewer than 2 valid examples");
  }

  @Test
  void invalidExamples_coverTheRequiredRules() {
    JsonNode expected = Examples.read("invalid", "expected.json");
    List<String> codes = new ArrayList<>();
    expected.forEach(e -> codes.add(e.get("code").asText()));
    for (String code :
        List.of(
            ViolationCodes.DOMAIN_ECTS_RANGE,
            ViolationCodes.DOMAIN_EQF_MISMATCH,
            ViolationCodes.DOMAIN_MBO_LEVEL,
            ViolationCodes.DOMAIN_PERIOD_ORDER,
            ViolationCodes.DOMAIN_KEUZEDEEL_CODE,
            ViolationCodes.DOMAIN_INSTITUTION_IDENTIFIER,
            ViolationCodes.SCHEMA_REQUIRED,
            ViolationCodes.SCHEMA_PATTERN,
            ViolationCodes.SCHEMA_ENUM,
            ViolationCodes.SCHEMA_MIN_ITEMS)) {
      assertTrue(codes.contains(code), "no invalid example for " + code);
    }
  }
}
