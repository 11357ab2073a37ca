package nl.leerbewijs.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The examples of draft-ietf-oauth-sd-jwt-vc, "JWT VC Issuer Metadata Request". */
class WellKnownTest {

  @Test
  void uri_hostOnly_wellKnownAtRoot() {
    assertEquals(
        URI.create("https://example.com/.well-known/jwt-vc-issuer"),
        WellKnown.uri("https://example.com", WellKnown.JWT_VC_ISSUER));
    assertEquals(
        URI.create("https://example.com/.well-known/jwt-vc-issuer"),
        WellKnown.uri("https://example.com/", WellKnown.JWT_VC_ISSUER));
  }

  @Test
  void uri_withPath_insertedBetweenHostAndPath() {
    assertEquals(
        URI.create("https://example.com/.well-known/jwt-vc-issuer/tenant/1234"),
        WellKnown.uri("https://example.com/tenant/1234", WellKnown.JWT_VC_ISSUER));
  }

  @Test
  void uri_terminatingSlash_removed() {
    // "any terminating / MUST be removed before inserting /.well-known/"
    assertEquals(
        URI.create("https://example.com/.well-known/jwt-vc-issuer/tenant/1234"),
        WellKnown.uri("https://example.com/tenant/1234/", WellKnown.JWT_VC_ISSUER));
  }

  @Test
  void uri_portKept() {
    assertEquals(
        URI.create("http://127.0.0.1:8080/.well-known/openid-credential-issuer/t/hs"),
        WellKnown.uri("http://127.0.0.1:8080/t/hs", WellKnown.OPENID_CREDENTIAL_ISSUER));
  }

  @Test
  void uri_queryFragmentOrRelative_refused() {
    for (String bad : new String[] {"https://e.com/t?x=1", "https://e.com/t#f", "/t/hs", "a b"}) {
      assertThrows(
          IllegalArgumentException.class, () -> WellKnown.uri(bad, WellKnown.JWT_VC_ISSUER), bad);
    }
  }
}
