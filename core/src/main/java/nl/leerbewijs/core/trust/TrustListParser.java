package nl.leerbewijs.core.trust;

import static nl.leerbewijs.core.trust.TrustListFormat.BRIN;
import static nl.leerbewijs.core.trust.TrustListFormat.CREDENTIAL_TYPES;
import static nl.leerbewijs.core.trust.TrustListFormat.CREDENTIAL_TYPE_IDS;
import static nl.leerbewijs.core.trust.TrustListFormat.DESCRIPTION;
import static nl.leerbewijs.core.trust.TrustListFormat.ID;
import static nl.leerbewijs.core.trust.TrustListFormat.IDENTIFIERS;
import static nl.leerbewijs.core.trust.TrustListFormat.IDENTIFIER_MEMBERS;
import static nl.leerbewijs.core.trust.TrustListFormat.ISSUERS;
import static nl.leerbewijs.core.trust.TrustListFormat.ISSUER_MEMBERS;
import static nl.leerbewijs.core.trust.TrustListFormat.JWKS;
import static nl.leerbewijs.core.trust.TrustListFormat.KEYS_FROM_METADATA;
import static nl.leerbewijs.core.trust.TrustListFormat.KVK;
import static nl.leerbewijs.core.trust.TrustListFormat.MAX_BYTES;
import static nl.leerbewijs.core.trust.TrustListFormat.NAME;
import static nl.leerbewijs.core.trust.TrustListFormat.OIN;
import static nl.leerbewijs.core.trust.TrustListFormat.STATUS_LIST_URI_PREFIXES;
import static nl.leerbewijs.core.trust.TrustListFormat.TOP_LEVEL_MEMBERS;
import static nl.leerbewijs.core.trust.TrustListFormat.VERSION;
import static nl.leerbewijs.core.trust.TrustListFormat.VERSION_MEMBER;
import static nl.leerbewijs.core.trust.TrustListFormat.X509_TRUST_ANCHORS;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.keys.IssuerKey;
import nl.leerbewijs.core.keys.KeyFormatException;
import nl.leerbewijs.core.keys.KeyLoader;

/** Strict reader of the trust list JSON format; see {@code docs/trust-list.md}. */
final class TrustListParser {

  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{1,8})*");
  private static final Pattern BRIN_PATTERN = Pattern.compile("[0-9]{2}[A-Z0-9]{2}([0-9]{2})?");
  private static final Pattern OIN_PATTERN = Pattern.compile("[0-9]{20}");
  private static final Pattern KVK_PATTERN = Pattern.compile("[0-9]{8}");
  private static final int MAX_NAME_LENGTH = 500;

  private TrustListParser() {}

  static TrustList parse(byte[] json) {
    if (json == null) {
      throw new TrustListException("$", "no document");
    }
    if (json.length > MAX_BYTES) {
      throw new TrustListException("$", json.length + " bytes, limit " + MAX_BYTES);
    }
    JsonNode root;
    try {
      root = Json.parseObject(json);
    } catch (Json.JsonParseFailure e) {
      throw new TrustListException("$", e.getMessage());
    }
    onlyMembers(root, TOP_LEVEL_MEMBERS, "");
    JsonNode version = root.get(VERSION_MEMBER);
    if (version == null || !version.isIntegralNumber() || version.asLong() != VERSION) {
      throw new TrustListException(
          VERSION_MEMBER,
          "unsupported version "
              + (version == null ? "(missing)" : version)
              + ", expected "
              + VERSION);
    }
    String name = text(root, NAME, NAME, true);
    if (root.has(DESCRIPTION)) {
      text(root, DESCRIPTION, DESCRIPTION, true);
    }
    JsonNode issuers = root.get(ISSUERS);
    if (issuers == null || !issuers.isArray()) {
      throw new TrustListException(ISSUERS, "must be an array");
    }
    List<TrustedIssuer> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < issuers.size(); i++) {
      String at = ISSUERS + "[" + i + "]";
      TrustedIssuer issuer = issuer(issuers.get(i), at);
      if (!ids.add(issuer.id())) {
        throw new TrustListException(at + "." + ID, "duplicate issuer id " + issuer.id());
      }
      out.add(issuer);
    }
    return new TrustList(name, out, List.of());
  }

  private static TrustedIssuer issuer(JsonNode node, String at) {
    if (node == null || !node.isObject()) {
      throw new TrustListException(at, "must be an object");
    }
    onlyMembers(node, ISSUER_MEMBERS, at + ".");
    String id = text(node, ID, at + "." + ID, true);
    IssuerUris.issuerIdProblem(id)
        .ifPresent(
            p -> {
              throw new TrustListException(at + "." + ID, id + " " + p);
            });

    Map<String, String> names = names(node.get(NAME), at + "." + NAME);
    IssuerIdentifiers identifiers = identifiers(node.get(IDENTIFIERS), at + "." + IDENTIFIERS);
    List<String> types = credentialTypes(node.get(CREDENTIAL_TYPES), at + "." + CREDENTIAL_TYPES);
    List<IssuerKey> keys = jwks(node.get(JWKS), at + "." + JWKS);
    List<X509Certificate> anchors =
        anchors(node.get(X509_TRUST_ANCHORS), at + "." + X509_TRUST_ANCHORS);
    boolean fromMetadata = flag(node.get(KEYS_FROM_METADATA), at + "." + KEYS_FROM_METADATA);
    if (keys.isEmpty() && anchors.isEmpty() && !fromMetadata) {
      throw new TrustListException(
          at,
          "needs at least one key in jwks, one x509_trust_anchors entry, or keys_from_metadata"
              + " true");
    }
    List<String> prefixes =
        prefixes(node.get(STATUS_LIST_URI_PREFIXES), at + "." + STATUS_LIST_URI_PREFIXES, id);
    return new TrustedIssuer(id, names, identifiers, types, keys, anchors, prefixes, fromMetadata);
  }

  private static boolean flag(JsonNode node, String at) {
    if (node == null) {
      return false;
    }
    if (!node.isBoolean()) {
      throw new TrustListException(at, "must be true or false");
    }
    return node.booleanValue();
  }

  private static Map<String, String> names(JsonNode node, String at) {
    if (node == null || !node.isObject() || node.isEmpty()) {
      throw new TrustListException(at, "must be a non-empty object of language tag to name");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String field = at + "." + e.getKey();
      if (!LANGUAGE.matcher(e.getKey()).matches()) {
        throw new TrustListException(field, "is not a language tag");
      }
      JsonNode v = e.getValue();
      if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > MAX_NAME_LENGTH) {
        throw new TrustListException(
            field, "must be a non-blank string of at most " + MAX_NAME_LENGTH + " characters");
      }
      out.put(e.getKey(), v.asText());
    }
    return out;
  }

  private static IssuerIdentifiers identifiers(JsonNode node, String at) {
    if (node == null) {
      return IssuerIdentifiers.NONE;
    }
    if (!node.isObject()) {
      throw new TrustListException(at, "must be an object");
    }
    onlyMembers(node, IDENTIFIER_MEMBERS, at + ".");
    return new IssuerIdentifiers(
        identifier(
            node,
            BRIN,
            at,
            BRIN_PATTERN,
            "4 characters (2 digits, 2 letters) plus an optional 2-digit location"),
        identifier(node, OIN, at, OIN_PATTERN, "20 digits"),
        identifier(node, KVK, at, KVK_PATTERN, "8 digits"));
  }

  private static Optional<String> identifier(
      JsonNode node, String member, String at, Pattern pattern, String expected) {
    if (!node.has(member)) {
      return Optional.empty();
    }
    String v = text(node, member, at + "." + member, true);
    if (!pattern.matcher(v).matches()) {
      throw new TrustListException(at + "." + member, "'" + v + "' is not " + expected);
    }
    return Optional.of(v);
  }

  private static List<String> credentialTypes(JsonNode node, String at) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw new TrustListException(at, "must be a non-empty array of credential type ids");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode t = node.get(i);
      String field = at + "[" + i + "]";
      if (!t.isTextual()) {
        throw new TrustListException(field, "must be a string");
      }
      if (!CREDENTIAL_TYPE_IDS.contains(t.asText())) {
        throw new TrustListException(
            field, "unknown credential type '" + TrustListFormat.printable(t.asText()) + "'");
      }
      if (out.contains(t.asText())) {
        throw new TrustListException(field, "duplicate credential type " + t.asText());
      }
      out.add(t.asText());
    }
    return out;
  }

  private static List<IssuerKey> jwks(JsonNode node, String at) {
    if (node == null) {
      return List.of();
    }
    try {
      return JwkSetReader.read(node, at, JwkSetReader.Foreign.REFUSE, Integer.MAX_VALUE);
    } catch (JwkSetReader.Problem p) {
      throw new TrustListException(p.field, p.reason);
    }
  }

  private static List<X509Certificate> anchors(JsonNode node, String at) {
    if (node == null) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new TrustListException(at, "must be an array of PEM certificates");
    }
    List<X509Certificate> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String field = at + "[" + i + "]";
      JsonNode pem = node.get(i);
      if (!pem.isTextual()) {
        throw new TrustListException(field, "must be a PEM string");
      }
      List<X509Certificate> certs;
      try {
        certs = KeyLoader.certificatesFromPem(pem.asText());
      } catch (KeyFormatException e) {
        throw new TrustListException(field, e.getMessage());
      }
      if (certs.size() != 1) {
        throw new TrustListException(
            field, "must hold exactly one certificate, holds " + certs.size());
      }
      X509Certificate c = certs.get(0);
      if (c.getBasicConstraints() < 0) {
        throw new TrustListException(
            field, "is not a CA certificate (basicConstraints cA is not set)");
      }
      out.add(c);
    }
    return out;
  }

  private static List<String> prefixes(JsonNode node, String at, String issuerId) {
    if (node == null) {
      String dflt = issuerId.endsWith("/") ? issuerId : issuerId + "/";
      return List.of(dflt);
    }
    if (!node.isArray() || node.isEmpty()) {
      throw new TrustListException(at, "must be a non-empty array of URL prefixes");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String field = at + "[" + i + "]";
      JsonNode p = node.get(i);
      if (!p.isTextual()) {
        throw new TrustListException(field, "must be a string");
      }
      String v = p.asText();
      IssuerUris.prefixProblem(v)
          .ifPresent(
              problem -> {
                throw new TrustListException(field, TrustListFormat.printable(v) + " " + problem);
              });
      out.add(v);
    }
    return out;
  }

  private static void onlyMembers(JsonNode node, Set<String> allowed, String prefix) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw new TrustListException(prefix + TrustListFormat.printable(f), "unknown member");
      }
    }
  }

  private static String text(JsonNode node, String member, String field, boolean required) {
    JsonNode v = node.get(member);
    if (v == null) {
      if (required) {
        throw new TrustListException(field, "is required");
      }
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new TrustListException(field, "must be a non-blank string");
    }
    return v.asText();
  }
}
