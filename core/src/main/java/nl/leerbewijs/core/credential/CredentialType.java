package nl.leerbewijs.core.credential;

import java.util.Optional;

/**
 * The four kinds of leerbewijs credential.
 *
 * <p>Each type has a stable short {@link #id()} (used in URLs and as OpenID4VCI credential
 * configuration id), an SD-JWT VC type ({@link #vct()}), a JSON Schema and an SD-JWT VC Type
 * Metadata document packaged in the {@code leerbewijs-schemas} artifact.
 */
public enum CredentialType {
  MICROCREDENTIAL("microcredential"),
  MBO_CERTIFICAAT("mbo-certificaat"),
  PRAKTIJKVERKLARING("praktijkverklaring"),
  EVC_ERVARINGSCERTIFICAAT("evc-ervaringscertificaat");

  /** Prefix of every leerbewijs {@code vct} value. */
  public static final String VCT_PREFIX = "https://leerbewijs.nl/vct/";

  /** Base of every leerbewijs JSON Schema {@code $id}. */
  public static final String SCHEMA_BASE_URI = "https://leerbewijs.nl/schemas/";

  /** Classpath folder that holds the schemas (the resource behind {@link #SCHEMA_BASE_URI}). */
  public static final String SCHEMA_RESOURCE_PREFIX = "leerbewijs/schemas/";

  /** Classpath folder that holds the type metadata documents. */
  public static final String TYPE_METADATA_RESOURCE_PREFIX = "leerbewijs/type-metadata/";

  private final String id;

  CredentialType(String id) {
    this.id = id;
  }

  /** Short stable identifier, e.g. {@code microcredential}. */
  public String id() {
    return id;
  }

  /** The SD-JWT VC type, e.g. {@code https://leerbewijs.nl/vct/microcredential}. */
  public String vct() {
    return VCT_PREFIX + id;
  }

  /** The {@code $id} of this type's JSON Schema. */
  public String schemaId() {
    return SCHEMA_BASE_URI + id + ".schema.json";
  }

  /** Classpath resource of this type's JSON Schema (no leading slash). */
  public String schemaResource() {
    return SCHEMA_RESOURCE_PREFIX + id + ".schema.json";
  }

  /** Classpath resource of this type's SD-JWT VC Type Metadata (no leading slash). */
  public String typeMetadataResource() {
    return TYPE_METADATA_RESOURCE_PREFIX + id + ".json";
  }

  /** The type whose {@link #vct()} equals {@code vct} exactly, if any. */
  public static Optional<CredentialType> fromVct(String vct) {
    for (CredentialType type : values()) {
      if (type.vct().equals(vct)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** The type whose {@link #id()} equals {@code id} exactly, if any. */
  public static Optional<CredentialType> fromId(String id) {
    for (CredentialType type : values()) {
      if (type.id.equals(id)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
