package nl.leerbewijs.core.sdjwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import nl.leerbewijs.core.jose.JwsSigner;
import nl.leerbewijs.core.json.Base64Url;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.json.Utf8JsonWriter;
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
    return issue(header, LeadingClaims.NONE, claims, plan);
  }

  /**
   * Members the caller writes itself at the start of the payload, after {@code _sd}: plain claims
   * that are never disclosable and differ per credential (SD-JWT VC's {@code iss}, {@code iat},
   * {@code cnf}...), written straight into the payload instead of first being copied into a claims
   * object with the rest.
   */
  @FunctionalInterface
  public interface LeadingClaims {
    LeadingClaims NONE = out -> {};

    /**
     * Appends complete members ({@code "name":value}), separated by commas, with no comma before
     * the first or after the last. The names must not occur in the claims, must not be reserved by
     * RFC 9901 and must not be the target of a selective-disclosure path; the caller ensures it.
     */
    void write(Utf8JsonWriter out);
  }

  /**
   * As {@link #issue(JwsSigner.PreparedHeader, ObjectNode, DisclosurePlan)}, with plain members
   * written by the caller at the start of the payload.
   */
  public String issue(
      JwsSigner.PreparedHeader header,
      LeadingClaims leading,
      ObjectNode claims,
      DisclosurePlan plan) {
    Objects.requireNonNull(leading, "leading");
    Encoding encoding = encodeBytes(leading, claims, plan);
    try {
      Utf8JsonWriter payload = encoding.payload;
      Utf8JsonWriter out = encoding.writerLike(null);
      signer.sign(header, payload.buffer(), 0, payload.length(), out);
      out.raw(SdJwtNames.SEPARATOR).append(encoding.disclosures);
      return out.asciiString();
    } finally {
      encoding.release();
    }
  }

  /** Builds the payload and disclosures without signing (for inspection and tests). */
  public Encoded encode(ObjectNode claims, Set<List<Object>> sdPaths) {
    Objects.requireNonNull(claims, "claims");
    return encode(claims, DisclosurePlan.of(sdPaths));
  }

  /**
   * Builds the payload and disclosures without signing (for inspection and tests), with the same
   * encoder that {@link #issue} uses: the payload is read back from the bytes that would be signed,
   * the disclosures from their base64url text.
   */
  public Encoded encode(ObjectNode claims, DisclosurePlan plan) {
    Encoding encoding = encodeBytes(LeadingClaims.NONE, claims, plan);
    byte[] payloadBytes = encoding.payload.toByteArray();
    String all = encoding.disclosures.asciiString();
    encoding.release();
    ObjectNode payload = Json.parseObject(payloadBytes);
    List<Disclosure> disclosures = new ArrayList<>();
    int from = 0;
    for (int to = all.indexOf(SdJwtNames.SEPARATOR);
        to >= 0;
        to = all.indexOf(SdJwtNames.SEPARATOR, from)) {
      try {
        disclosures.add(Disclosure.parse(all.substring(from, to), "disclosure"));
      } catch (SdJwtParseException e) {
        throw new IllegalStateException("the encoder wrote a disclosure it cannot read", e);
      }
      from = to + 1;
    }
    return new Encoded(payload, disclosures);
  }

  private Encoding encodeBytes(LeadingClaims leading, ObjectNode claims, DisclosurePlan plan) {
    Objects.requireNonNull(claims, "claims");
    Objects.requireNonNull(plan, "plan");
    if (claims.has(SdJwtNames.SD_ALG)) {
      throw new IllegalArgumentException("claims must not contain '_sd_alg'; the issuer adds it");
    }
    requireNoReservedKeys(claims);
    Encoding encoding = new Encoding();
    try {
      encoding.object(claims, Collections.singletonList(plan.root()), encoding.payload, leading);
    } catch (RuntimeException | Error e) {
      encoding.release(); // the caller never sees this encoding: give its writers back here
      throw e;
    }
    return encoding;
  }

  /**
   * One credential being encoded: the payload and the disclosures ({@code <d1>~<d2>~...~}) are
   * written as bytes, and each disclosure's digest is taken over its base64url text where it lies,
   * without intermediate strings. The claims are only read.
   */
  private final class Encoding {
    final WriterPool pool = WriterPool.forThisThread();
    final List<Utf8JsonWriter> taken = new ArrayList<>();
    final Utf8JsonWriter payload = writerLike(null);
    final Utf8JsonWriter disclosures = writerLike(null);
    // Reset once here: every digest below ends with digest(), which resets it for the next.
    final MessageDigest sha256 = resetDigest();
    final byte[] decoySeed = new byte[SecureSaltSource.SALT_BYTES];

    private static MessageDigest resetDigest() {
      MessageDigest md = Sha256.threadDigest();
      md.reset(); // an issuance that failed halfway may have left input in it
      return md;
    }

    /** An empty writer with the layout of {@code layout} (compact when null). */
    Utf8JsonWriter writerLike(Utf8JsonWriter layout) {
      if (layout != null && !layout.isCompact()) {
        return layout.sameLayout(256);
      }
      Utf8JsonWriter w = pool.take();
      taken.add(w);
      return w;
    }

    /** Gives the writers back to the pool; nothing written by this encoding may be used after. */
    void release() {
      taken.forEach(pool::give);
      taken.clear();
    }

    void value(JsonNode value, List<PathNode> nodes, Utf8JsonWriter out) {
      if (nodes.isEmpty()) {
        out.value(value);
      } else if (value instanceof ObjectNode) {
        object((ObjectNode) value, nodes, out, null);
      } else if (value instanceof ArrayNode) {
        array((ArrayNode) value, nodes, out);
      } else {
        out.value(value);
      }
    }

    /**
     * Writes an object: {@code _sd} first (sorted digests with decoys), then the plain members in
     * their order, then, at the root, {@code _sd_alg}. Disclosures are created in member order.
     *
     * @param leading at the root, the caller's members to write before the plain ones; null below
     */
    void object(ObjectNode in, List<PathNode> nodes, Utf8JsonWriter out, LeadingClaims leading) {
      boolean root = leading != null;
      boolean hasDisclosures = hasDisclosableMember(in, nodes);
      // Plain members go straight to the output unless the _sd array has to come first.
      Utf8JsonWriter members = hasDisclosures ? writerLike(out) : out;
      if (!hasDisclosures) {
        out.raw('{');
      }
      int membersStart = members.length();
      if (root) {
        leading.write(members);
      }
      List<String> digests = hasDisclosures ? new ArrayList<>() : null;
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
        if (children != null && anySd(children)) {
          digests.add(disclose(name, field.getValue(), children));
          continue;
        }
        if (members.length() > membersStart) {
          members.comma();
        }
        members.name(name);
        value(field.getValue(), children == null ? List.of() : children, members);
      }
      if (hasDisclosures) {
        addDecoys(digests);
        Collections.sort(digests);
        out.raw('{').name(SdJwtNames.SD).raw('[');
        for (int i = 0; i < digests.size(); i++) {
          if (i > 0) {
            out.comma();
          }
          out.base64UrlString(digests.get(i));
        }
        out.raw(']');
        if (members.length() > 0) {
          out.comma().append(members);
        }
      }
      if (root) {
        if (hasDisclosures || out.length() > membersStart) {
          out.comma();
        }
        out.name(SdJwtNames.SD_ALG).string(SdJwtNames.SHA_256);
      }
      out.raw('}');
    }

    void array(ArrayNode in, List<PathNode> nodes, Utf8JsonWriter out) {
      out.raw('[');
      for (int i = 0; i < in.size(); i++) {
        if (i > 0) {
          out.comma();
        }
        List<PathNode> children = new ArrayList<>(2);
        for (PathNode n : nodes) {
          if (n.indexed != null && n.indexed.containsKey(i)) {
            children.add(n.indexed.get(i));
          }
          if (n.any != null) {
            children.add(n.any);
          }
        }
        if (anySd(children)) {
          String digest = disclose(null, in.get(i), children);
          out.raw('{').name(SdJwtNames.ARRAY_ELEMENT_DIGEST).base64UrlString(digest).raw('}');
        } else {
          value(in.get(i), children, out);
        }
      }
      out.raw(']');
    }

    /**
     * Creates the disclosure {@code [salt, name, value]} ({@code [salt, value]} for an array
     * element, {@code name} null) with the value encoded in turn, appends it and returns its
     * digest.
     */
    String disclose(String name, JsonNode value, List<PathNode> children) {
      Utf8JsonWriter d =
          format == DisclosureFormat.SPACED_ASCII ? Utf8JsonWriter.spacedAscii() : writerLike(null);
      if (reachesInside(children)) {
        // Disclosures nested in the value are made first and draw their salts first (the order
        // the RFC 9901 examples assume), so the value is encoded before this salt is drawn.
        Utf8JsonWriter encoded = writerLike(d);
        value(value, children, encoded);
        salt(d.raw('[')).comma();
        if (name != null) {
          d.string(name).comma();
        }
        d.append(encoded);
      } else {
        salt(d.raw('[')).comma();
        if (name != null) {
          d.string(name).comma();
        }
        value(value, children, d);
      }
      d.raw(']');
      int start = disclosures.length();
      disclosures.base64Url(d.buffer(), 0, d.length());
      sha256.update(disclosures.buffer(), start, disclosures.length() - start);
      disclosures.raw(SdJwtNames.SEPARATOR);
      return Base64Url.encode(sha256.digest());
    }

    /** Appends a fresh salt; the secure source writes its bytes straight in, as base64url. */
    Utf8JsonWriter salt(Utf8JsonWriter d) {
      if (salts == SecureSaltSource.INSTANCE) {
        SecureSaltSource.appendSalt(d);
      } else {
        d.string(salts.nextSalt());
      }
      return d;
    }

    private void addDecoys(List<String> digests) {
      int n =
          minDecoys
              + (maxDecoys > minDecoys ? SecureSaltSource.nextInt(maxDecoys - minDecoys + 1) : 0);
      for (int i = 0; i < n; i++) {
        // A decoy is the digest of a random value (section 4.2.5); always from the secure source.
        SecureSaltSource.nextBytes(decoySeed);
        digests.add(Base64Url.encode(sha256.digest(decoySeed)));
      }
    }
  }

  /**
   * Writers kept by one thread between issuances, so that encoding a credential allocates almost
   * nothing once warm. Writers that grew large are dropped, not kept.
   */
  private static final class WriterPool {
    private static final int KEEP_CAPACITY = 64 * 1024;
    private static final int KEEP_WRITERS = 32;
    private static final ThreadLocal<WriterPool> POOLS = ThreadLocal.withInitial(WriterPool::new);

    private final ArrayDeque<Utf8JsonWriter> free = new ArrayDeque<>();

    static WriterPool forThisThread() {
      return POOLS.get();
    }

    Utf8JsonWriter take() {
      Utf8JsonWriter w = free.poll();
      if (w == null) {
        return Utf8JsonWriter.compact(1024);
      }
      w.reset();
      return w;
    }

    void give(Utf8JsonWriter w) {
      if (w.capacity() <= KEEP_CAPACITY && free.size() < KEEP_WRITERS) {
        free.push(w);
      }
    }
  }

  /** Whether a path continues below these nodes, so the value may hold disclosures of its own. */
  private static boolean reachesInside(List<PathNode> nodes) {
    for (PathNode n : nodes) {
      if (n.named != null || n.indexed != null || n.any != null) {
        return true;
      }
    }
    return false;
  }

  /** Whether a path ending here names a member the object has: then it gets an {@code _sd}. */
  private static boolean hasDisclosableMember(ObjectNode in, List<PathNode> nodes) {
    for (PathNode n : nodes) {
      if (n.named == null) {
        continue;
      }
      for (Map.Entry<String, PathNode> e : n.named.entrySet()) {
        if (e.getValue().sd && in.has(e.getKey())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean anySd(List<PathNode> nodes) {
    for (PathNode n : nodes) {
      if (n.sd) {
        return true;
      }
    }
    return false;
  }

  // Type tests rather than isObject()/isContainerNode(): those are virtual calls on a dozen node
  // classes, a measurable part of issuance for a walk that looks at every claim.
  private static void requireNoReservedKeys(JsonNode node) {
    if (node instanceof ObjectNode) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (Disclosure.isReservedName(e.getKey())) {
          throw new IllegalArgumentException(
              "claims must not contain the key '" + e.getKey() + "', reserved by RFC 9901");
        }
        JsonNode v = e.getValue();
        if (v instanceof ContainerNode) {
          requireNoReservedKeys(v);
        }
      }
    } else if (node instanceof ArrayNode) {
      for (JsonNode e : node) {
        if (e instanceof ContainerNode) {
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
