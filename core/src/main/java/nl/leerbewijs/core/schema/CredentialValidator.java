package nl.leerbewijs.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import nl.leerbewijs.core.credential.ClaimMetadata;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.core.credential.Disclosability;
import nl.leerbewijs.core.credential.DomainRules;
import nl.leerbewijs.core.credential.LeerbewijsClaims;
import nl.leerbewijs.core.credential.TypeMetadata;

/**
 * Validates a credential's claim document against its type's JSON Schema (2020-12, packaged in
 * {@code leerbewijs-schemas}) and the {@link DomainRules}, and reports every violation at once.
 *
 * <p>Security contract: the schemas are compiled once from the classpath; validation never loads
 * anything from the network. Any JSON value is accepted as input (wrong types and non-object roots
 * are reported as violations, never thrown); parse untrusted text with {@code Json.parse} first,
 * which bounds nesting depth and sizes. At most {@value #MAX_VIOLATIONS} violations are returned,
 * the last one then being {@link ViolationCodes#VALIDATION_TRUNCATED}. This class checks the claim
 * document only: signatures, disclosures, {@code cnf}, {@code status} and validity times belong to
 * the SD-JWT VC verifier.
 *
 * <p>Immutable and thread-safe.
 */
public final class CredentialValidator {

  /** Most violations reported for one document. */
  public static final int MAX_VIOLATIONS = 1000;

  private static final Comparator<Violation> ORDER =
      Comparator.comparing(Violation::pointer).thenComparing(Violation::code);

  /** Per type and mode, compiled once per JVM; empty where the schema needs the library. */
  private static final Map<CredentialType, Map<ValidationMode, Optional<SchemaPrecheck>>>
      PRECHECKS = SchemaPrecheck.compileAll();

  private final DomainRules domainRules;

  /** A validator with the national default domain rules. */
  public CredentialValidator() {
    this(DomainRules.DEFAULT);
  }

  /** A validator with issuer-specific domain rules (e.g. an ECTS range of 1–30). */
  public CredentialValidator(DomainRules domainRules) {
    this.domainRules = Objects.requireNonNull(domainRules, "domainRules");
  }

  /** The domain rules this validator applies. */
  public DomainRules domainRules() {
    return domainRules;
  }

  /** Validates award input: the same as {@code validate(type, claims, ValidationMode.AWARD)}. */
  public List<Violation> validate(CredentialType type, JsonNode claims) {
    return validate(type, claims, ValidationMode.AWARD);
  }

  /**
   * Validates {@code claims} as a document of {@code type} read in {@code mode}.
   *
   * @return every violation, sorted by pointer then code; empty when the document is acceptable
   */
  public List<Violation> validate(CredentialType type, JsonNode claims, ValidationMode mode) {
    return validate(type, claims, mode, true);
  }

  private List<Violation> validate(
      CredentialType type, JsonNode claims, ValidationMode mode, boolean precheck) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(claims, "claims");
    Objects.requireNonNull(mode, "mode");
    List<Violation> out = new ArrayList<>();
    // The precheck answers "fits" for valid documents at a fraction of the library's cost; only
    // otherwise does the library run, and it alone words the violations.
    Set<ValidationMessage> messages =
        precheck && PRECHECKS.get(type).get(mode).map(p -> p.fits(claims)).orElse(false)
            ? Set.of()
            : CompiledSchemas.forType(type).validate(claims);
    TypeMetadata metadata = mode == ValidationMode.DISCLOSED ? TypeMetadata.forType(type) : null;
    for (ValidationMessage message : messages) {
      Violation violation = toViolation(message);
      if (metadata != null && undisclosed(metadata, message, violation)) {
        continue;
      }
      out.add(violation);
    }
    // A value the schema already rejects is not reported again by a domain rule (ects 0 is below
    // the schema's exclusive minimum; saying it is also outside 3–30 adds nothing).
    Set<String> schemaPointers = new HashSet<>();
    out.forEach(v -> schemaPointers.add(v.pointer()));
    for (Violation violation : domainRules.check(type, claims)) {
      if (!schemaPointers.contains(violation.pointer())) {
        out.add(violation);
      }
    }
    if (mode == ValidationMode.AWARD) {
      checkAwardInput(claims, out);
    }
    out.sort(ORDER);
    if (out.size() > MAX_VIOLATIONS) {
      int total = out.size();
      out = new ArrayList<>(out.subList(0, MAX_VIOLATIONS - 1));
      out.add(
          new Violation(
              "",
              ViolationCodes.VALIDATION_TRUNCATED,
              total + " violations found, only the first " + (MAX_VIOLATIONS - 1) + " reported"));
    }
    return List.copyOf(out);
  }

  /** For tests: the library's verdict alone, without the precheck. */
  List<Violation> validateWithLibraryOnly(
      CredentialType type, JsonNode claims, ValidationMode mode) {
    return validate(type, claims, mode, false);
  }

  private static void checkAwardInput(JsonNode claims, List<Violation> out) {
    if (!claims.isObject()) {
      return;
    }
    if (claims.has(LeerbewijsClaims.EQF)) {
      out.add(
          new Violation(
              "/" + LeerbewijsClaims.EQF,
              ViolationCodes.AWARD_EQF_PRESENT,
              "eqf must not be submitted: the issuer derives it from nlqf"));
    }
    claims
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (LeerbewijsClaims.SD_JWT_VC_LAYER.contains(name)) {
                out.add(
                    new Violation(
                        JsonPointers.append("", name),
                        ViolationCodes.AWARD_RESERVED_CLAIM,
                        name + " must not be submitted: the issuer sets it when signing"));
              }
            });
  }

  /**
   * Whether a schema violation only says that a selectively disclosable claim (or array element) is
   * missing, which in a presentation means the holder did not disclose it.
   */
  private static boolean undisclosed(
      TypeMetadata metadata, ValidationMessage message, Violation violation) {
    String keyword = message.getType();
    List<Object> path = JsonPointers.claimPath(violation.pointer());
    if ("required".equals(keyword)) {
      return disclosable(metadata, path);
    }
    if ("minItems".equals(keyword)) {
      List<Object> elements = new ArrayList<>(path);
      elements.add(null);
      return disclosable(metadata, elements);
    }
    return false;
  }

  /**
   * Whether the type metadata makes the claim at {@code path} selectively disclosable: then its
   * absence from a presentation is the holder's choice, not a violation. {@link SchemaPrecheck}
   * relaxes its {@code required} and {@code minItems} by the same rule.
   */
  static boolean disclosable(TypeMetadata metadata, List<?> path) {
    Optional<ClaimMetadata> claim = metadata.claim(path);
    return claim.map(c -> c.sd() != Disclosability.NEVER).orElse(false);
  }

  private static Violation toViolation(ValidationMessage message) {
    String keyword = message.getType();
    String pointer = JsonPointers.of(message.getInstanceLocation());
    // For a missing or unknown member, point at the member rather than at its parent object.
    if (("required".equals(keyword) || "additionalProperties".equals(keyword))
        && message.getProperty() != null) {
      pointer = JsonPointers.append(pointer, message.getProperty());
    }
    return new Violation(pointer, ViolationCodes.SCHEMA_PREFIX + keyword, message.getMessage());
  }

  /** JSON Pointer (RFC 6901) helpers. */
  static final class JsonPointers {
    private JsonPointers() {}

    static String of(JsonNodePath path) {
      StringBuilder pointer = new StringBuilder();
      for (int i = 0; i < path.getNameCount(); i++) {
        pointer.append('/').append(escape(String.valueOf(path.getElement(i))));
      }
      return pointer.toString();
    }

    static String append(String pointer, String name) {
      return pointer + "/" + escape(name);
    }

    /** The claim path of a pointer: names as Strings, array indices as Integers. */
    static List<Object> claimPath(String pointer) {
      List<Object> path = new ArrayList<>();
      if (pointer.isEmpty()) {
        return path;
      }
      for (String token : pointer.substring(1).split("/", -1)) {
        String name = token.replace("~1", "/").replace("~0", "~");
        path.add(isIndex(name) ? (Object) Integer.valueOf(name) : name);
      }
      return path;
    }

    private static boolean isIndex(String token) {
      if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')) {
        return false;
      }
      for (int i = 0; i < token.length(); i++) {
        if (token.charAt(i) < '0' || token.charAt(i) > '9') {
          return false;
        }
      }
      return true;
    }

    private static String escape(String name) {
      return name.replace("~", "~0").replace("/", "~1");
    }
  }
}
