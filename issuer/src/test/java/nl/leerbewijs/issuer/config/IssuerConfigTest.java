package nl.leerbewijs.issuer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssuerConfigTest {
  private static final String KEK = Base64.getEncoder().encodeToString(new byte[32]);

  private static ConfigException fails(Map<String, String> env) {
    return assertThrows(ConfigException.class, () -> IssuerConfig.fromEnv(env));
  }

  private static boolean mentions(ConfigException e, String variable) {
    return e.problems().stream().anyMatch(p -> p.startsWith(variable));
  }

  @Test
  void fromEnv_empty_usesDefaults() {
    IssuerConfig c = IssuerConfig.fromEnv(Map.of());
    assertEquals(IssuerConfig.DEFAULT_HTTP_PORT, c.httpPort());
    assertEquals(IssuerConfig.Mode.DEVELOPMENT, c.mode());
    assertTrue(c.embeddedDatabase());
    assertTrue(c.keyEncryptionKey().isEmpty());
    assertEquals("http://localhost:8080", c.publicBaseUrl().toString());
    assertEquals(IssuerConfig.DEFAULT_MAX_BODY_BYTES, c.maxBodyBytes());
  }

  @Test
  void fromEnv_portNotANumber_namesVariable() {
    ConfigException e = fails(Map.of(IssuerConfig.HTTP_PORT, "eighty"));
    assertTrue(mentions(e, IssuerConfig.HTTP_PORT), e.getMessage());
  }

  @Test
  void fromEnv_portOutOfRange_namesVariable() {
    assertTrue(mentions(fails(Map.of(IssuerConfig.HTTP_PORT, "70000")), IssuerConfig.HTTP_PORT));
  }

  @Test
  void fromEnv_publicBaseUrlWithQuery_rejected() {
    ConfigException e = fails(Map.of(IssuerConfig.PUBLIC_BASE_URL, "https://issuer.example/?a=b"));
    assertTrue(mentions(e, IssuerConfig.PUBLIC_BASE_URL));
  }

  @Test
  void fromEnv_publicBaseUrlRelativeOrOtherScheme_rejected() {
    assertTrue(
        mentions(
            fails(Map.of(IssuerConfig.PUBLIC_BASE_URL, "/issuer")), IssuerConfig.PUBLIC_BASE_URL));
    assertTrue(
        mentions(
            fails(Map.of(IssuerConfig.PUBLIC_BASE_URL, "ftp://issuer.example")),
            IssuerConfig.PUBLIC_BASE_URL));
  }

  @Test
  void fromEnv_publicBaseUrlTrailingSlash_removed() {
    IssuerConfig c =
        IssuerConfig.fromEnv(Map.of(IssuerConfig.PUBLIC_BASE_URL, "https://x.example/issuer/"));
    assertEquals("https://x.example/issuer", c.publicBaseUrl().toString());
    assertEquals("https://x.example/issuer/t/roc", c.issuerIdentifier("roc"));
  }

  @Test
  void fromEnv_productionWithoutKekOrBaseUrl_namesBoth() {
    ConfigException e = fails(Map.of(IssuerConfig.MODE, "production"));
    assertTrue(mentions(e, IssuerConfig.KEK), e.getMessage());
    assertTrue(mentions(e, IssuerConfig.PUBLIC_BASE_URL), e.getMessage());
  }

  @Test
  void fromEnv_productionHttpBaseUrl_rejected() {
    ConfigException e =
        fails(
            Map.of(
                IssuerConfig.MODE,
                "production",
                IssuerConfig.KEK,
                KEK,
                IssuerConfig.PUBLIC_BASE_URL,
                "http://x.example"));
    assertTrue(mentions(e, IssuerConfig.PUBLIC_BASE_URL));
  }

  @Test
  void fromEnv_production_complete_accepted() {
    IssuerConfig c =
        IssuerConfig.fromEnv(
            Map.of(
                IssuerConfig.MODE,
                "production",
                IssuerConfig.KEK,
                KEK,
                IssuerConfig.PUBLIC_BASE_URL,
                "https://x.example"));
    assertTrue(c.keyEncryptionKey().isPresent());
  }

  @Test
  void fromEnv_kekWrongLength_namesVariable() {
    String shortKek = Base64.getEncoder().encodeToString(new byte[16]);
    ConfigException e = fails(Map.of(IssuerConfig.KEK, shortKek));
    assertTrue(mentions(e, IssuerConfig.KEK));
    assertFalse(e.getMessage().contains(shortKek));
  }

  @Test
  void fromEnv_kekNotBase64_namesVariable() {
    assertTrue(mentions(fails(Map.of(IssuerConfig.KEK, "not base64!!")), IssuerConfig.KEK));
  }

  @Test
  void fromEnv_badDbUrl_namesVariableWithoutPassword() {
    ConfigException e = fails(Map.of(IssuerConfig.DB_URL, "mysql://u:s3cretpw@h/db"));
    assertTrue(mentions(e, IssuerConfig.DB_URL));
    assertFalse(e.getMessage().contains("s3cretpw"));
  }

  @Test
  void fromEnv_dbUrl_parsed() {
    IssuerConfig c =
        IssuerConfig.fromEnv(
            Map.of(IssuerConfig.DB_URL, "postgresql://app:pw@db.example:6543/leer"));
    DatabaseUrl u = c.database().orElseThrow();
    assertEquals("db.example", u.host());
    assertEquals(6543, u.port());
    assertEquals("leer", u.database());
    assertEquals("app", u.user());
    assertFalse(u.toString().contains("pw@"));
    assertEquals("jdbc:postgresql://db.example:6543/leer", u.jdbcUrl());
  }

  @Test
  void fromEnv_severalProblems_allReported() {
    ConfigException e =
        fails(
            Map.of(
                IssuerConfig.HTTP_PORT,
                "x",
                IssuerConfig.MAX_BODY_BYTES,
                "1",
                IssuerConfig.MODE,
                "staging"));
    assertEquals(3, e.problems().size(), e.getMessage());
  }

  @Test
  void fromEnv_propertiesFile_mergedAndEnvironmentWins(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("issuer.properties");
    Files.writeString(file, "LEERBEWIJS_HTTP_PORT=9090\nLEERBEWIJS_MAX_BATCH_SIZE=50\n");
    IssuerConfig c =
        IssuerConfig.fromEnv(
            Map.of(IssuerConfig.CONFIG, file.toString(), IssuerConfig.HTTP_PORT, "9191"));
    assertEquals(9191, c.httpPort());
    assertEquals(50, c.maxBatchSize());
  }

  @Test
  void fromEnv_propertiesFileUnknownKey_rejected(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("issuer.properties");
    Files.writeString(file, "LEERBEWIJS_HTTP_PROT=9090\n");
    assertTrue(mentions(fails(Map.of(IssuerConfig.CONFIG, file.toString())), IssuerConfig.CONFIG));
  }

  @Test
  void fromEnv_missingPropertiesFile_namesVariable() {
    assertTrue(
        mentions(
            fails(Map.of(IssuerConfig.CONFIG, "/nonexistent/issuer.properties")),
            IssuerConfig.CONFIG));
  }
}
