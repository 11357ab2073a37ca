package nl.leerbewijs.core.sdjwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
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
    ObjectNode claims = object(payload, List.of(), 0);
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

  private JsonNode value(JsonNode v, List<Object> path, int depth) {
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
    if (v.isObject()) {
      return object((ObjectNode) v, path, depth);
    }
    if (v.isArray()) {
      return array((ArrayNode) v, path, depth);
    }
    return v;
  }

  /**
   * {@link #value} of a plain member or element; its path is only built when the value is a
   * container (a scalar needs none), which spares an allocation per plain claim.
   */
  private JsonNode child(JsonNode v, List<Object> parent, Object key, int depth) {
    if (depth <= MAX_DEPTH && !v.isContainerNode()) {
      return v;
    }
    return value(v, ClaimPath.append(parent, key), depth);
  }

  private ObjectNode object(ObjectNode in, List<Object> path, int depth) {
    ObjectNode out = Json.object();
    Iterator<Map.Entry<String, JsonNode>> it = in.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!SdJwtNames.SD.equals(e.getKey())) {
        out.set(e.getKey(), child(e.getValue(), path, e.getKey(), depth + 1));
      }
    }
    JsonNode sd = in.get(SdJwtNames.SD);
    if (sd == null) {
      return out;
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
      List<Object> claimPath = ClaimPath.append(path, name);
      disclosed.add(new DisclosedClaim(claimPath, d));
      out.set(name, value(d.valueUnsafe(), claimPath, depth + 1));
    }
    return out;
  }

  private ArrayNode array(ArrayNode in, List<Object> path, int depth) {
    ArrayNode out = Json.mapper().createArrayNode();
    for (JsonNode element : in) {
      JsonNode ref =
          element.isObject() && element.size() == 1
              ? element.get(SdJwtNames.ARRAY_ELEMENT_DIGEST)
              : null;
      if (ref == null) {
        out.add(child(element, path, out.size(), depth + 1));
        continue;
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
      List<Object> elementPath = ClaimPath.append(path, out.size());
      disclosed.add(new DisclosedClaim(elementPath, d));
      out.add(value(d.valueUnsafe(), elementPath, depth + 1));
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
