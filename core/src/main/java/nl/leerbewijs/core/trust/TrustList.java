package nl.leerbewijs.core.trust;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509CRL;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import nl.leerbewijs.core.keys.IssuerKey;
import nl.leerbewijs.core.keys.KeyFormatException;
import nl.leerbewijs.core.keys.KeyLoader;

/**
 * The schools (issuers) a verifier trusts, with the keys and CA certificates that vouch for them.
 * Format: {@code docs/trust-list.md}. Immutable and thread-safe.
 *
 * <p>Security contract of {@link #resolve}: a key is returned as {@link KeyResolution.Trusted} only
 * when (a) it is pinned in the issuer's {@code jwks} under the given {@code kid} (or is the
 * issuer's only pinned key and the token names no {@code kid} and no {@code x5c}), or (b) the
 * token's {@code x5c} chain validates with RFC 5280 PKIX against one of <em>that issuer's</em>
 * trust anchors at the given instant, and its leaf holds an EC P-256 key, allows {@code
 * digitalSignature} (when key usage is present) and names the issuer as a subjectAltName URI equal
 * to {@code iss}, or (c) the issuer's entry says {@code keys_from_metadata}, neither (a) nor (b)
 * applies, and the key with that {@code kid} is in the issuer's JWT VC Issuer Metadata, fetched by
 * the {@link IssuerMetadataKeys} attached with {@link #withIssuerMetadata} from the address derived
 * from the <em>trusted</em> issuer id (never from an address in the token). Revocation of
 * certificates is checked only when CRLs are supplied with {@link #withCrls}. Issuers are matched
 * by exact string equality of {@code iss}; an issuer not on the list is never fetched for.
 */
public final class TrustList implements IssuerKeyResolver {

  private final String name;
  private final List<TrustedIssuer> issuers;
  private final Map<String, TrustedIssuer> byId;
  private final List<X509CRL> crls;
  private final IssuerMetadataKeys metadataKeys; // null: no metadata is fetched
  private final Map<String, List<URI>> statusListPrefixes; // parsed once, by issuer id

  /** Most status list URI decisions remembered ({@link #statusListUriAllowed}). */
  private static final int MAX_CACHED_DECISIONS = 1024;

  private static final int MAX_CACHED_URI_LENGTH = 512;

  private final Map<String, Boolean> statusListDecisions = new ConcurrentHashMap<>();

  TrustList(String name, List<TrustedIssuer> issuers, Collection<X509CRL> crls) {
    this(name, issuers, crls, null);
  }

  private TrustList(
      String name,
      List<TrustedIssuer> issuers,
      Collection<X509CRL> crls,
      IssuerMetadataKeys metadataKeys) {
    this.name = Objects.requireNonNull(name, "name");
    this.issuers = List.copyOf(issuers);
    this.crls = List.copyOf(crls);
    this.metadataKeys = metadataKeys;
    Map<String, TrustedIssuer> map = new HashMap<>();
    for (TrustedIssuer i : this.issuers) {
      if (map.put(i.id(), i) != null) {
        throw new IllegalArgumentException("duplicate issuer id " + i.id());
      }
    }
    this.byId = Map.copyOf(map);
    Map<String, List<URI>> prefixes = new HashMap<>();
    for (TrustedIssuer i : this.issuers) {
      List<URI> uris = new ArrayList<>();
      for (String prefix : i.statusListUriPrefixes()) {
        // The parser only admits prefixes that pass IssuerUris.prefixProblem; one built in code
        // that is not even an absolute URI with a host can never match.
        try {
          URI u = new URI(prefix);
          if (u.getScheme() != null && u.getHost() != null) {
            uris.add(u);
          }
        } catch (URISyntaxException e) {
          // never matches
        }
      }
      prefixes.put(i.id(), List.copyOf(uris));
    }
    this.statusListPrefixes = Map.copyOf(prefixes);
  }

  /**
   * Parses and checks a trust list.
   *
   * @throws TrustListException naming the offending field when the document breaks any rule
   */
  public static TrustList parse(byte[] json) {
    return TrustListParser.parse(json);
  }

  /** A trust list built in code (issuers are taken as they are; ids must be unique). */
  public static TrustList of(String name, List<TrustedIssuer> issuers) {
    return new TrustList(name, issuers, List.of());
  }

  /** A copy that checks certificate revocation against these CRLs during x5c validation. */
  public TrustList withCrls(Collection<X509CRL> crls) {
    return new TrustList(name, issuers, crls, metadataKeys);
  }

  /**
   * A copy that fetches the keys of issuers whose entry says {@code keys_from_metadata} from their
   * JWT VC Issuer Metadata through {@code keys} (shared, so its cache outlives a reloaded list).
   * Without it, such issuers' metadata keys are reported unavailable.
   */
  public TrustList withIssuerMetadata(IssuerMetadataKeys keys) {
    return new TrustList(name, issuers, crls, Objects.requireNonNull(keys, "keys"));
  }

  public String name() {
    return name;
  }

  public List<TrustedIssuer> issuers() {
    return issuers;
  }

  /** The trusted issuer whose id equals {@code iss} exactly. */
  public Optional<TrustedIssuer> issuer(String iss) {
    return iss == null ? Optional.empty() : Optional.ofNullable(byId.get(iss));
  }

  /** Whether {@code iss} is trusted to issue credentials of the type id. */
  public boolean allowsType(String iss, String typeId) {
    return issuer(iss).map(i -> i.credentialTypes().contains(typeId)).orElse(false);
  }

  /**
   * Whether a status list URI may be fetched on behalf of {@code iss}: it must lie under one of the
   * issuer's status list prefixes (same scheme, host and port; raw path starting with the prefix
   * path; no user info, fragment, dot segments or encoded slashes). Guards against SSRF through
   * crafted {@code status.status_list.uri} claims.
   */
  public boolean statusListUriAllowed(String iss, String uri) {
    List<URI> prefixes = iss == null ? null : statusListPrefixes.get(iss);
    if (prefixes == null || uri == null) {
      return false;
    }
    // Many credentials share one status list: remember the (pure) decision for recent URIs.
    if (uri.length() > MAX_CACHED_URI_LENGTH) {
      return IssuerUris.underAny(prefixes, uri);
    }
    String key = iss.length() + ":" + iss + uri; // unambiguous
    Boolean known = statusListDecisions.get(key);
    if (known != null) {
      return known;
    }
    boolean allowed = IssuerUris.underAny(prefixes, uri);
    if (statusListDecisions.size() >= MAX_CACHED_DECISIONS) {
      statusListDecisions.clear();
    }
    statusListDecisions.put(key, allowed);
    return allowed;
  }

  @Override
  public KeyResolution resolve(String iss, String kid, List<String> x5cBase64Der, Instant at) {
    Objects.requireNonNull(at, "at");
    List<String> x5c = x5cBase64Der == null ? List.of() : x5cBase64Der;
    Optional<TrustedIssuer> found = issuer(iss);
    if (found.isEmpty()) {
      return new KeyResolution.UnknownIssuer(iss);
    }
    TrustedIssuer issuer = found.get();
    if (kid != null) {
      for (IssuerKey k : issuer.pinnedKeys()) {
        if (k.kid().equals(kid)) {
          return new KeyResolution.Trusted(
              k.publicKey(), issuer, KeyResolution.Trusted.VIA_PINNED_JWK);
        }
      }
    }
    if (!x5c.isEmpty() && !issuer.trustAnchors().isEmpty()) {
      return X509ChainValidator.validate(issuer, x5c, at, crls);
    }
    if (kid == null && x5c.isEmpty() && issuer.pinnedKeys().size() == 1) {
      IssuerKey only = issuer.pinnedKeys().get(0);
      return new KeyResolution.Trusted(
          only.publicKey(), issuer, KeyResolution.Trusted.VIA_PINNED_JWK);
    }
    if (issuer.keysFromMetadata()) {
      // An x5c without anchors to check it against is ignored here: the key is looked up by kid.
      if (metadataKeys == null) {
        return new KeyResolution.KeysUnavailable(
            iss, "this verifier is not set up to fetch issuer metadata");
      }
      return metadataKeys.resolve(issuer, kid);
    }
    if (!x5c.isEmpty()) {
      return new KeyResolution.UntrustedChain(iss, "issuer " + iss + " has no X.509 trust anchors");
    }
    return new KeyResolution.UnknownKey(iss, kid);
  }

  /**
   * The leaf public key of an {@code x5c} chain, WITHOUT any trust decision.
   *
   * <p>ONLY for reporting that a self-consistent signature exists ("signed, but by an issuer that
   * is not trusted"). Never use the returned key for a verdict of valid: anyone can make a
   * certificate that names any issuer.
   *
   * @return the leaf's P-256 key, or empty when the chain is missing, malformed or not P-256
   */
  public static Optional<ECPublicKey> keyFromX5cUntrusted(List<String> x5c) {
    if (x5c == null || x5c.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          KeyLoader.publicKeyFromCertificate(KeyLoader.certificatesFromX5c(x5c).get(0)));
    } catch (KeyFormatException e) {
      return Optional.empty();
    }
  }

  /** The set of issuer ids, for diagnostics. */
  public Set<String> issuerIds() {
    return byId.keySet();
  }

  @Override
  public String toString() {
    return "TrustList[" + name + ", issuers=" + issuers.size() + "]";
  }
}
