package nl.leerbewijs.core.credential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import nl.leerbewijs.core.json.Json;

/**
 * Parsed SD-JWT VC Type Metadata (draft-ietf-oauth-sd-jwt-vc, section "SD-JWT VC Type Metadata"):
 * display names per locale and claim metadata (path, labels, selective disclosure, mandatory).
 *
 * <p>{@link #forType(CredentialType)} loads leerbewijs' own documents from the {@code
 * leerbewijs-schemas} artifact on the classpath (never from the network) and caches them. {@link
 * #parse(JsonNode)} parses any document, for example one fetched for a foreign {@code vct}; it
 * checks the shape only and ignores members it does not know ({@code rendering}, {@code svg_id},
 * {@code extends}...). It does not resolve {@code extends} nor check integrity.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class TypeMetadata {

  private static final Map<CredentialType, TypeMetadata> CACHE = new ConcurrentHashMap<>();

  private final String vct;
  private final String name;
  private final String description;
  private final Map<String, String> displayNames;
  private final Map<String, String> displayDescriptions;
  private final List<ClaimMetadata> claims;
  private final ObjectNode document;

  private TypeMetadata(
      String vct,
      String name,
      String description,
      Map<String, String> displayNames,
      Map<String, String> displayDescriptions,
      List<ClaimMetadata> claims,
      ObjectNode document) {
    this.vct = vct;
    this.name = name;
    this.description = description;
    this.displayNames = Collections.unmodifiableMap(displayNames);
    this.displayDescriptions = Collections.unmodifiableMap(displayDescriptions);
    this.claims = List.copyOf(claims);
    this.document = document;
  }

  /**
   * The type metadata of a leerbewijs credential type, loaded once from the classpath.
   *
   * @throws IllegalStateException when the packaged document is missing or malformed (a build
   *     fault, not an input fault)
   */
  public static TypeMetadata forType(CredentialType type) {
    return CACHE.computeIfAbsent(type, TypeMetadata::load);
  }

  private static TypeMetadata load(CredentialType type) {
    String resource = type.typeMetadataResource();
    try (InputStream in = TypeMetadata.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("type metadata resource not on the classpath: " + resource);
      }
      TypeMetadata metadata = parse(Json.parse(in.readAllBytes()));
      if (!metadata.vct.equals(type.vct())) {
        throw new IllegalStateException(
            "type metadata " + resource + " has vct " + metadata.vct + ", expected " + type.vct());
      }
      return metadata;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    } catch (TypeMetadataParseException | Json.JsonParseFailure e) {
      throw new IllegalStateException(resource + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses a Type Metadata document.
   *
   * @throws TypeMetadataParseException when a member has the wrong shape: {@code vct} missing, a
   *     claim path empty or holding something other than strings, null and non-negative integers,
   *     an unknown {@code sd} value, a duplicated claim path...
   */
  public static TypeMetadata parse(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new TypeMetadataParseException("document is not a JSON object");
    }
    String vct = requiredText(json, "vct", "document");
    String name = optionalText(json, "name", "document");
    String description = optionalText(json, "description", "document");
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, String> descriptions = new LinkedHashMap<>();
    for (JsonNode display : optionalArray(json, "display", "document")) {
      if (!display.isObject()) {
        throw new TypeMetadataParseException("display entry is not an object");
      }
      String locale = requiredText(display, "locale", "display entry");
      names.put(locale, requiredText(display, "name", "display entry " + locale));
      String displayDescription = optionalText(display, "description", "display entry " + locale);
      if (displayDescription != null) {
        descriptions.put(locale, displayDescription);
      }
    }
    List<ClaimMetadata> claims = new ArrayList<>();
    Set<List<Object>> seen = new HashSet<>();
    for (JsonNode claim : optionalArray(json, "claims", "document")) {
      ClaimMetadata parsed = parseClaim(claim);
      if (!seen.add(parsed.path())) {
        throw new TypeMetadataParseException("claim path " + parsed.path() + " appears twice");
      }
      claims.add(parsed);
    }
    return new TypeMetadata(
        vct, name, description, names, descriptions, claims, ((ObjectNode) json).deepCopy());
  }

  private static ClaimMetadata parseClaim(JsonNode claim) {
    if (!claim.isObject()) {
      throw new TypeMetadataParseException("claims entry is not an object");
    }
    JsonNode pathNode = claim.get("path");
    if (pathNode == null || !pathNode.isArray() || pathNode.isEmpty()) {
      throw new TypeMetadataParseException("claims entry without a non-empty path array");
    }
    List<Object> path = new ArrayList<>();
    for (JsonNode segment : pathNode) {
      if (segment.isTextual()) {
        path.add(segment.textValue());
      } else if (segment.isNull()) {
        path.add(null);
      } else if (segment.isIntegralNumber()
          && segment.canConvertToInt()
          && segment.intValue() >= 0) {
        path.add(segment.intValue());
      } else {
        throw new TypeMetadataParseException(
            "claim path segment " + segment + " is not a string, null or non-negative integer");
      }
    }
    String where = "claim " + path;
    Map<String, String> labels = new LinkedHashMap<>();
    for (JsonNode display : optionalArray(claim, "display", where)) {
      if (!display.isObject()) {
        throw new TypeMetadataParseException(where + ": display entry is not an object");
      }
      String locale = requiredText(display, "locale", where + " display entry");
      labels.put(locale, requiredText(display, "label", where + " display entry " + locale));
    }
    Disclosability sd = Disclosability.ALLOWED;
    String sdValue = optionalText(claim, "sd", where);
    if (sdValue != null) {
      sd =
          Disclosability.fromValue(sdValue)
              .orElseThrow(
                  () -> new TypeMetadataParseException(where + ": unknown sd value " + sdValue));
    }
    boolean mandatory = false;
    JsonNode mandatoryNode = claim.get("mandatory");
    if (mandatoryNode != null) {
      if (!mandatoryNode.isBoolean()) {
        throw new TypeMetadataParseException(where + ": mandatory is not a boolean");
      }
      mandatory = mandatoryNode.booleanValue();
    }
    return new ClaimMetadata(path, labels, sd, mandatory);
  }

  /** The {@code vct} this document describes. */
  public String vct() {
    return vct;
  }

  /** The developer-facing {@code name}, if present. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** The developer-facing {@code description}, if present. */
  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /**
   * The display name for {@code locale} (exact tag, else same language), falling back to {@link
   * #name()}.
   */
  public Optional<String> displayName(String locale) {
    return pickLocale(displayNames, locale).or(this::name);
  }

  /** The display description for {@code locale} (exact tag, else same language). */
  public Optional<String> displayDescription(String locale) {
    return pickLocale(displayDescriptions, locale);
  }

  /** Claim metadata in document order. */
  public List<ClaimMetadata> claims() {
    return claims;
  }

  /**
   * The metadata for a concrete or abstract claim path. An Integer index in {@code path} matches a
   * {@code null} ("all elements") segment in the metadata; an exact match is preferred.
   */
  public Optional<ClaimMetadata> claim(List<?> path) {
    Objects.requireNonNull(path, "path");
    ClaimMetadata wildcard = null;
    for (ClaimMetadata claim : claims) {
      if (claim.path().equals(path)) {
        return Optional.of(claim);
      }
      if (wildcard == null && matches(claim.path(), path)) {
        wildcard = claim;
      }
    }
    return Optional.ofNullable(wildcard);
  }

  /** The label of a claim for {@code locale}, if the metadata has one. */
  public Optional<String> claimLabel(List<?> path, String locale) {
    return claim(path).flatMap(c -> c.label(locale));
  }

  /**
   * The paths an issuer must make selectively disclosable ({@code sd: always}), in document order:
   * String names, {@code null} for "every element of the array". The lists are unmodifiable.
   */
  public List<List<Object>> selectivelyDisclosablePaths() {
    List<List<Object>> paths = new ArrayList<>();
    for (ClaimMetadata claim : claims) {
      if (claim.sd() == Disclosability.ALWAYS) {
        paths.add(claim.path());
      }
    }
    return Collections.unmodifiableList(paths);
  }

  /** A copy of the document as parsed, for publishing it (e.g. at the {@code vct} URL). */
  public ObjectNode document() {
    return document.deepCopy();
  }

  private static boolean matches(List<Object> pattern, List<?> path) {
    if (pattern.size() != path.size()) {
      return false;
    }
    for (int i = 0; i < pattern.size(); i++) {
      Object p = pattern.get(i);
      Object c = path.get(i);
      if (p == null ? !(c == null || c instanceof Integer) : !p.equals(c)) {
        return false;
      }
    }
    return true;
  }

  static Optional<String> pickLocale(Map<String, String> byLocale, String locale) {
    if (locale == null || byLocale.isEmpty()) {
      return Optional.empty();
    }
    for (Map.Entry<String, String> e : byLocale.entrySet()) {
      if (e.getKey().equalsIgnoreCase(locale)) {
        return Optional.of(e.getValue());
      }
    }
    String language = language(locale);
    for (Map.Entry<String, String> e : byLocale.entrySet()) {
      if (language(e.getKey()).equals(language)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  private static String language(String tag) {
    int dash = tag.indexOf('-');
    return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(Locale.ROOT);
  }

  private static String requiredText(JsonNode node, String member, String where) {
    String value = optionalText(node, member, where);
    if (value == null) {
      throw new TypeMetadataParseException(where + ": " + member + " is missing");
    }
    return value;
  }

  private static String optionalText(JsonNode node, String member, String where) {
    JsonNode value = node.get(member);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw new TypeMetadataParseException(where + ": " + member + " is not a string");
    }
    return value.textValue();
  }

  private static Iterable<JsonNode> optionalArray(JsonNode node, String member, String where) {
    JsonNode value = node.get(member);
    if (value == null) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new TypeMetadataParseException(where + ": " + member + " is not an array");
    }
    return value;
  }
}
