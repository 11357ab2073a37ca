package nl.leerbewijs.core.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import nl.leerbewijs.core.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The type metadata describes exactly the claims the schema defines (besides the JWT layer). */
class TypeMetadataSchemaConsistencyTest {

  private static JsonNode schema(CredentialType type) throws IOException {
    try (InputStream in =
        TypeMetadataSchemaConsistencyTest.class
            .getClassLoader()
            .getResourceAsStream(type.schemaResource())) {
      return Json.parse(in.readAllBytes());
    }
  }

  @ParameterizedTest
  @EnumSource(CredentialType.class)
  void topLevelClaims_sameInSchemaAndMetadata(CredentialType type) throws IOException {
    JsonNode schema = schema(type);
    assertEquals(type.schemaId(), schema.get("$id").asText());
    Set<String> schemaNames = new TreeSet<>();
    schema.get("properties").fieldNames().forEachRemaining(schemaNames::add);
    schemaNames.removeAll(LeerbewijsClaims.SD_JWT_VC_LAYER);

    Set<String> metadataNames = new TreeSet<>();
    for (ClaimMetadata claim : TypeMetadata.forType(type).claims()) {
      metadataNames.add((String) claim.path().get(0));
    }
    assertEquals(schemaNames, metadataNames);
  }

  @ParameterizedTest
  @EnumSource(CredentialType.class)
  void requiredClaims_mandatoryInMetadata(CredentialType type) throws IOException {
    TypeMetadata metadata = TypeMetadata.forType(type);
    for (JsonNode required : schema(type).get("required")) {
      ClaimMetadata claim = metadata.claim(java.util.List.of(required.asText())).orElseThrow();
      assertTrue(claim.mandatory(), type + " " + required.asText());
    }
  }

  @ParameterizedTest
  @EnumSource(CredentialType.class)
  void schemaVct_constMatchesType(CredentialType type) throws IOException {
    assertEquals(type.vct(), schema(type).get("properties").get("vct").get("const").asText());
  }
}
