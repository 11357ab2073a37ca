package nl.leerbewijs.core.trust;

import java.util.List;
import java.util.Set;

/**
 * Member names and fixed values of the leerbewijs trust list format ({@code docs/trust-list.md}).
 */
public final class TrustListFormat {

  /** The only format version this code reads. */
  public static final int VERSION = 1;

  /** Largest trust list accepted, in bytes. */
  public static final int MAX_BYTES = 5 * 1024 * 1024;

  public static final String VERSION_MEMBER = "version";
  public static final String NAME = "name";
  public static final String DESCRIPTION = "description";
  public static final String ISSUERS = "issuers";

  public static final String ID = "id";
  public static final String IDENTIFIERS = "identifiers";
  public static final String CREDENTIAL_TYPES = "credential_types";
  public static final String JWKS = "jwks";
  public static final String KEYS = "keys";
  public static final String X509_TRUST_ANCHORS = "x509_trust_anchors";
  public static final String STATUS_LIST_URI_PREFIXES = "status_list_uri_prefixes";
  public static final String KEYS_FROM_METADATA = "keys_from_metadata";

  public static final String BRIN = "brin";
  public static final String OIN = "oin";
  public static final String KVK = "kvk";

  /** Members allowed at the top level. */
  public static final Set<String> TOP_LEVEL_MEMBERS =
      Set.of(VERSION_MEMBER, NAME, DESCRIPTION, ISSUERS);

  /** Members allowed in an issuer entry. */
  public static final Set<String> ISSUER_MEMBERS =
      Set.of(
          ID,
          NAME,
          IDENTIFIERS,
          CREDENTIAL_TYPES,
          JWKS,
          X509_TRUST_ANCHORS,
          STATUS_LIST_URI_PREFIXES,
          KEYS_FROM_METADATA);

  /** Members allowed in {@code identifiers}. */
  public static final Set<String> IDENTIFIER_MEMBERS = Set.of(BRIN, OIN, KVK);

  /** JWK members that carry private or symmetric key material (RFC 7518 section 6). */
  public static final List<String> PRIVATE_JWK_MEMBERS =
      List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

  /**
   * The credential type ids a trust list may name. Kept as strings here until the credential model
   * ({@code nl.leerbewijs.core.credential}) owns them.
   */
  public static final Set<String> CREDENTIAL_TYPE_IDS =
      Set.of(
          "microcredential", "mbo-certificaat", "praktijkverklaring", "evc-ervaringscertificaat");

  private TrustListFormat() {}

  /**
   * Text from a file or a server for a message: at most 80 characters, and every control character
   * (C0, DEL, C1) and bidirectional formatting character as '?', so that a hostile value cannot
   * rewrite the terminal or reorder what the reader sees.
   */
  static String printable(String s) {
    String t = s.length() <= 80 ? s : s.substring(0, 80) + "...";
    StringBuilder out = new StringBuilder(t.length());
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      boolean hidden =
          c < 0x20
              || (c >= 0x7f && c <= 0x9f)
              || c == 0x200e
              || c == 0x200f
              || (c >= 0x202a && c <= 0x202e)
              || (c >= 0x2066 && c <= 0x2069);
      out.append(hidden ? '?' : c);
    }
    return out.toString();
  }
}
