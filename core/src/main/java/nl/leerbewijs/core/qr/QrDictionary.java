package nl.leerbewijs.core.qr;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The preset DEFLATE dictionary of QR payload format {@code LB1}: text that recurs in every
 * leerbewijs presentation, as it appears in the structure stream after {@link PresentationPacker}'s
 * JSON transform (so a 32-byte digest appears as the two bytes {@code 0xFF '!'}, a 16-byte salt as
 * {@code 0xFF 0x11}, a UUID as {@code 0xFF 0x01}).
 *
 * <p>The dictionary is part of the format: changing one byte of it makes every existing QR code
 * unreadable, so a change needs a new prefix ({@code LB2:}) and this version kept for decoding.
 * DEFLATE codes near matches more cheaply than far ones, so the most frequent strings come last.
 */
final class QrDictionary {

  private static final String D32 = "\u00FF!"; // quoted base64url of 32 bytes (sha-256, P-256)
  private static final String D16 = "\u00FF\u0011"; // quoted base64url of 16 bytes (salt)
  private static final String UUID = "\u00FF\u0001";

  private static final List<String> ENTRIES =
      List.of(
          // rarer claims of the four credential types
          "\"valid_until\":\"20",
          "\"assessor\":{\"name\":\"",
          "\"assessment_date\":\"20",
          "\"competences\":[{\"code\":\"",
          "\"standard\":{\"kind\":\"crebo\",\"code\":\"",
          "\"kind\":\"croho\"",
          "\"kind\":\"branch\"",
          "\"praktijkopleider\":{\"name\":\"",
          "\"leerbedrijf\":{\"name\":\"",
          "\"period\":{\"from\":\"20",
          "\",\"to\":\"20",
          "\"werkprocessen\":[{\"code\":\"",
          "\"qualification_name\":\"",
          "\"keuzedeel_code\":\"",
          "\"part\":\"beroepsgericht_deel\"",
          "\"part\":\"keuzedeel\"",
          "\"crebo\":\"",
          "\"stackable\":true",
          "\"learning_outcomes\":[\"",
          "\"quality_framework\":\"",
          "\"supervised\":true",
          "\"identity_verified\":true",
          "\"assessment\":\"skill_application\"",
          "\"assessment\":\"portfolio\"",
          "\"participation\":\"blended\"",
          "\"participation\":\"online\"",
          "\"participation\":\"on_site\"",
          "\"study_load_hours\":",
          "\"description\":{\"nl\":\"",
          "\"oin\":\"",
          "\"kvk\":\"",
          "\"nbf\":17",
          "\"sub\":\"",
          "\"jti\":\"",
          "https://leerbewijs.nl/vct/evc-ervaringscertificaat",
          "https://leerbewijs.nl/vct/praktijkverklaring",
          "https://leerbewijs.nl/vct/mbo-certificaat",
          "Hogeschool ",
          "Universiteit ",
          " met ",
          " en ",
          " van ",
          " de ",
          " and ",
          " with ",
          // key binding JWT (both member orders)
          "{\"typ\":\"kb+jwt\",\"alg\":\"ES256\"}",
          "{\"alg\":\"ES256\",\"typ\":\"kb+jwt\"}",
          "{\"iat\":17",
          ",\"aud\":\"https://",
          ",\"nonce\":" + D16,
          ",\"nonce\":\"",
          ",\"sd_hash\":" + D32 + "}",
          // disclosures
          "[" + D16 + ",\"birthdate\",\"",
          "[" + D16 + ",\"student_id\",\"",
          "[" + D16 + ",\"learner\",{\"given_name\":\"",
          "\",\"family_name\":\"",
          "\",\"_sd\":[" + D32 + "," + D32 + "]}]",
          "[" + D16 + ",{\"label\":\"",
          "\",\"uri\":\"http://data.europa.eu/esco/skill/" + UUID + "\"}]",
          // the issuer-signed JWT
          "{\"alg\":\"ES256\",\"typ\":\"dc+sd-jwt\",\"kid\":" + D32 + "}",
          "{\"vct\":\"https://leerbewijs.nl/vct/microcredential\",\"iss\":\"https://issuer.",
          "leerbewijs.",
          "\",\"iat\":17",
          ",\"exp\":17",
          ",\"cnf\":{\"jwk\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":"
              + D32
              + ",\"y\":"
              + D32
              + "}},\"status\":{\"status_list\":{\"idx\":",
          ",\"uri\":\"https://",
          "/status/",
          "\"}},\"_sd_alg\":\"sha-256\",\"_sd\":[" + D32 + "," + D32 + "," + D32 + "," + D32,
          "],\"institution\":{\"name\":\"",
          "\",\"brin\":\"",
          "\"},\"title\":{\"nl\":\"",
          "\",\"en\":\"",
          "\"},\"award_date\":\"20",
          "\",\"nlqf\":\"",
          "\",\"eqf\":",
          ",\"ects\":",
          ",\"skills\":[{\"...\":" + D32 + "},{\"...\":" + D32 + "},{\"...\":" + D32 + "}]}");

  private static final byte[] BYTES =
      String.join("", ENTRIES).getBytes(StandardCharsets.ISO_8859_1);

  private QrDictionary() {}

  /** The dictionary bytes (a copy). */
  static byte[] bytes() {
    return BYTES.clone();
  }
}
