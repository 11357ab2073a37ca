package nl.leerbewijs.core.schema;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.resource.AllowSchemaLoader;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.core.json.Json;

/**
 * The four credential schemas, compiled once per JVM from the classpath.
 *
 * <p>{@code https://leerbewijs.nl/schemas/} is mapped to the classpath folder {@code
 * leerbewijs/schemas/}, and every schema load that does not end on the classpath is refused, so
 * validation never touches the network (a schema {@code $ref} to a remote URL fails at start).
 */
final class CompiledSchemas {

  private static final String CLASSPATH_SCHEME = "classpath:";

  private static final Map<CredentialType, JsonSchema> SCHEMAS = compileAll();

  private CompiledSchemas() {}

  static JsonSchema forType(CredentialType type) {
    return SCHEMAS.get(type);
  }

  /** The factory: leerbewijs schema IRIs mapped to the classpath, every other load refused. */
  static JsonSchemaFactory factory() {
    return JsonSchemaFactory.getInstance(
        SpecVersion.VersionFlag.V202012,
        builder ->
            builder
                .jsonMapper(Json.mapper())
                .schemaMappers(
                    mappers ->
                        mappers.mapPrefix(
                            CredentialType.SCHEMA_BASE_URI,
                            CLASSPATH_SCHEME + CredentialType.SCHEMA_RESOURCE_PREFIX))
                .schemaLoaders(
                    loaders ->
                        loaders.add(
                            new AllowSchemaLoader(
                                iri -> iri.toString().startsWith(CLASSPATH_SCHEME)))));
  }

  /** Validation settings: JSON Pointer locations, format assertions on, English messages. */
  static SchemaValidatorsConfig config() {
    return SchemaValidatorsConfig.builder()
        .pathType(PathType.JSON_POINTER)
        .formatAssertionsEnabled(true)
        .typeLoose(false)
        .failFast(false)
        .locale(Locale.ENGLISH)
        .build();
  }

  private static Map<CredentialType, JsonSchema> compileAll() {
    JsonSchemaFactory factory = factory();
    SchemaValidatorsConfig config = config();
    Map<CredentialType, JsonSchema> schemas = new EnumMap<>(CredentialType.class);
    for (CredentialType type : CredentialType.values()) {
      JsonSchema schema = factory.getSchema(SchemaLocation.of(type.schemaId()), config);
      // Resolve every $ref now: a compiled schema is then safe to share between threads.
      schema.initializeValidators();
      schemas.put(type, schema);
    }
    return schemas;
  }
}
