package nl.leerbewijs.core.sdjwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import nl.leerbewijs.core.jose.JwsSigner;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.sdjwt.DisclosurePlan.PathNode;

/**
 * Issues SD-JWTs (RFC 9901 section 4): replaces the claims at the given paths by digests, signs the
 * payload and appends the disclosures: {@code <issuer-signed JWT>~<disclosure>~...~}.
 *
 * <p>A path marks the claim at that place as selectively disclosable. Paths nest: with {@code
 * ["learner"]} and {@code ["learner","birthdate"]} both present, the learner object is disclosable
 * and, inside its disclosure, so is the birthdate (recursive disclosure, section 6.3); with only
 * the second, the learner object stays plain and holds a digest for the birthdate. A {@code null}
 * element means every element of an array ({@link ClaimPath#ALL_ELEMENTS}). Paths that match no
 * claim are ignored, so one set of paths serves credentials whose optional claims vary.
 *
 * <p>Each {@code _sd} array gets a random number of decoy digests in the configured range (section
 * 4.2.5) and is sorted, which hides the original claim order. Thread-safe and immutable.
 */
public final class SdJwtIssuer {

  private final JwsSigner signer;
  private final SaltSource salts;
  private final int minDecoys;
  private final int maxDecoys;
  private final DisclosureFormat format;

  private SdJwtIssuer(Builder b) {
    this.signer = b.signer;
    this.salts = b.salts;
    this.minDecoys = b.minDecoys;
    this.maxDecoys = b.maxDecoys;
    this.format = b.format;
  }

  public static Builder builder(JwsSigner signer) {
    return new Builder(signer);
  }

  /** The payload to sign and its disclosures, in the order they were created. */
  public static final class Encoded {
    private final ObjectNode payload;
    private final List<Disclosure> disclosures;

    Encoded(ObjectNode payload, List<Disclosure> disclosures) {
      this.payload = payload;
      this.disclosures = Collections.unmodifiableList(disclosures);
    }

    /** The issuer-signed JWT payload, a defensive copy. */
    public ObjectNode payload() {
      return payload.deepCopy();
    }

    public List<Disclosure> disclosures() {
      return disclosures;
    }
  }

  /**
   * Signs an SD-JWT.
   *
   * @param header the JWS header (typ, kid, x5c...); {@code alg} is set by the signer
   * @param claims the full claims; not modified
   * @param sdPaths the claims to make selectively disclosable, see the class comment
   * @return the compact serialization, ending with {@code ~}
   * @throws IllegalArgumentException when a path is malformed or the claims use a name reserved by
   *     RFC 9901 ({@code _sd}, {@code ...}, top-level {@code _sd_alg})
   */
  public String issue(ObjectNode header, ObjectNode claims, Set<List<Object>> sdPaths) {
    return issue(signer.prepare(header), claims, DisclosurePlan.of(sdPaths));
  }

  /**
   * Signs an SD-JWT with a header prepared once by this issuer's signer ({@link JwsSigner#prepare})
   * and a compiled plan: the form for issuing many credentials.
   *
   * @param claims the full claims; not modified
   * @throws IllegalArgumentException when the header was prepared by another signer or the claims
   *     use a name reserved by RFC 9901 ({@code _sd}, {@code ...}, top-level {@code _sd_alg})
   */
  public String issue(JwsSigner.PreparedHeader header, ObjectNode claims, DisclosurePlan plan) {
    List<Disclosure> disclosures = new ArrayList<>();
    // No copy of the claims: encoding never modifies its input, and the payload (which shares the
    // unchanged parts of the claims) and the disclosures do not outlive this call.
    ObjectNode payload = encode(claims, plan, disclosures);
    String jws = signer.sign(header, Json.write(payload));
    int length = jws.length() + 1;
    for (Disclosure d : disclosures) {
      length += d.encoded().length() + 1;
    }
    StringBuilder out = new StringBuilder(length);
    out.append(jws).append(SdJwtNames.SEPARATOR);
    for (Disclosure d : disclosures) {
      out.append(d.encoded()).append(SdJwtNames.SEPARATOR);
    }
    return out.toString();
  }

  /** Builds the payload and disclosures without signing (for inspection and tests). */
  public Encoded encode(ObjectNode claims, Set<List<Object>> sdPaths) {
    Objects.requireNonNull(claims, "claims");
    return encode(claims, DisclosurePlan.of(sdPaths));
  }

  /** Builds the payload and disclosures without signing (for inspection and tests). */
  public Encoded encode(ObjectNode claims, DisclosurePlan plan) {
    Objects.requireNonNull(claims, "claims");
    List<Disclosure> disclosures = new ArrayList<>();
    // A private copy, so that the result shares nothing with the caller's claims.
    ObjectNode payload = encode(claims.deepCopy(), plan, disclosures);
    return new Encoded(payload, disclosures);
  }

  /**
   * The payload for {@code claims}, which is not modified; disclosures are appended to {@code out}
   * and own their values, which may be parts of {@code claims}.
   */
  private ObjectNode encode(ObjectNode claims, DisclosurePlan plan, List<Disclosure> out) {
    Objects.requireNonNull(claims, "claims");
    Objects.requireNonNull(plan, "plan");
    if (claims.has(SdJwtNames.SD_ALG)) {
      throw new IllegalArgumentException("claims must not contain '_sd_alg'; the issuer adds it");
    }
    requireNoReservedKeys(claims);
    // The root always has a path node, so the result is a new object, never the input itself.
    ObjectNode payload = encodeObject(claims, Collections.singletonList(plan.root()), out);
    payload.put(SdJwtNames.SD_ALG, SdJwtNames.SHA_256);
    return payload;
  }

  private JsonNode encodeValue(JsonNode value, List<PathNode> nodes, List<Disclosure> out) {
    if (nodes.isEmpty()) {
      return value;
    }
    if (value.isObject()) {
      return encodeObject((ObjectNode) value, nodes, out);
    }
    if (value.isArray()) {
      return encodeArray((ArrayNode) value, nodes, out);
    }
    return value;
  }

  private ObjectNode encodeObject(ObjectNode in, List<PathNode> nodes, List<Disclosure> out) {
    ObjectNode plain = Json.object();
    List<String> digests = null;
    for (Map.Entry<String, JsonNode> field : in.properties()) {
      String name = field.getKey();
      List<PathNode> children = null;
      for (PathNode n : nodes) {
        PathNode child = n.named == null ? null : n.named.get(name);
        if (child != null) {
          if (children == null) {
            children = new ArrayList<>(1);
          }
          children.add(child);
        }
      }
      if (children == null) {
        plain.set(name, field.getValue()); // no path reaches into it: unchanged
        continue;
      }
      JsonNode encoded = encodeValue(field.getValue(), children, out);
      if (anySd(children)) {
        Disclosure d = Disclosure.createOwned(salts.nextSalt(), name, encoded, format);
        out.add(d);
        if (digests == null) {
          digests = new ArrayList<>();
        }
        digests.add(d.digest());
      } else {
        plain.set(name, encoded);
      }
    }
    if (digests == null) {
      return plain;
    }
    addDecoys(digests);
    Collections.sort(digests);
    ObjectNode result = Json.object();
    ArrayNode sd = result.putArray(SdJwtNames.SD);
    digests.forEach(sd::add);
    result.setAll(plain);
    return result;
  }

  private JsonNode encodeArray(ArrayNode in, List<PathNode> nodes, List<Disclosure> out) {
    ArrayNode result = Json.mapper().createArrayNode();
    for (int i = 0; i < in.size(); i++) {
      List<PathNode> children = new ArrayList<>(2);
      for (PathNode n : nodes) {
        if (n.indexed != null && n.indexed.containsKey(i)) {
          children.add(n.indexed.get(i));
        }
        if (n.any != null) {
          children.add(n.any);
        }
      }
      JsonNode encoded = encodeValue(in.get(i), children, out);
      if (anySd(children)) {
        Disclosure d = Disclosure.createOwned(salts.nextSalt(), null, encoded, format);
        out.add(d);
        result.addObject().put(SdJwtNames.ARRAY_ELEMENT_DIGEST, d.digest());
      } else {
        result.add(encoded);
      }
    }
    return result;
  }

  private void addDecoys(List<String> digests) {
    int n =
        minDecoys
            + (maxDecoys > minDecoys ? SecureSaltSource.nextInt(maxDecoys - minDecoys + 1) : 0);
    for (int i = 0; i < n; i++) {
      // A decoy is the digest of a random value (section 4.2.5); always from the secure source.
      digests.add(Sha256.digest(SecureSaltSource.INSTANCE.nextSalt()));
    }
  }

  private static boolean anySd(List<PathNode> nodes) {
    for (PathNode n : nodes) {
      if (n.sd) {
        return true;
      }
    }
    return false;
  }

  private static void requireNoReservedKeys(JsonNode node) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (Disclosure.isReservedName(e.getKey())) {
          throw new IllegalArgumentException(
              "claims must not contain the key '" + e.getKey() + "', reserved by RFC 9901");
        }
        JsonNode v = e.getValue();
        if (v.isContainerNode()) {
          requireNoReservedKeys(v);
        }
      }
    } else if (node.isArray()) {
      for (JsonNode e : node) {
        if (e.isContainerNode()) {
          requireNoReservedKeys(e);
        }
      }
    }
  }

  /** Builder; the signer is required, everything else has a secure default. */
  public static final class Builder {
    private final JwsSigner signer;
    private SaltSource salts = SaltSource.secure();
    private int minDecoys = 0;
    private int maxDecoys = 2;
    private DisclosureFormat format = DisclosureFormat.COMPACT;

    private Builder(JwsSigner signer) {
      this.signer = Objects.requireNonNull(signer, "signer");
    }

    public Builder saltSource(SaltSource salts) {
      this.salts = Objects.requireNonNull(salts, "salts");
      return this;
    }

    /** Decoy digests added to each {@code _sd} array: a random count in [min, max]. Default 0-2. */
    public Builder decoys(int min, int max) {
      if (min < 0 || max < min || max > 100) {
        throw new IllegalArgumentException("decoys need 0 <= min <= max <= 100");
      }
      this.minDecoys = min;
      this.maxDecoys = max;
      return this;
    }

    public Builder disclosureFormat(DisclosureFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    public SdJwtIssuer build() {
      return new SdJwtIssuer(this);
    }
  }
}
