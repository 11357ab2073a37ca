package nl.leerbewijs.core.sdjwt;

import static nl.leerbewijs.core.sdjwt.TestSupport.compactVector;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import nl.leerbewijs.core.json.Base64Url;
import nl.leerbewijs.core.json.Json;
import org.junit.jupiter.api.Test;

/** Strict parsing of the compact serialization and of disclosures (RFC 9901 sections 4, 4.2). */
class SdJwtParseTest {

  private static final String RFC = compactVector("section-5.1-sd-jwt.txt");
  private static final String RFC_KB = compactVector("appendix-a.3-presentation.txt");
  private static final String JWT = RFC.substring(0, RFC.indexOf('~'));

  private static String b64(String json) {
    return Base64Url.encode(json.getBytes(StandardCharsets.UTF_8));
  }

  private static void rejects(String text) {
    assertThrows(SdJwtParseException.class, () -> SdJwt.parse(text));
  }

  @Test
  void parse_rfcExample_partsInOrder() throws Exception {
    SdJwt s = SdJwt.parse(RFC);
    assertEquals(10, s.disclosures().size());
    assertTrue(s.keyBinding().isEmpty());
    assertEquals(RFC, s.serialize());
    assertEquals(RFC, s.withoutKeyBinding());
    assertEquals("given_name", s.disclosures().get(0).claimName().orElseThrow());
    assertTrue(s.disclosures().get(8).isArrayElement());
  }

  @Test
  void parse_withKeyBinding_splitsKeyBindingJwt() throws Exception {
    SdJwt s = SdJwt.parse(RFC_KB);
    assertTrue(s.keyBinding().isPresent());
    assertEquals("kb+jwt", s.keyBinding().get().typ());
    assertTrue(s.withoutKeyBinding().endsWith("~"));
    assertEquals(RFC_KB, s.serialize());
  }

  @Test
  void parse_noDisclosures_accepted() throws Exception {
    assertEquals(0, SdJwt.parse(JWT + "~").disclosures().size());
  }

  @Test
  void parse_null_rejected() {
    rejects(null);
  }

  @Test
  void parse_empty_rejected() {
    rejects("");
  }

  @Test
  void parse_plainJwtWithoutTilde_rejected() {
    rejects(JWT);
  }

  @Test
  void parse_emptyDisclosureBetweenTildes_rejected() {
    rejects(JWT + "~~");
    rejects(RFC.replaceFirst("~", "~~"));
  }

  @Test
  void parse_onlyTildes_rejected() {
    rejects("~");
    rejects("~~~");
  }

  @Test
  void parse_disclosureNotBase64url_rejected() {
    rejects(JWT + "~WyJh*IiwgImIiXQ~");
    rejects(JWT + "~" + b64("[\"s\",\"n\",1]") + "=~");
  }

  @Test
  void parse_disclosureNotJson_rejected() {
    rejects(JWT + "~" + b64("[\"s\",") + "~");
  }

  @Test
  void parse_disclosureNotArray_rejected() {
    rejects(JWT + "~" + b64("{\"s\":1}") + "~");
  }

  @Test
  void parse_disclosureOneElement_rejected() {
    rejects(JWT + "~" + b64("[\"s\"]") + "~");
  }

  @Test
  void parse_disclosureFourElements_rejected() {
    rejects(JWT + "~" + b64("[\"s\",\"n\",1,2]") + "~");
  }

  @Test
  void parse_disclosureSaltNotString_rejected() {
    rejects(JWT + "~" + b64("[1,\"n\",1]") + "~");
    rejects(JWT + "~" + b64("[1,1]") + "~");
  }

  @Test
  void parse_disclosureNameNotString_rejected() {
    rejects(JWT + "~" + b64("[\"s\",1,1]") + "~");
  }

  @Test
  void parse_disclosureNamedSd_rejected() {
    // RFC 9901 section 7.1 step 3.2.2: "_sd" and "..." are never claim names.
    rejects(JWT + "~" + b64("[\"s\",\"_sd\",[]]") + "~");
  }

  @Test
  void parse_disclosureNamedEllipsis_rejected() {
    rejects(JWT + "~" + b64("[\"s\",\"...\",\"x\"]") + "~");
  }

  @Test
  void parse_disclosureNameLongerThanAMemberName_rejected() throws Exception {
    // Disclosed, the name becomes a member name; longer than JSON allows one, it is refused here
    // rather than producing claims (and a report) that no reader of ours would take back.
    String atLimit = "n".repeat(Json.MAX_NAME_LENGTH);
    SdJwt.parse(JWT + "~" + b64("[\"s\",\"" + atLimit + "\",1]") + "~");
    SdJwtParseException e =
        assertThrows(
            SdJwtParseException.class,
            () -> SdJwt.parse(JWT + "~" + b64("[\"s\",\"" + atLimit + "n\",1]") + "~"));
    assertEquals("disclosure #1 claim name is longer than 50000 characters", e.getMessage());
  }

  @Test
  void parse_disclosureDuplicateJsonKey_rejected() {
    rejects(JWT + "~" + b64("[\"s\",\"n\",{\"a\":1,\"a\":2}]") + "~");
  }

  @Test
  void parse_tooLong_rejected() {
    rejects(JWT + "~" + "A".repeat(SdJwt.MAX_LENGTH) + "~");
  }

  @Test
  void parse_tooManyDisclosures_rejected() {
    String d = b64("[\"s\",1]");
    rejects(JWT + "~" + (d + "~").repeat(SdJwt.MAX_DISCLOSURES + 1));
  }

  @Test
  void parse_trailingGarbageAfterKeyBinding_rejected() {
    rejects(RFC_KB + "~x");
    rejects(RFC_KB + "~");
    rejects(RFC_KB + "~" + RFC_KB.substring(RFC_KB.lastIndexOf('~') + 1));
  }

  @Test
  void parse_keyBindingNotJws_rejected() {
    rejects(RFC + "not-a-jws");
  }

  @Test
  void parse_whitespace_rejected() {
    rejects(RFC + "\n");
    rejects(" " + RFC);
    rejects(RFC.replaceFirst("~", "~ "));
  }

  @Test
  void parse_issuerJwtMalformed_rejected() {
    rejects("a.b~");
    rejects("x.y.z~");
  }

  @Test
  void parse_issuerPayloadNotObject_rejected() {
    String header = b64("{\"alg\":\"ES256\"}");
    rejects(header + "." + b64("[1]") + "." + Base64Url.encode(new byte[64]) + "~");
  }

  @Test
  void parse_issuerHeaderWithCrit_rejected() {
    String header = b64("{\"alg\":\"ES256\",\"crit\":[\"x\"],\"x\":1}");
    rejects(header + "." + b64("{}") + "." + Base64Url.encode(new byte[64]) + "~");
  }

  @Test
  void parse_messages_neverContainDisclosureContent() {
    String secret = "VERY-SECRET-VALUE";
    String text = JWT + "~" + b64("[\"s\",\"n\",\"" + secret + "\",4]") + "~";
    SdJwtParseException e = assertThrows(SdJwtParseException.class, () -> SdJwt.parse(text));
    assertFalse(e.getMessage().contains(secret));
    assertTrue(e.getMessage().contains("disclosure #1"));
  }

  /** Every prefix of a valid SD-JWT is rejected by the parser or by the verifier, never thrown. */
  @Test
  void parseAndVerify_everyTruncation_onlyParseExceptionOrResult() {
    SdJwtVerifier verifier =
        SdJwtVerifier.builder()
            .clock(Clock.fixed(Instant.ofEpochSecond(1748454300L), ZoneOffset.UTC))
            .build();
    for (String source : new String[] {RFC, RFC_KB}) {
      for (int len = 0; len < source.length(); len++) {
        String text = source.substring(0, len);
        assertDoesNotThrow(
            () -> parseAndVerify(text, verifier), "prefix of length " + text.length());
      }
    }
  }

  /** Random single-character mutations never escape as anything but a parse exception. */
  @Test
  void parseAndVerify_randomMutations_onlyParseExceptionOrResult() {
    SdJwtVerifier verifier =
        SdJwtVerifier.builder()
            .clock(Clock.fixed(Instant.ofEpochSecond(1748454300L), ZoneOffset.UTC))
            .expectedNonce("1234567890")
            .build();
    Random random = new Random(9901);
    String alphabet = "AZaz09-_~.=+/ \"{}[]";
    for (int i = 0; i < 3000; i++) {
      char[] c = RFC_KB.toCharArray();
      int n = 1 + random.nextInt(3);
      for (int k = 0; k < n; k++) {
        c[random.nextInt(c.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
      }
      String text = new String(c);
      SdJwtVerification v = assertDoesNotThrow(() -> parseAndVerify(text, verifier));
      if (v != null && v.isVerified()) {
        // Only a change that decodes to the same bytes (base64url padding bits) may still verify.
        assertEquals(ORIGINAL.claims(), v.verified().claims());
        assertEquals(
            ORIGINAL.sdJwt().keyBindingPayload(), v.verified().sdJwt().keyBindingPayload());
      }
    }
  }

  private static final VerifiedSdJwt ORIGINAL =
      SdJwtVerifier.builder()
          .clock(Clock.fixed(Instant.ofEpochSecond(1748454300L), ZoneOffset.UTC))
          .build()
          .verify(parseUnchecked(RFC_KB), TestSupport.rfcIssuerKey())
          .verified();

  private static SdJwt parseUnchecked(String text) {
    try {
      return SdJwt.parse(text);
    } catch (SdJwtParseException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SdJwtVerification parseAndVerify(String text, SdJwtVerifier verifier) {
    try {
      return verifier.verify(SdJwt.parse(text), TestSupport.rfcIssuerKey());
    } catch (SdJwtParseException e) {
      return null;
    }
  }
}
