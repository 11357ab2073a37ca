package nl.leerbewijs.core.trust;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import nl.leerbewijs.core.keys.IssuerKey;

/**
 * One issuer in a trust list: its identifier (the {@code iss} of its credentials, which is its
 * OpenID4VCI credential issuer URL), display names by language, registry identifiers, the
 * credential types it may issue, its pinned keys and/or X.509 trust anchors (and whether its keys
 * may come from its JWT VC Issuer Metadata), and the URI prefixes its status lists live under.
 *
 * @param id the credential issuer identifier; compared with {@code iss} by exact string equality
 * @param names display name per BCP 47 language tag ({@code nl}, {@code en})
 * @param credentialTypes credential type ids this issuer is trusted for
 * @param pinnedKeys keys trusted directly (by {@code kid})
 * @param trustAnchors CA certificates an {@code x5c} chain must build to
 * @param statusListUriPrefixes only status lists under these prefixes are fetched for this issuer
 * @param keysFromMetadata whether the issuer's keys may also be fetched from its JWT VC Issuer
 *     Metadata at {@code <origin>/.well-known/jwt-vc-issuer<path of id>} (pinned keys and anchors
 *     are tried first)
 */
public record TrustedIssuer(
    String id,
    Map<String, String> names,
    IssuerIdentifiers identifiers,
    List<String> credentialTypes,
    List<IssuerKey> pinnedKeys,
    List<X509Certificate> trustAnchors,
    List<String> statusListUriPrefixes,
    boolean keysFromMetadata) {

  public TrustedIssuer {
    Objects.requireNonNull(id, "id");
    names = Map.copyOf(names);
    Objects.requireNonNull(identifiers, "identifiers");
    credentialTypes = List.copyOf(credentialTypes);
    pinnedKeys = List.copyOf(pinnedKeys);
    trustAnchors = List.copyOf(trustAnchors);
    statusListUriPrefixes = List.copyOf(statusListUriPrefixes);
  }

  /** An issuer whose keys are pinned or come from X.509 anchors only (no metadata). */
  public TrustedIssuer(
      String id,
      Map<String, String> names,
      IssuerIdentifiers identifiers,
      List<String> credentialTypes,
      List<IssuerKey> pinnedKeys,
      List<X509Certificate> trustAnchors,
      List<String> statusListUriPrefixes) {
    this(
        id,
        names,
        identifiers,
        credentialTypes,
        pinnedKeys,
        trustAnchors,
        statusListUriPrefixes,
        false);
  }

  /** The display name in the language, else Dutch, else English, else the id. */
  public String displayName(String language) {
    String n = names.get(language);
    if (n == null) {
      n = names.getOrDefault("nl", names.getOrDefault("en", id));
    }
    return n;
  }

  @Override
  public String toString() {
    return "TrustedIssuer["
        + id
        + ", keys="
        + pinnedKeys.size()
        + ", anchors="
        + trustAnchors.size()
        + (keysFromMetadata ? ", keys from metadata" : "")
        + "]";
  }
}
