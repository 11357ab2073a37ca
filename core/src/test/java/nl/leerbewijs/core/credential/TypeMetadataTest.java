package nl.leerbewijs.core.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import nl.leerbewijs.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class TypeMetadataTest {

  private static List<Object> path(Object... segments) {
    return Arrays.asList(segments);
  }

  /** The SD decision: few digests, personal data and long free text disclosable. */
  private static List<List<Object>> expectedSdPaths(CredentialType type) {
    List<List<Object>> paths = new ArrayList<>();
    paths.add(path("learner"));
    paths.add(path("learner", "birthdate"));
    paths.add(path("learner", "student_id"));
    paths.add(path("description"));
    switch (type) {
      case MICROCREDENTIAL -> paths.add(path("learning_outcomes"));
      case PRAKTIJKVERKLARING -> paths.add(path("praktijkopleider"));
      case EVC_ERVARINGSCERTIFICAAT -> paths.add(path("assessor"));
      case MBO_CERTIFICAAT -> {}
    }
    paths.add(path("skills", null));
    return paths;
  }

  @ParameterizedTest
  @EnumSource(CredentialType.class)
  void forType_loadsWithMatchingVct(CredentialType type) {
    TypeMetadata metadata = TypeMetadata.forType(type);
    assertEquals(type.vct(), metadata.vct());
    assertSame(metadata, TypeMetadata.forType(type));
  }

  @ParameterizedTest
  @EnumSource(CredentialType.class)
  void selectivelyDisclosablePaths_matchDecision(CredentialType type) {
    List<List<Object>> actual = TypeMetadata.forType(type).selectivelyDisclosablePaths();
    assertEquals(
        new java.util.HashSet<>(expectedSdPaths(type)), new java.util.HashSet<>(actual), type.id());
    assertEquals(expectedSdPaths(type).size(), actual.size());
  }

  @ParameterizedTest
  @EnumSource(CredentialType.class)
  void claims_everyClaimLabelledInDutchAndEnglish(CredentialType type) {
    for (ClaimMetadata claim : TypeMetadata.forType(type).claims()) {
      assertTrue(claim.label("nl-NL").isPresent(), type + " " + claim.path());
      assertTrue(claim.label("en-US").isPresent(), type + " " + claim.path());
    }
  }

  @ParameterizedTest
  @EnumSource(CredentialType.class)
  void displayName_dutchAndEnglish(CredentialType type) {
    TypeMetadata metadata = TypeMetadata.forType(type);
    assertTrue(metadata.displayName("nl-NL").isPresent());
    assertTrue(metadata.displayName("en-US").isPresent());
  }

  @Test
  void claimLabel_languageOnlyLocale_findsRegionalLabel() {
    TypeMetadata metadata = TypeMetadata.forType(CredentialType.MICROCREDENTIAL);
    assertEquals(Optional.of("Studiepunten (EC)"), metadata.claimLabel(path("ects"), "nl"));
    assertEquals(Optional.of("Study credits (ECTS)"), metadata.claimLabel(path("ects"), "en-GB"));
    assertEquals(Optional.empty(), metadata.claimLabel(path("ects"), "de-DE"));
  }

  @Test
  void claim_concreteArrayIndex_matchesWildcard() {
    TypeMetadata metadata = TypeMetadata.forType(CredentialType.MICROCREDENTIAL);
    ClaimMetadata element = metadata.claim(path("skills", 3)).orElseThrow();
    assertEquals(path("skills", null), element.path());
    assertEquals(Disclosability.ALWAYS, element.sd());
    assertEquals(
        Disclosability.NEVER, metadata.claim(path("skills", 3, "label")).orElseThrow().sd());
    assertTrue(metadata.claim(path("skills", "x")).isEmpty());
  }

  @Test
  void claim_learnerMandatoryAndAlwaysDisclosable() {
    ClaimMetadata learner =
        TypeMetadata.forType(CredentialType.MBO_CERTIFICAAT).claim(path("learner")).orElseThrow();
    assertTrue(learner.mandatory());
    assertEquals(Disclosability.ALWAYS, learner.sd());
  }

  @Test
  void selectivelyDisclosablePaths_unmodifiable() {
    List<List<Object>> paths =
        TypeMetadata.forType(CredentialType.MICROCREDENTIAL).selectivelyDisclosablePaths();
    assertThrows(UnsupportedOperationException.class, () -> paths.add(path("x")));
    assertThrows(UnsupportedOperationException.class, () -> paths.get(0).add("x"));
  }

  @Test
  void parse_minimalDocument_defaultsSdAllowedAndNotMandatory() {
    TypeMetadata metadata =
        TypeMetadata.parse(
            Json.parse(
                "{\"vct\":\"https://example.org/x\",\"claims\":[{\"path\":[\"a\",0,null]}],"
                    + "\"rendering\":{\"simple\":{}}}"));
    ClaimMetadata claim = metadata.claims().get(0);
    assertEquals(path("a", 0, null), claim.path());
    assertEquals(Disclosability.ALLOWED, claim.sd());
    assertEquals(false, claim.mandatory());
    assertTrue(metadata.selectivelyDisclosablePaths().isEmpty());
    assertEquals(Optional.empty(), metadata.displayName("nl-NL"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[]",
        "{}",
        "{\"vct\":1}",
        "{\"vct\":\"x\",\"display\":{}}",
        "{\"vct\":\"x\",\"display\":[{\"name\":\"n\"}]}",
        "{\"vct\":\"x\",\"claims\":[{}]}",
        "{\"vct\":\"x\",\"claims\":[{\"path\":[]}]}",
        "{\"vct\":\"x\",\"claims\":[{\"path\":[-1]}]}",
        "{\"vct\":\"x\",\"claims\":[{\"path\":[1.5]}]}",
        "{\"vct\":\"x\",\"claims\":[{\"path\":[{}]}]}",
        "{\"vct\":\"x\",\"claims\":[{\"path\":[\"a\"],\"sd\":\"sometimes\"}]}",
        "{\"vct\":\"x\",\"claims\":[{\"path\":[\"a\"],\"mandatory\":\"yes\"}]}",
        "{\"vct\":\"x\",\"claims\":[{\"path\":[\"a\"],\"display\":[{\"locale\":\"nl\"}]}]}",
        "{\"vct\":\"x\",\"claims\":[{\"path\":[\"a\"]},{\"path\":[\"a\"]}]}"
      })
  void parse_malformed_throwsParseException(String json) {
    assertThrows(TypeMetadataParseException.class, () -> TypeMetadata.parse(Json.parse(json)));
  }

  @Test
  void document_isACopy() {
    TypeMetadata metadata = TypeMetadata.forType(CredentialType.MICROCREDENTIAL);
    metadata.document().put("vct", "changed");
    assertEquals(CredentialType.MICROCREDENTIAL.vct(), metadata.document().get("vct").asText());
  }
}
