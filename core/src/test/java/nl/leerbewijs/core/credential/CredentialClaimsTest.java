package nl.leerbewijs.core.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import nl.leerbewijs.core.json.Json;
import org.junit.jupiter.api.Test;

class CredentialClaimsTest {

  private static ObjectNode example(String path) throws IOException {
    try (InputStream in =
        CredentialClaimsTest.class
            .getClassLoader()
            .getResourceAsStream("leerbewijs/examples/" + path)) {
      return Json.parseObject(in.readAllBytes());
    }
  }

  @Test
  void accessors_fullMicrocredential() throws IOException {
    CredentialClaims claims =
        CredentialClaims.of(
            CredentialType.MICROCREDENTIAL,
            example("valid/microcredential-data-analyse-python.json"));

    assertEquals(Optional.of("Data-analyse met Python"), claims.title(Locale.forLanguageTag("nl")));
    assertEquals(Optional.of("Data analysis with Python"), claims.title(Locale.ENGLISH));
    assertEquals(Optional.of("Data-analyse met Python"), claims.title(Locale.GERMAN));
    assertEquals(Optional.of("Fatima El Amrani"), claims.learnerName());
    assertEquals(Optional.of("Hogeschool Lage Landen"), claims.institutionName());
    assertEquals(Optional.of(LocalDate.of(2025, 6, 27)), claims.awardDate());
    assertEquals(Optional.of(NlqfLevel.SIX), claims.nlqf());
    assertEquals(OptionalInt.of(6), claims.eqf());
    assertEquals(0, claims.ects().orElseThrow().compareTo(new BigDecimal("7.5")));
    assertEquals(5, claims.skills().size());
    assertEquals("SQL", claims.skills().get(1).label());
    assertTrue(claims.skills().get(1).uriValue().orElseThrow().startsWith("http://data.europa.eu"));
  }

  @Test
  void accessors_partialDisclosure_emptyNotThrowing() throws IOException {
    ObjectNode json = example("disclosed/microcredential-without-learner.json");
    CredentialClaims claims = CredentialClaims.fromVct(json).orElseThrow();

    assertEquals(CredentialType.MICROCREDENTIAL, claims.type());
    assertEquals(Optional.empty(), claims.learnerName());
    assertEquals(Optional.empty(), claims.description(Locale.ENGLISH));
    assertEquals(2, claims.skills().size());
  }

  @Test
  void accessors_wrongShapes_empty() {
    ObjectNode json =
        Json.parseObject(
            ("{\"title\":\"x\",\"learner\":[],\"nlqf\":6,\"eqf\":\"6\",\"ects\":\"7.5\","
                    + "\"skills\":[1,{\"uri\":\"https://x\"},{\"label\":\"ok\"}],\"award_date\":\"2025-02-30\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    CredentialClaims claims = CredentialClaims.of(CredentialType.MICROCREDENTIAL, json);

    assertEquals(Optional.empty(), claims.title(Locale.ENGLISH));
    assertEquals(Optional.empty(), claims.learnerName());
    assertEquals(Optional.empty(), claims.nlqf());
    assertEquals(OptionalInt.empty(), claims.eqf());
    assertEquals(Optional.empty(), claims.ects());
    assertEquals(Optional.empty(), claims.awardDate());
    assertEquals(List.of(new CredentialClaims.Skill("ok", null)), claims.skills());
  }

  @Test
  void eqf_entryLevel_empty() {
    ObjectNode json = Json.object().put("nlqf", "entry").put("eqf", 1);
    assertEquals(
        OptionalInt.empty(), CredentialClaims.of(CredentialType.MICROCREDENTIAL, json).eqf());
  }

  @Test
  void fromVct_foreignOrMissingVct_empty() {
    assertTrue(CredentialClaims.fromVct(Json.object()).isEmpty());
    assertTrue(
        CredentialClaims.fromVct(Json.object().put("vct", "https://example.org/pid")).isEmpty());
  }

  @Test
  void of_copiesInput() {
    ObjectNode json = Json.object().put("nlqf", "4");
    CredentialClaims claims = CredentialClaims.of(CredentialType.MBO_CERTIFICAAT, json);
    json.put("nlqf", "5");
    assertEquals(Optional.of(NlqfLevel.FOUR), claims.nlqf());
  }
}
