package nl.leerbewijs.core.sdjwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.leerbewijs.core.json.Json;

/**
 * Replaces digests by disclosed claims (RFC 9901 section 7.1 step 3 to 5) and reports every rule
 * the SD-JWT breaks instead of stopping at the first. Not thread-safe; one instance per run.
 */
final class DisclosureResolver {

  /** Deepest nesting of objects and arrays across disclosures that we follow. */
  static final int MAX_DEPTH = 256;

  private final List<Disclosure> disclosures;
  private final Map<String, Integer> byDigest;
  private final boolean[] used;
  // Digests that match no disclosure (decoys and undisclosed claims), to find repeats among them;
  // a repeat of a disclosure's digest shows in used[].
  private final Set<String> seenUndisclosed = new HashSet<>();
  private final List<SdJwtFailure> failures = new ArrayList<>();
  private final List<DisclosedClaim> disclosed = new ArrayList<>();
  private int undisclosedDigests;
  private boolean tooDeepReported;

  private DisclosureResolver(List<Disclosure> disclosures) {
    this.disclosures = disclosures;
    this.used = new boolean[disclosures.size()];
    this.byDigest = new HashMap<>(disclosures.size() * 4 / 3 + 1);
  }

  /** The outcome: processed claims, what was disclosed where, and what went wrong. */
  static final class Resolution {
    final ObjectNode claims;
    final List<DisclosedClaim> disclosed;
    final List<SdJwtFailure> failures;
    final int undisclosedDigests;

    Resolution(
        ObjectNode claims,
        List<DisclosedClaim> disclosed,
        List<SdJwtFailure> failures,
        int undisclosedDigests) {
      this.claims = claims;
      this.disclosed = Collections.unmodifiableList(disclosed);
      this.failures = Collections.unmodifiableList(failures);
      this.undisclosedDigests = undisclosedDigests;
    }
  }

  /**
   * Processes an issuer-signed payload with the given disclosures. The payload is not modified.
   * {@code _sd_alg} must have been checked by the caller; it is removed here.
   */
  static Resolution resolve(ObjectNode payload, List<Disclosure> disclosures) {
    DisclosureResolver r = new DisclosureResolver(disclosures);
    return r.run(payload);
  }

  private Resolution run(ObjectNode payload) {
    for (int i = 0; i < disclosures.size(); i++) {
      Integer earlier = byDigest.putIfAbsent(disclosures.get(i).digest(), i);
      if (earlier != null) {
        used[i] = true; // reported here, not again as unreferenced
        failures.add(
            new SdJwtFailure.Digests(
                SdJwtFailure.Digests.Reason.DUPLICATE_DIGEST,
                "disclosure #" + (i + 1) + " repeats disclosure #" + (earlier + 1)));
      }
    }
    ObjectNode claims = object(payload, Path.ROOT, 0);
    if (claims == payload) { // nothing to resolve: the caller still gets an object of its own
      claims = Json.object().setAll(payload);
    }
    claims.remove(SdJwtNames.SD_ALG);
    for (int i = 0; i < used.length; i++) {
      if (!used[i]) {
        failures.add(
            new SdJwtFailure.Digests(
                SdJwtFailure.Digests.Reason.UNREFERENCED_DISCLOSURE,
                "disclosure #"
                    + (i + 1)
                    + " ("
                    + describe(disclosures.get(i))
                    + ") is not referenced by any digest"));
      }
    }
    return new Resolution(claims, disclosed, failures, undisclosedDigests);
  }

  /**
   * Where a value sits, as a chain of parents: built for every container on the way down, turned
   * into a list only for a disclosed claim or a message.
   */
  private static final class Path {
    static final Path ROOT = new Path(null, null, 0);

    final Path parent;
    final Object key; // a member name or an element index
    final int length;

    private Path(Path parent, Object key, int length) {
      this.parent = parent;
      this.key = key;
      this.length = length;
    }

    Path append(Object key) {
      return new Path(this, key, length + 1);
    }

    List<Object> toList() {
      Object[] keys = new Object[length];
      for (Path p = this; p.length > 0; p = p.parent) {
        keys[p.length - 1] = p.key;
      }
      return Collections.unmodifiableList(Arrays.asList(keys));
    }

    @Override
    public String toString() {
      return toList().toString();
    }
  }

  /**
   * The processed form of a value: the value itself when nothing inside it is a digest (copy on
   * write: a subtree without {@code _sd} or {@code ...} is shared, not copied), else a new node.
   */
  private JsonNode value(JsonNode v, Path path, int depth) {
    if (depth > MAX_DEPTH) {
      if (!tooDeepReported) {
        tooDeepReported = true;
        failures.add(
            new SdJwtFailure.Structure(
                SdJwtFailure.Structure.Reason.TOO_DEEP,
                "claims nest deeper than " + MAX_DEPTH + " levels"));
      }
      return NullNode.getInstance();
    }
    if (v instanceof ObjectNode) {
      return object((ObjectNode) v, path, depth);
    }
    if (v instanceof ArrayNode) {
      return array((ArrayNode) v, path, depth);
    }
    return v;
  }

  /**
   * {@link #value} of a plain member or element; its path is only built when the value is a
   * container (a scalar needs none), which spares an allocation per plain claim.
   */
  private JsonNode child(JsonNode v, Path parent, Object key, int depth) {
    if (depth <= MAX_DEPTH && !(v instanceof ContainerNode)) {
      return v;
    }
    return value(v, parent.append(key), depth);
  }

  private ObjectNode object(ObjectNode in, Path path, int depth) {
    JsonNode sd = in.get(SdJwtNames.SD);
    ObjectNode out = sd == null ? null : Json.object(); // null while every member is unchanged
    int index = 0;
    for (Map.Entry<String, JsonNode> e : in.properties()) {
      String name = e.getKey();
      if (sd != null && SdJwtNames.SD.equals(name)) {
        continue;
      }
      JsonNode v = e.getValue();
      JsonNode processed = child(v, path, name, depth + 1);
      if (out == null && processed != v) {
        out = firstMembers(in, index);
      }
      if (out != null) {
        out.set(name, processed);
      }
      index++;
    }
    if (sd == null) {
      return out == null ? in : out;
    }
    if (!sd.isArray()) {
      failures.add(malformed("'_sd' at " + path + " is not an array"));
      return out;
    }
    for (JsonNode entry : sd) {
      if (!entry.isTextual()) {
        failures.add(malformed("'_sd' at " + path + " holds a " + entry.getNodeType()));
        continue;
      }
      Disclosure d = match(entry.textValue());
      if (d == null) {
        continue;
      }
      if (d.isArrayElement()) {
        failures.add(
            new SdJwtFailure.Digests(
                SdJwtFailure.Digests.Reason.WRONG_DISCLOSURE_SHAPE,
                "an array element disclosure is referenced from '_sd' at " + path));
        continue;
      }
      String name = d.claimName().orElseThrow();
      if (out.has(name)) {
        failures.add(
            new SdJwtFailure.Digests(
                SdJwtFailure.Digests.Reason.CLAIM_CONFLICT,
                "disclosed claim '" + name + "' already exists at " + path));
        continue;
      }
      Path claimPath = path.append(name);
      disclosed.add(new DisclosedClaim(claimPath.toList(), d));
      out.set(name, value(d.valueUnsafe(), claimPath, depth + 1));
    }
    return out;
  }

  /** A new object with the first {@code n} members of {@code in} (which has no {@code _sd}). */
  private static ObjectNode firstMembers(ObjectNode in, int n) {
    ObjectNode out = Json.object();
    Iterator<Map.Entry<String, JsonNode>> it = in.properties().iterator();
    for (int i = 0; i < n; i++) {
      Map.Entry<String, JsonNode> e = it.next();
      out.set(e.getKey(), e.getValue());
    }
    return out;
  }

  private ArrayNode array(ArrayNode in, Path path, int depth) {
    ArrayNode out = null; // null while every element is unchanged
    for (int i = 0; i < in.size(); i++) {
      JsonNode element = in.get(i);
      JsonNode ref =
          element instanceof ObjectNode && element.size() == 1
              ? element.get(SdJwtNames.ARRAY_ELEMENT_DIGEST)
              : null;
      if (ref == null) {
        // Indexes count the elements of the processed array.
        JsonNode processed = child(element, path, out == null ? i : out.size(), depth + 1);
        if (out == null && processed != element) {
          out = firstElements(in, i);
        }
        if (out != null) {
          out.add(processed);
        }
        continue;
      }
      if (out == null) {
        out = firstElements(in, i);
      }
      if (!ref.isTextual()) {
        failures.add(malformed("'...' in the array at " + path + " is not a string"));
        continue;
      }
      Disclosure d = match(ref.textValue());
      if (d == null) {
        continue; // undisclosed element or decoy: removed
      }
      if (!d.isArrayElement()) {
        failures.add(
            new SdJwtFailure.Digests(
                SdJwtFailure.Digests.Reason.WRONG_DISCLOSURE_SHAPE,
                "an object property disclosure is referenced from '...' in the array at " + path));
        continue;
      }
      Path elementPath = path.append(out.size());
      disclosed.add(new DisclosedClaim(elementPath.toList(), d));
      out.add(value(d.valueUnsafe(), elementPath, depth + 1));
    }
    return out == null ? in : out;
  }

  private static ArrayNode firstElements(ArrayNode in, int n) {
    ArrayNode out = Json.mapper().createArrayNode();
    for (int i = 0; i < n; i++) {
      out.add(in.get(i));
    }
    return out;
  }

  /** The disclosure for a digest, or null; records the digest and reports repeats. */
  private Disclosure match(String digest) {
    Integer i = byDigest.get(digest);
    if (i == null ? !seenUndisclosed.add(digest) : used[i]) {
      failures.add(
          new SdJwtFailure.Digests(
              SdJwtFailure.Digests.Reason.DUPLICATE_DIGEST,
              "digest " + digest + " appears more than once"));
      return null;
    }
    if (i == null) {
      undisclosedDigests++;
      return null;
    }
    used[i] = true;
    return disclosures.get(i);
  }

  private static SdJwtFailure malformed(String message) {
    return new SdJwtFailure.Digests(SdJwtFailure.Digests.Reason.MALFORMED_SD, message);
  }

  private static String describe(Disclosure d) {
    return d.isArrayElement() ? "array element" : "claim '" + d.claimName().orElseThrow() + "'";
  }
}
