package nl.leerbewijs.issuer.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiKeyTokenTest {
  @Test
  void generate_hasDocumentedFormat() {
    ApiKeyToken t = ApiKeyToken.generate();
    assertTrue(t.reveal().matches("lbk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}"), t.reveal());
    assertEquals(t.prefix(), ApiKeyToken.parse(t.reveal()).orElseThrow().prefix());
  }

  @Test
  void matches_sameKey_true_otherKeySamePrefix_false() {
    ApiKeyToken t = ApiKeyToken.generate();
    assertTrue(ApiKeyToken.parse(t.reveal()).orElseThrow().matches(t.hash()));
    String forged =
        t.reveal().substring(0, t.reveal().length() - 1) + (t.reveal().endsWith("A") ? "B" : "A");
    assertFalse(ApiKeyToken.parse(forged).orElseThrow().matches(t.hash()));
  }

  @Test
  void parse_hostileInputs_empty() {
    for (String s :
        new String[] {
          "",
          "lbk_",
          "lbk_0123456789ab",
          "lbk_0123456789AB_" + "A".repeat(43),
          "xyz_0123456789ab_" + "A".repeat(43),
          "lbk_0123456789ab_" + "A".repeat(44),
          "lbk_0123456789ab_" + "A".repeat(42) + "=",
          "lbk_0123456789ab_" + "A".repeat(500)
        }) {
      assertTrue(ApiKeyToken.parse(s).isEmpty(), s);
    }
    assertTrue(ApiKeyToken.parse(null).isEmpty());
  }

  @Test
  void toString_hidesSecret() {
    ApiKeyToken t = ApiKeyToken.generate();
    assertFalse(t.toString().contains(t.reveal().substring(17)));
  }
}
