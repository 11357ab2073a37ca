package nl.leerbewijs.verifier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where the plain-http port sends a request; the whole server is in VerifierTlsTest. */
class HttpsRedirectTest {

  @Test
  void namesTheAskedHostWithoutPort443() {
    assertEquals(
        Optional.of("https://verifier.school.nl/?a=b"),
        HttpsRedirect.location("verifier.school.nl:80", 443, "/?a=b"));
    assertEquals(
        Optional.of("https://192.0.2.7:8443/x"), HttpsRedirect.location(" 192.0.2.7 ", 8443, "/x"));
    assertEquals(
        Optional.of("https://[2001:db8::1]/"),
        HttpsRedirect.location("[2001:db8::1]:80", 443, "/"));
  }

  @Test
  void refusesHostHeadersThatAreNotAHost() {
    for (String bad :
        new String[] {
          "", ":80", "a b", "evil.test/x", "evil.test@other", "host:99999x", "[::1", "[zz::1]", "-x"
        }) {
      assertEquals(Optional.empty(), HttpsRedirect.location(bad, 443, "/"), bad);
    }
    assertEquals(Optional.empty(), HttpsRedirect.location(null, 443, "/"));
  }
}
