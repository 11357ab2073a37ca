package nl.leerbewijs.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.SchemaLocation;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CompiledSchemasTest {

  @ParameterizedTest
  @EnumSource(CredentialType.class)
  void forType_compiledFromClasspath(CredentialType type) {
    assertNotNull(CompiledSchemas.forType(type));
  }

  @Test
  void factory_leerbewijsIri_resolvedFromClasspath() {
    JsonSchema common =
        CompiledSchemas.factory()
            .getSchema(
                SchemaLocation.of(
                    CredentialType.SCHEMA_BASE_URI + "common.schema.json#/$defs/brin"),
                CompiledSchemas.config());
    assertEquals(1, common.validate(Json.parse("\"25pz\"")).size());
    assertEquals(0, common.validate(Json.parse("\"25PZ00\"")).size());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://example.org/evil.schema.json",
        "http://leerbewijs.nl/schemas/common.schema.json",
        "file:///etc/passwd"
      })
  void factory_anyOtherIri_refusedWithoutFetching(String iri) {
    RuntimeException e =
        assertThrows(
            RuntimeException.class,
            () ->
                CompiledSchemas.factory()
                    .getSchema(SchemaLocation.of(iri), CompiledSchemas.config()));
    assertTrue(e.getMessage().contains("not allowed to be loaded"), e.getMessage());
  }

  @Test
  void factory_refToRemoteSchema_refused() {
    JsonSchema schema =
        CompiledSchemas.factory()
            .getSchema(
                Json.parse("{\"$ref\": \"https://example.org/remote.schema.json\"}"),
                CompiledSchemas.config());
    RuntimeException e =
        assertThrows(RuntimeException.class, () -> schema.validate(Json.parse("{}")));
    assertTrue(e.getMessage().contains("not allowed to be loaded"), e.getMessage());
  }
}
