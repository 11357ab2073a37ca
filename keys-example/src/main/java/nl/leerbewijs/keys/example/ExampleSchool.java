package nl.leerbewijs.keys.example;

import java.util.List;

/**
 * DEVELOPMENT ONLY. The fictitious example schools. Names, BRIN codes, KvK numbers and OINs are
 * invented (BRIN 99X*, KvK 9999900*) and belong to no real institution.
 */
enum ExampleSchool {
  ROC_VOORBEELD(
      ExampleKeys.ROC_VOORBEELD,
      "ROC Voorbeeld",
      "99XA",
      "99999001",
      List.of("mbo-certificaat", "praktijkverklaring", "microcredential"),
      true),
  HS_VOORBEELD(
      ExampleKeys.HS_VOORBEELD,
      "Hogeschool Voorbeeld",
      "99XB",
      "99999002",
      List.of("microcredential", "evc-ervaringscertificaat"),
      true),
  UNTRUSTED_SCHOOL(
      ExampleKeys.UNTRUSTED_SCHOOL,
      "Onbekende School",
      "99XZ",
      "99999009",
      List.of(
          "microcredential", "mbo-certificaat", "praktijkverklaring", "evc-ervaringscertificaat"),
      false);

  /**
   * The host of every example issuer id; {@code .test} is reserved (RFC 2606) and never resolves.
   */
  static final String ISSUER_BASE = "https://issuer.leerbewijs.test/t/";

  final String slug;
  final String displayName;
  final String brin;
  final String kvk;
  final List<String> credentialTypes;
  final boolean trusted;

  ExampleSchool(
      String slug,
      String displayName,
      String brin,
      String kvk,
      List<String> credentialTypes,
      boolean trusted) {
    this.slug = slug;
    this.displayName = displayName;
    this.brin = brin;
    this.kvk = kvk;
    this.credentialTypes = credentialTypes;
    this.trusted = trusted;
  }

  String issuerId() {
    return ISSUER_BASE + slug;
  }

  /** OIN derived from the KvK number as PKIoverheid does: 00000003 + KvK + 0000. */
  String oin() {
    return "00000003" + kvk + "0000";
  }

  String privateKeyFile() {
    return "DEVELOPMENT-ONLY-" + slug + "-private-key.pem";
  }

  String publicJwkFile() {
    return "DEVELOPMENT-ONLY-" + slug + "-public-jwk.json";
  }

  String chainFile() {
    return "DEVELOPMENT-ONLY-" + slug + "-certificate-chain.pem";
  }

  static ExampleSchool bySlug(String slug) {
    for (ExampleSchool s : values()) {
      if (s.slug.equals(slug)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "no example school named '"
            + slug
            + "'; known: roc-voorbeeld, hs-voorbeeld, untrusted-school");
  }
}
