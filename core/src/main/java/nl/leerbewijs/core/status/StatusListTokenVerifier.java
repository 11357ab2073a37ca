package nl.leerbewijs.core.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import nl.leerbewijs.core.jose.AlgorithmPolicy;
import nl.leerbewijs.core.jose.CompactJws;
import nl.leerbewijs.core.jose.JoseParseException;
import nl.leerbewijs.core.jose.JwsAlgorithm;
import nl.leerbewijs.core.jose.JwsVerifier;

/**
 * Verifies a Status List Token in JWT form (draft-ietf-oauth-status-list sections 5.1 and 8.3) with
 * a key the caller has already decided to trust. Immutable and thread-safe.
 *
 * <p>Checks, in this order, each failing with its own {@link StatusListFailure}: compact JWS form;
 * {@code typ} is {@code statuslist+jwt} (or {@code application/statuslist+jwt}); {@code alg} is on
 * the {@link AlgorithmPolicy}; the signature verifies with the given key; the claims have a string
 * {@code sub}, a numeric {@code iat}, numeric {@code exp}/{@code nbf} when present, a positive
 * integer {@code ttl} when present, and a {@code status_list} object with {@code bits} 1|2|4|8, a
 * string {@code lst} and an optional string {@code aggregation_uri}; {@code sub} equals the URI the
 * credential referenced (simple string comparison); {@code exp} has not passed and {@code nbf} and
 * {@code iat} are not in the future, each with the configured clock skew; and {@code lst}
 * decompresses within the size cap. The list is decompressed only after the signature is good.
 *
 * <p>Not checked: {@code iss} (the trust decision is the caller's, through the key), freshness of
 * {@code iat} beyond the skew, and caching, for which the caller reads {@link
 * VerifiedStatusList#ttl()}.
 */
public final class StatusListTokenVerifier {

  /** Largest clock skew a verifier may be configured with. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  /** Default clock skew. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

  private static final long MAX_EPOCH_SECOND = 253402300799L; // 9999-12-31T23:59:59Z

  private final AlgorithmPolicy algorithms;
  private final Clock clock;
  private final Duration skew;
  private final int maxDecompressedBytes;

  private StatusListTokenVerifier(Builder b) {
    this.algorithms = b.algorithms;
    this.clock = b.clock;
    this.skew = b.skew;
    this.maxDecompressedBytes = b.maxDecompressedBytes;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies {@code token}.
   *
   * @param token the compact Status List Token as fetched
   * @param expectedUri the {@code status.status_list.uri} of the credential being checked
   * @param key the Status Issuer's public key, chosen and trusted by the caller
   */
  public StatusListTokenResult verify(String token, String expectedUri, PublicKey key) {
    Objects.requireNonNull(expectedUri, "expectedUri");
    Objects.requireNonNull(key, "key");
    CompactJws jws;
    try {
      jws = CompactJws.parse(token, "status list token");
    } catch (JoseParseException e) {
      return reject(new StatusListFailure.Malformed(e.getMessage()));
    }
    String typ = jws.typ();
    if (typ == null || !isStatusListType(typ)) {
      return reject(new StatusListFailure.WrongType(typ));
    }
    Optional<JwsAlgorithm> alg = algorithms.accept(jws.alg());
    if (alg.isEmpty()) {
      return reject(new StatusListFailure.AlgorithmNotAllowed(jws.alg()));
    }
    if (!JwsVerifier.verify(jws, key, alg.get())) {
      return reject(new StatusListFailure.BadSignature(jws.kid()));
    }
    Claims claims;
    try {
      claims = Claims.of(jws.payloadObject());
    } catch (JoseParseException e) {
      return reject(new StatusListFailure.Malformed(e.getMessage()));
    }
    if (!expectedUri.equals(claims.sub)) {
      return reject(new StatusListFailure.SubjectMismatch(expectedUri, claims.sub));
    }
    Instant now = clock.instant();
    if (claims.exp != null && now.isAfter(claims.exp.plus(skew))) {
      return reject(new StatusListFailure.Expired(claims.exp, now));
    }
    if (claims.nbf != null && now.plus(skew).isBefore(claims.nbf)) {
      return reject(new StatusListFailure.NotYetValid(claims.nbf, now));
    }
    if (now.plus(skew).isBefore(claims.iat)) {
      return reject(new StatusListFailure.NotYetValid(claims.iat, now));
    }
    StatusList list;
    try {
      list = StatusList.decode(claims.bits, claims.lst, maxDecompressedBytes);
    } catch (StatusListParseException e) {
      return reject(new StatusListFailure.Malformed(e.getMessage()));
    }
    return new StatusListTokenResult.Verified(
        new VerifiedStatusList(
            claims.sub, claims.iat, claims.exp, claims.ttl, claims.aggregationUri, list));
  }

  private static StatusListTokenResult reject(StatusListFailure failure) {
    return new StatusListTokenResult.Rejected(failure);
  }

  private static boolean isStatusListType(String typ) {
    // RFC 7515 section 4.1.9: "application/" may be omitted; media types compare
    // case-insensitively.
    String t = typ.toLowerCase(Locale.ROOT);
    return t.equals(StatusListNames.TYP_STATUSLIST_JWT)
        || t.equals(StatusListNames.MEDIA_TYPE_STATUSLIST_JWT);
  }

  /** The claims we read, checked for form. */
  private static final class Claims {
    String sub;
    Instant iat;
    Instant exp;
    Instant nbf;
    Duration ttl;
    int bits;
    String lst;
    String aggregationUri;

    static Claims of(ObjectNode payload) throws JoseParseException {
      Claims c = new Claims();
      c.sub = requiredString(payload, StatusListNames.SUB, "claim");
      JsonNode iat = payload.get(StatusListNames.IAT);
      if (iat == null) {
        throw new JoseParseException("status list token has no 'iat'");
      }
      c.iat = numericDate(iat, StatusListNames.IAT);
      JsonNode exp = payload.get(StatusListNames.EXP);
      c.exp = exp == null ? null : numericDate(exp, StatusListNames.EXP);
      JsonNode nbf = payload.get(StatusListNames.NBF);
      c.nbf = nbf == null ? null : numericDate(nbf, StatusListNames.NBF);
      JsonNode ttl = payload.get(StatusListNames.TTL);
      if (ttl != null) {
        // Section 5.1: "MUST be a positive number".
        if (!ttl.isIntegralNumber() || !ttl.canConvertToLong() || ttl.asLong() < 1) {
          throw new JoseParseException("status list token 'ttl' is not a positive integer");
        }
        c.ttl = Duration.ofSeconds(ttl.asLong());
      }
      JsonNode sl = payload.get(StatusListNames.STATUS_LIST);
      if (sl == null || !sl.isObject()) {
        throw new JoseParseException("status list token has no 'status_list' object");
      }
      JsonNode bits = sl.get(StatusListNames.BITS);
      if (bits == null || !bits.isIntegralNumber() || !bits.canConvertToInt()) {
        throw new JoseParseException("status_list has no integer 'bits'");
      }
      c.bits = bits.asInt();
      if (!StatusList.isAllowedBits(c.bits)) {
        throw new JoseParseException("status_list 'bits' must be 1, 2, 4 or 8, got " + c.bits);
      }
      c.lst = requiredString(sl, StatusListNames.LST, "status_list member");
      JsonNode agg = sl.get(StatusListNames.AGGREGATION_URI);
      if (agg != null && !agg.isTextual()) {
        throw new JoseParseException("status_list 'aggregation_uri' is not a string");
      }
      c.aggregationUri = agg == null ? null : agg.asText();
      return c;
    }

    private static String requiredString(JsonNode node, String name, String what)
        throws JoseParseException {
      JsonNode v = node.get(name);
      if (v == null || !v.isTextual()) {
        throw new JoseParseException("status list token has no string " + what + " '" + name + "'");
      }
      return v.asText();
    }

    private static Instant numericDate(JsonNode v, String name) throws JoseParseException {
      if (!v.isNumber()) {
        throw new JoseParseException("status list token '" + name + "' is not a number");
      }
      BigDecimal d = v.decimalValue().setScale(0, RoundingMode.FLOOR);
      if (d.signum() < 0 || d.compareTo(BigDecimal.valueOf(MAX_EPOCH_SECOND)) > 0) {
        throw new JoseParseException("status list token '" + name + "' is out of range");
      }
      return Instant.ofEpochSecond(d.longValueExact());
    }
  }

  /** Immutable settings of a {@link StatusListTokenVerifier}. */
  public static final class Builder {
    private AlgorithmPolicy algorithms = AlgorithmPolicy.DEFAULT;
    private Clock clock = Clock.systemUTC();
    private Duration skew = DEFAULT_CLOCK_SKEW;
    private int maxDecompressedBytes = StatusList.DEFAULT_MAX_DECOMPRESSED_BYTES;

    private Builder() {}

    public Builder algorithms(AlgorithmPolicy algorithms) {
      this.algorithms = Objects.requireNonNull(algorithms, "algorithms");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Clock skew tolerated on exp, nbf and iat; between zero and {@link #MAX_CLOCK_SKEW}. */
    public Builder clockSkew(Duration skew) {
      if (skew.isNegative() || skew.compareTo(MAX_CLOCK_SKEW) > 0) {
        throw new IllegalArgumentException(
            "clock skew must be between 0 and " + MAX_CLOCK_SKEW + ", got " + skew);
      }
      this.skew = skew;
      return this;
    }

    /** Cap on the decompressed list size in bytes. */
    public Builder maxDecompressedBytes(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxDecompressedBytes must be positive, got " + max);
      }
      this.maxDecompressedBytes = max;
      return this;
    }

    public StatusListTokenVerifier build() {
      return new StatusListTokenVerifier(this);
    }
  }
}
