package nl.leerbewijs.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.core.credential.TypeMetadata;
import nl.leerbewijs.core.json.Json;

/**
 * A yes/no answer to "does this document fit the schema?", compiled from the same JSON Schema
 * documents as {@link CompiledSchemas}, for the case that matters for speed: a valid document.
 *
 * <p>Why: the JSON Schema library (networknt) is the source of truth for every violation message
 * and pointer, but checking a valid presentation with it costs about a tenth of an ES256
 * verification, more than any other step of the verifier apart from the signatures. This check runs
 * first; only when it says "no" does {@link CredentialValidator} ask the library for the
 * violations. So it only has to be <em>sound</em>: when it says "yes", the library finds nothing to
 * report. Being stricter than the library is harmless (the library then decides); a differential
 * test holds it to that on every example and thousands of damaged documents.
 *
 * <p>It understands the keywords our schemas use ({@code $ref}, {@code allOf}, {@code if}/{@code
 * then}/{@code else}, {@code type}, {@code enum}, {@code const}, {@code properties}, {@code
 * required}, {@code additionalProperties}, {@code items}, {@code minItems}/{@code maxItems}, {@code
 * minLength}/{@code maxLength}, {@code pattern}, {@code format: date}, and the numeric bounds); a
 * schema using anything else gets no precheck at all ({@link #compile} is empty), never a partial
 * one. In {@link ValidationMode#DISCLOSED} it drops {@code required} names and {@code minItems}
 * that the type metadata marks selectively disclosable, exactly the violations {@link
 * CredentialValidator} drops for a presentation.
 */
final class SchemaPrecheck {

  /** Keywords that only annotate and never constrain. */
  private static final Set<String> ANNOTATIONS =
      Set.of(
          "$schema",
          "$id",
          "$defs",
          "$comment",
          "title",
          "description",
          "examples",
          "default",
          "deprecated",
          "readOnly",
          "writeOnly");

  private static final Pattern FULL_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final int MAX_DEPTH = 64;

  private final Node root;

  private SchemaPrecheck(Node root) {
    this.root = root;
  }

  /** Whether {@code document} certainly fits the schema (false: ask the library). */
  boolean fits(JsonNode document) {
    return root.fits(document);
  }

  /**
   * The precheck of every type in every mode (empty where the schema uses what it cannot do), the
   * schema documents read from the classpath once for all of them.
   */
  static Map<CredentialType, Map<ValidationMode, Optional<SchemaPrecheck>>> compileAll() {
    Loader loader = cachingLoader();
    Map<CredentialType, Map<ValidationMode, Optional<SchemaPrecheck>>> all =
        new EnumMap<>(CredentialType.class);
    for (CredentialType type : CredentialType.values()) {
      Map<ValidationMode, Optional<SchemaPrecheck>> byMode = new EnumMap<>(ValidationMode.class);
      for (ValidationMode mode : ValidationMode.values()) {
        byMode.put(mode, compile(type, mode, loader));
      }
      all.put(type, byMode);
    }
    return all;
  }

  /** The precheck for a type read in a mode, or empty when the schema uses what it cannot do. */
  static Optional<SchemaPrecheck> compile(CredentialType type, ValidationMode mode) {
    return compile(type, mode, cachingLoader());
  }

  /** Reads each schema document from the classpath once ($refs name the shared one many times). */
  private static Loader cachingLoader() {
    Map<URI, JsonNode> documents = new HashMap<>();
    return id -> documents.computeIfAbsent(id, SchemaPrecheck::loadSchema);
  }

  private static Optional<SchemaPrecheck> compile(
      CredentialType type, ValidationMode mode, Loader loader) {
    TypeMetadata metadata = mode == ValidationMode.DISCLOSED ? TypeMetadata.forType(type) : null;
    try {
      Compiler c = new Compiler(loader, metadata);
      URI id = URI.create(type.schemaId());
      return Optional.of(new SchemaPrecheck(c.schema(c.document(id), id, new ArrayList<>(), 0)));
    } catch (Unsupported e) {
      return Optional.empty();
    }
  }

  /** For tests: a precheck of a schema document given as JSON, with no metadata. */
  static Optional<SchemaPrecheck> compileForTest(JsonNode schema, URI id) {
    try {
      Compiler c = new Compiler(uri -> uri.equals(id) ? schema : null, null);
      return Optional.of(new SchemaPrecheck(c.schema(schema, id, new ArrayList<>(), 0)));
    } catch (Unsupported e) {
      return Optional.empty();
    }
  }

  private static JsonNode loadSchema(URI id) {
    String uri = id.toString();
    if (!uri.startsWith(CredentialType.SCHEMA_BASE_URI)) {
      return null;
    }
    String resource =
        CredentialType.SCHEMA_RESOURCE_PREFIX
            + uri.substring(CredentialType.SCHEMA_BASE_URI.length());
    try (InputStream in = SchemaPrecheck.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? null : Json.parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema uses something this precheck does not implement. */
  private static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported(String what) {
      super(what, null, false, false);
    }
  }

  private interface Loader {
    JsonNode load(URI id);
  }

  /** Walks a schema along the instance paths it applies to and builds the predicates. */
  private static final class Compiler {
    private final Loader loader;
    private final TypeMetadata metadata; // null: nothing is relaxed

    Compiler(Loader loader, TypeMetadata metadata) {
      this.loader = loader;
      this.metadata = metadata;
    }

    JsonNode document(URI id) throws Unsupported {
      JsonNode doc = loader.load(id);
      if (doc == null) {
        throw new Unsupported("schema " + id + " not found");
      }
      return doc;
    }

    /**
     * @param path the claim path of the instance: names, null for "each element"
     */
    Node schema(JsonNode s, URI base, List<Object> path, int depth) throws Unsupported {
      if (depth > MAX_DEPTH) {
        throw new Unsupported("schema nesting or $ref cycle deeper than " + MAX_DEPTH);
      }
      Node n = new Node();
      if (s.isBoolean()) {
        n.never = !s.booleanValue();
        return n;
      }
      if (!s.isObject()) {
        throw new Unsupported("schema is not an object or boolean");
      }
      List<Node> all = new ArrayList<>();
      JsonNode props = s.get("properties");
      if (props != null) {
        n.properties = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          n.properties.put(
              e.getKey(), schema(e.getValue(), base, append(path, e.getKey()), depth + 1));
        }
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String k = e.getKey();
        if (!ANNOTATIONS.contains(k) && !k.equals("properties")) {
          keyword(n, all, k, e.getValue(), s, base, path, depth);
        }
      }
      n.all = all.toArray(new Node[0]);
      return n;
    }

    private void keyword(
        Node n,
        List<Node> all,
        String k,
        JsonNode a,
        JsonNode s,
        URI base,
        List<Object> path,
        int depth)
        throws Unsupported {
      switch (k) {
        case "$ref" -> {
          URI target = base.resolve(a.textValue());
          URI doc = withoutFragment(target);
          JsonNode node = document(doc);
          String fragment = target.getRawFragment();
          if (fragment != null && !fragment.isEmpty()) {
            node = node.at(fragment);
            if (node.isMissingNode()) {
              throw new Unsupported("$ref " + target + " not found");
            }
          }
          all.add(schema(node, doc, path, depth + 1));
        }
        case "allOf" -> {
          for (JsonNode sub : a) {
            all.add(schema(sub, base, path, depth + 1));
          }
        }
        case "if" -> {
          n.condition = schema(a, base, path, depth + 1);
          n.then = s.has("then") ? schema(s.get("then"), base, path, depth + 1) : null;
          n.otherwise = s.has("else") ? schema(s.get("else"), base, path, depth + 1) : null;
        }
        case "then", "else" -> {
          // applied through "if"; without an "if" they do nothing
        }
        case "type" -> n.types = types(a);
        case "enum" -> {
          n.allowed = new HashSet<>();
          a.forEach(n.allowed::add);
        }
        case "const" -> n.allowed = Set.of(a);
        case "required" -> {
          List<String> names = new ArrayList<>();
          for (JsonNode name : a) {
            if (!relaxed(append(path, name.textValue()))) {
              names.add(name.textValue());
            }
          }
          n.required = names.toArray(new String[0]);
        }
        case "additionalProperties" -> {
          if (s.has("patternProperties") || !a.isBoolean()) {
            throw new Unsupported("additionalProperties with patterns or a schema");
          }
          n.closed = !a.booleanValue();
          if (n.closed && n.properties == null) {
            n.properties = new HashMap<>();
          }
        }
        case "items" -> n.items = schema(a, base, append(path, null), depth + 1);
        case "minItems" -> {
          int min = count(a);
          n.minItems = relaxed(append(path, null)) ? 0 : min;
        }
        case "maxItems" -> n.maxItems = count(a);
        case "minLength" -> n.minLength = count(a);
        case "maxLength" -> n.maxLength = count(a);
        // networknt's default: java.util.regex with find(), as here.
        case "pattern" -> n.pattern = new PatternCheck(Pattern.compile(a.textValue()));
        case "format" -> {
          if (!"date".equals(a.textValue())) {
            throw new Unsupported("format " + a.textValue());
          }
          n.date = true;
        }
        case "minimum" -> n.minimum = number(a);
        case "maximum" -> n.maximum = number(a);
        case "exclusiveMinimum" -> n.exclusiveMinimum = number(a);
        case "exclusiveMaximum" -> n.exclusiveMaximum = number(a);
        default -> throw new Unsupported("keyword " + k);
      }
    }

    /** Whether the metadata makes the claim at {@code path} selectively disclosable. */
    private boolean relaxed(List<Object> path) {
      return metadata != null && CredentialValidator.disclosable(metadata, path);
    }
  }

  /**
   * A pattern with its recent answers remembered. The strings patterns check repeat across
   * credentials (an ESCO skill URI, a BRIN code, a crebo number come from small vocabularies), and
   * java.util.regex is the slowest part of the check: a URI costs about a third of a microsecond.
   * Bounded: short strings only, and the memory is dropped when full.
   */
  private static final class PatternCheck {
    private static final int MAX_REMEMBERED = 4096;
    private static final int MAX_LENGTH = 256;

    private final Pattern pattern;
    private final Map<String, Boolean> answers = new ConcurrentHashMap<>();

    PatternCheck(Pattern pattern) {
      this.pattern = pattern;
    }

    boolean matches(String s) {
      if (s.length() > MAX_LENGTH) {
        return pattern.matcher(s).find();
      }
      Boolean known = answers.get(s);
      if (known != null) {
        return known;
      }
      boolean found = pattern.matcher(s).find();
      if (answers.size() >= MAX_REMEMBERED) {
        answers.clear();
      }
      answers.put(s, found);
      return found;
    }
  }

  /** Instance types, as bits. */
  private static final int OBJECT = 1;

  private static final int ARRAY = 2;
  private static final int STRING = 4;
  private static final int BOOLEAN = 8;
  private static final int NULL = 16;
  private static final int NUMBER = 32;
  private static final int INTEGER = 64;

  /**
   * One schema object with every keyword it uses, checked in one method: a single class keeps the
   * calls monomorphic, which matters more here than anything else.
   */
  private static final class Node {
    boolean never; // the schema "false"
    int types; // 0: any
    Set<JsonNode> allowed; // enum or const
    Map<String, Node> properties;
    boolean closed; // additionalProperties: false
    String[] required;
    Node items;
    int minItems;
    int maxItems = Integer.MAX_VALUE;
    int minLength;
    int maxLength = Integer.MAX_VALUE;
    PatternCheck pattern;
    boolean date;
    BigDecimal minimum;
    BigDecimal maximum;
    BigDecimal exclusiveMinimum;
    BigDecimal exclusiveMaximum;
    Node condition;
    Node then;
    Node otherwise;
    Node[] all = new Node[0];

    boolean fits(JsonNode v) {
      if (never || (types != 0 && (typeOf(v) & types) == 0)) {
        return false;
      }
      if (allowed != null && !allowed.contains(v)) {
        return false;
      }
      switch (v.getNodeType()) {
        case OBJECT:
          if (!objectFits(v)) {
            return false;
          }
          break;
        case ARRAY:
          if (!arrayFits(v)) {
            return false;
          }
          break;
        case STRING:
          if (!stringFits(v.textValue())) {
            return false;
          }
          break;
        case NUMBER:
          if (!numberFits(v.decimalValue())) {
            return false;
          }
          break;
        default:
          break;
      }
      for (Node n : all) {
        if (!n.fits(v)) {
          return false;
        }
      }
      if (condition != null) {
        Node branch = condition.fits(v) ? then : otherwise;
        return branch == null || branch.fits(v);
      }
      return true;
    }

    private boolean objectFits(JsonNode v) {
      if (required != null) {
        for (String name : required) {
          if (!v.has(name)) {
            return false;
          }
        }
      }
      if (properties != null) {
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> member = it.next();
          Node p = properties.get(member.getKey());
          if (p == null ? closed : !p.fits(member.getValue())) {
            return false;
          }
        }
      }
      return true;
    }

    private boolean arrayFits(JsonNode v) {
      if (v.size() < minItems || v.size() > maxItems) {
        return false;
      }
      if (items != null) {
        for (JsonNode e : v) {
          if (!items.fits(e)) {
            return false;
          }
        }
      }
      return true;
    }

    private boolean stringFits(String s) {
      if (minLength > 0 || maxLength < Integer.MAX_VALUE) {
        int n = s.codePointCount(0, s.length());
        if (n < minLength || n > maxLength) {
          return false;
        }
      }
      return (pattern == null || pattern.matches(s)) && (!date || isFullDate(s));
    }

    private boolean numberFits(BigDecimal d) {
      return (minimum == null || d.compareTo(minimum) >= 0)
          && (maximum == null || d.compareTo(maximum) <= 0)
          && (exclusiveMinimum == null || d.compareTo(exclusiveMinimum) > 0)
          && (exclusiveMaximum == null || d.compareTo(exclusiveMaximum) < 0);
    }
  }

  private static int typeOf(JsonNode v) {
    switch (v.getNodeType()) {
      case OBJECT:
        return OBJECT;
      case ARRAY:
        return ARRAY;
      case STRING:
        return STRING;
      case BOOLEAN:
        return BOOLEAN;
      case NULL:
        return NULL;
      case NUMBER:
        // Stricter than JSON Schema (which also counts 7.0 as an integer): only integral nodes.
        return v.isIntegralNumber() ? NUMBER | INTEGER : NUMBER;
      default:
        return 0;
    }
  }

  private static int types(JsonNode a) throws Unsupported {
    List<String> names = new ArrayList<>();
    if (a.isTextual()) {
      names.add(a.textValue());
    } else {
      a.forEach(t -> names.add(t.textValue()));
    }
    int mask = 0;
    for (String t : names) {
      mask |=
          switch (String.valueOf(t)) {
            case "object" -> OBJECT;
            case "array" -> ARRAY;
            case "string" -> STRING;
            case "boolean" -> BOOLEAN;
            case "null" -> NULL;
            case "number" -> NUMBER;
            case "integer" -> INTEGER;
            default -> throw new Unsupported("type " + t);
          };
    }
    return mask;
  }

  private static BigDecimal number(JsonNode a) throws Unsupported {
    if (!a.isNumber()) {
      throw new Unsupported("numeric bound that is not a number");
    }
    return a.decimalValue();
  }

  private static int count(JsonNode a) throws Unsupported {
    if (!a.canConvertToInt() || !a.isIntegralNumber() || a.intValue() < 0) {
      throw new Unsupported("count that is not a small non-negative integer");
    }
    return a.intValue();
  }

  /** RFC 3339 full-date, stricter than needed: four-digit years from 1000, real calendar days. */
  private static boolean isFullDate(String s) {
    if (s.length() != 10 || !FULL_DATE.matcher(s).matches() || s.charAt(0) == '0') {
      return false;
    }
    try {
      LocalDate.of(
          Integer.parseInt(s.substring(0, 4)),
          Integer.parseInt(s.substring(5, 7)),
          Integer.parseInt(s.substring(8, 10)));
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  private static URI withoutFragment(URI u) {
    String s = u.toString();
    int hash = s.indexOf('#');
    return hash < 0 ? u : URI.create(s.substring(0, hash));
  }

  private static List<Object> append(List<Object> path, Object element) {
    List<Object> p = new ArrayList<>(path.size() + 1);
    p.addAll(path);
    p.add(element);
    return p;
  }
}
