package nl.leerbewijs.verifier.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import nl.leerbewijs.core.config.SettingsReader;
import org.junit.jupiter.api.Test;

class VerifierConfigTest {

  private static ConfigException refused(Map<String, String> env) {
    return assertThrows(ConfigException.class, () -> VerifierConfig.fromEnv(env));
  }

  @Test
  void fromEnv_onlyTrustList_defaults() {
    VerifierConfig c = VerifierConfig.fromEnv(Map.of(VerifierConfig.TRUST_LIST, "tl.json"));
    assertTrue(c.trustListFile().isAbsolute());
    assertEquals(VerifierConfig.DEFAULT_HTTP_PORT, c.httpPort());
    assertEquals(Duration.ofHours(24), c.maxKeyBindingAge());
    assertEquals(64 * 1024, c.maxBodyBytes());
    assertEquals(10 * 1024 * 1024, c.maxImageBytes());
    assertFalse(c.offlineMode());
    assertFalse(c.allowLoopbackHttp());
    assertTrue(c.expectedAudience().isEmpty());
  }

  @Test
  void fromEnv_tls_offByDefault_bothFilesAndInterval() {
    assertTrue(
        VerifierConfig.fromEnv(Map.of(VerifierConfig.TRUST_LIST, "tl.json")).tls().isEmpty());
    VerifierConfig c =
        VerifierConfig.fromEnv(
            Map.of(
                VerifierConfig.TRUST_LIST, "tl.json",
                VerifierConfig.TLS_CERT, "tls/fullchain.pem",
                VerifierConfig.TLS_KEY, "tls/privkey.pem"));
    TlsSettings tls = c.tls().orElseThrow();
    assertTrue(tls.certificateFile().isAbsolute());
    assertTrue(tls.keyFile().endsWith("tls/privkey.pem"));
    assertEquals(TlsSettings.DEFAULT_CHECK_INTERVAL, tls.checkInterval());
    assertEquals(c.tls(), c.withPort(9443).tls());
  }

  @Test
  void fromEnv_tlsHalfConfiguredOrBadInterval_eachNamed() {
    ConfigException e =
        refused(
            Map.of(
                VerifierConfig.TRUST_LIST, "tl.json",
                VerifierConfig.TLS_KEY, "privkey.pem",
                VerifierConfig.TLS_CHECK_INTERVAL, "0s"));
    assertTrue(
        e.getMessage().contains("set both " + VerifierConfig.TLS_CERT + " (the certificate chain"),
        e.getMessage());
    assertTrue(e.getMessage().contains(VerifierConfig.TLS_CHECK_INTERVAL + " must be between"));
  }

  @Test
  void fromEnv_redirectPortAndAcmeWebroot_needHttpsAndEachOther() {
    String dir = System.getProperty("java.io.tmpdir");
    TlsSettings tls =
        VerifierConfig.fromEnv(
                Map.of(
                    VerifierConfig.TRUST_LIST, "tl.json",
                    VerifierConfig.TLS_CERT, "fullchain.pem",
                    VerifierConfig.TLS_KEY, "privkey.pem",
                    VerifierConfig.HTTP_REDIRECT_PORT, "80",
                    VerifierConfig.ACME_WEBROOT, dir))
            .tls()
            .orElseThrow();
    assertEquals(80, tls.redirectPort().getAsInt());
    assertTrue(tls.acmeWebroot().orElseThrow().isAbsolute());

    ConfigException plain =
        refused(
            Map.of(
                VerifierConfig.TRUST_LIST, "tl.json",
                VerifierConfig.HTTP_REDIRECT_PORT, "80",
                VerifierConfig.ACME_WEBROOT, dir));
    assertTrue(
        plain.getMessage().contains(VerifierConfig.HTTP_REDIRECT_PORT + " redirects to https"));
    assertTrue(plain.getMessage().contains(VerifierConfig.ACME_WEBROOT + " is served on"));

    ConfigException webroot =
        refused(
            Map.of(
                VerifierConfig.TRUST_LIST, "tl.json",
                VerifierConfig.TLS_CERT, "fullchain.pem",
                VerifierConfig.TLS_KEY, "privkey.pem",
                VerifierConfig.ACME_WEBROOT, dir + "/no-such-dir-here"));
    assertTrue(webroot.getMessage().contains("which is not set"), webroot.getMessage());
    assertTrue(webroot.getMessage().contains("is not a directory"), webroot.getMessage());
  }

  @Test
  void fromEnv_issuerMetadata_defaultsAndValues() {
    VerifierConfig d = VerifierConfig.fromEnv(Map.of(VerifierConfig.TRUST_LIST, "tl.json"));
    assertEquals(IssuerMetadataSettings.DEFAULTS, d.issuerMetadata());
    VerifierConfig c =
        VerifierConfig.fromEnv(
            Map.of(
                VerifierConfig.TRUST_LIST, "tl.json",
                VerifierConfig.METADATA_TIMEOUT, "2s",
                VerifierConfig.METADATA_TTL, "10m",
                VerifierConfig.METADATA_MAX_TTL, "2h",
                VerifierConfig.METADATA_MIN_INTERVAL, "1m",
                VerifierConfig.METADATA_STALE, "0s"));
    assertEquals(
        new IssuerMetadataSettings(
            Duration.ofSeconds(2),
            Duration.ofMinutes(10),
            Duration.ofHours(2),
            Duration.ofMinutes(1),
            Duration.ZERO),
        c.issuerMetadata());
  }

  @Test
  void fromEnv_issuerMetadataBadValues_eachNamed() {
    ConfigException e =
        refused(
            Map.of(
                VerifierConfig.TRUST_LIST, "tl.json",
                VerifierConfig.METADATA_TIMEOUT, "forever",
                VerifierConfig.METADATA_MAX_TTL, "10s",
                VerifierConfig.METADATA_MIN_INTERVAL, "1m"));
    assertEquals(2, e.problems().size(), e.getMessage());
    assertTrue(e.problems().get(0).startsWith(VerifierConfig.METADATA_TIMEOUT), e.getMessage());
    assertTrue(e.problems().get(1).startsWith(VerifierConfig.METADATA_MAX_TTL), e.getMessage());
  }

  @Test
  void fromEnv_noTrustList_problemNamesVariable() {
    ConfigException e = refused(Map.of());
    assertEquals(1, e.problems().size());
    assertTrue(e.problems().get(0).startsWith(VerifierConfig.TRUST_LIST));
  }

  @Test
  void fromEnv_severalBadValues_allListed() {
    ConfigException e =
        refused(
            Map.of(
                VerifierConfig.TRUST_LIST, "tl.json",
                VerifierConfig.HTTP_PORT, "70000",
                VerifierConfig.OFFLINE, "maybe",
                VerifierConfig.MAX_KEY_BINDING_AGE, "soon",
                VerifierConfig.MAX_BODY_BYTES, "12"));
    assertEquals(4, e.problems().size(), e.getMessage());
  }

  @Test
  void fromEnv_values_parsed() {
    VerifierConfig c =
        VerifierConfig.fromEnv(
            Map.of(
                VerifierConfig.TRUST_LIST, "tl.json",
                VerifierConfig.HTTP_PORT, "0",
                VerifierConfig.OFFLINE, "yes",
                VerifierConfig.AUDIENCE, "https://werkgever.example",
                VerifierConfig.MAX_KEY_BINDING_AGE, "PT2H",
                VerifierConfig.STATUS_TIMEOUT, "1500ms"));
    assertEquals(0, c.httpPort());
    assertTrue(c.offlineMode());
    assertEquals("https://werkgever.example", c.expectedAudience().orElseThrow());
    assertEquals(Duration.ofHours(2), c.maxKeyBindingAge());
    assertEquals(Duration.ofMillis(1500), c.statusTimeout());
  }

  @Test
  void parseDuration_forms() {
    assertEquals(Duration.ofHours(24), SettingsReader.parseDuration("24h"));
    assertEquals(Duration.ofDays(2), SettingsReader.parseDuration("2d"));
    assertEquals(Duration.ofSeconds(90), SettingsReader.parseDuration(" 90s "));
    assertEquals(Duration.ofMinutes(15), SettingsReader.parseDuration("15m"));
    assertEquals(Duration.ofMinutes(15), SettingsReader.parseDuration("pt15m"));
    assertThrows(IllegalArgumentException.class, () -> SettingsReader.parseDuration("h"));
    assertThrows(IllegalArgumentException.class, () -> SettingsReader.parseDuration("10y"));
    assertThrows(
        IllegalArgumentException.class, () -> SettingsReader.parseDuration("99999999999999h"));
  }
}
