package nl.leerbewijs.issuer.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.leerbewijs.issuer.IssuerMain;
import nl.leerbewijs.issuer.TestDatabase;
import nl.leerbewijs.issuer.config.IssuerConfig;
import nl.leerbewijs.issuer.signingkey.KeyEncryptionKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The admin commands, run in-process against a real database. */
class AdminCommandIT {
  private static TestDatabase db;
  private static Map<String, String> env;

  @BeforeAll
  static void setUp() throws Exception {
    db = TestDatabase.create("admin");
    env = new HashMap<>();
    env.put(IssuerConfig.DB_URL, db.url().toString());
    env.put(IssuerConfig.KEK, KeyEncryptionKey.generate().toBase64());
    env.put(IssuerConfig.DATA_DIR, Files.createTempDirectory("issuer-admin-it").toString());
  }

  @AfterAll
  static void tearDown() {
    db.close();
  }

  record Result(int exit, String out, String err) {}

  private static Result run(String... args) {
    return run(env, args);
  }

  private static Result run(Map<String, String> environment, String... args) {
    CommandLine cl = IssuerMain.commandLine(environment);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  @Test
  void lifecycle_tenantApiKeySigningKey_allAudited() throws Exception {
    Result t =
        run(
            "admin",
            "tenant",
            "create",
            "--path",
            "roc-test",
            "--name",
            "ROC Test",
            "--brin",
            "25LW",
            "--kvk",
            "12345678",
            "--types",
            "microcredential,mbo-certificaat",
            "--reason",
            "onboarding");
    assertEquals(0, t.exit(), t.err());
    assertTrue(t.out().contains("roc-test"));

    Result list = run("admin", "tenant", "list", "--format", "json");
    assertEquals(0, list.exit(), list.err());
    assertTrue(list.out().contains("mbo-certificaat"));

    Result k =
        run(
            "admin",
            "apikey",
            "create",
            "--tenant",
            "roc-test",
            "--scopes",
            "issue,admin",
            "--reason",
            "SIS link");
    assertEquals(0, k.exit(), k.err());
    Matcher m = Pattern.compile("(lbk_[0-9a-f]{12}_[A-Za-z0-9_-]{43})").matcher(k.out());
    assertTrue(m.find(), k.out());
    String token = m.group(1);
    Matcher id = Pattern.compile("created API key ([0-9a-f-]{36})").matcher(k.out());
    assertTrue(id.find());

    Result keys = run("admin", "apikey", "list", "--tenant", "roc-test");
    assertFalse(keys.out().contains(token), "key list must not show the secret");

    assertEquals(
        0, run("admin", "key", "generate", "--tenant", "roc-test", "--reason", "first").exit());
    assertEquals(
        0, run("admin", "key", "rotate", "--tenant", "roc-test", "--reason", "yearly").exit());
    Result kl = run("admin", "key", "list", "--tenant", "roc-test");
    assertEquals(2, kl.out().lines().count(), kl.out());
    assertTrue(kl.out().startsWith("current"));
    assertTrue(kl.out().contains("retired"));

    Result rv = run("admin", "apikey", "revoke", "--id", id.group(1), "--reason", "rotated out");
    assertEquals(0, rv.exit(), rv.err());
    assertTrue(run("admin", "apikey", "list", "--tenant", "roc-test").out().contains("REVOKED"));

    List<String> audit = new ArrayList<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT action, actor_type, reason FROM audit_log ORDER BY id")) {
      while (rs.next()) {
        audit.add(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3));
      }
    }
    assertEquals(
        List.of(
            "tenant.create/admin/onboarding",
            "api_key.create/admin/SIS link",
            "signing_key.generate/admin/first",
            "signing_key.rotate/admin/yearly",
            "api_key.revoke/admin/rotated out"),
        audit);
  }

  @Test
  void tenantCreate_invalidInput_exit2() {
    Result r =
        run("admin", "tenant", "create", "--path", "Bad Path", "--name", "x", "--reason", "r");
    assertEquals(ExitCodes.BAD_INPUT, r.exit());
    assertTrue(r.err().contains("path"), r.err());
    assertEquals(ExitCodes.BAD_INPUT, run("admin", "tenant", "create", "--path", "x").exit());
  }

  @Test
  void tenantCreate_duplicatePath_exit2() {
    assertEquals(
        0,
        run("admin", "tenant", "create", "--path", "dup", "--name", "D", "--reason", "r").exit());
    Result r = run("admin", "tenant", "create", "--path", "dup", "--name", "D", "--reason", "r");
    assertEquals(ExitCodes.BAD_INPUT, r.exit());
    assertTrue(r.err().contains("already exists"), r.err());
  }

  @Test
  void apiKeyCreate_unknownTenantOrScope_exit2() {
    assertEquals(
        ExitCodes.BAD_INPUT,
        run("admin", "apikey", "create", "--tenant", "nope", "--scopes", "issue", "--reason", "r")
            .exit());
    assertEquals(
        ExitCodes.BAD_INPUT,
        run("admin", "apikey", "create", "--tenant", "dup", "--scopes", "root", "--reason", "r")
            .exit());
  }

  @Test
  void keyImport_pemAndJwk_becomeCurrent_badFileExit2() throws Exception {
    assertEquals(
        0,
        run(
                "admin",
                "tenant",
                "create",
                "--path",
                "import-test",
                "--name",
                "Import",
                "--kvk",
                "12345678",
                "--types",
                "microcredential",
                "--reason",
                "r")
            .exit());
    java.security.KeyPair pair = nl.leerbewijs.core.keys.EcKeys.generateP256();
    java.nio.file.Path pem = java.nio.file.Files.createTempFile("key", ".pem");
    java.nio.file.Files.writeString(
        pem,
        "-----BEGIN PRIVATE KEY-----\n"
            + java.util.Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    Result r =
        run(
            "admin",
            "key",
            "import",
            "--tenant",
            "import-test",
            "--file",
            pem.toString(),
            "--reason",
            "hsm export");
    assertEquals(0, r.exit(), r.err());
    String kid =
        nl.leerbewijs.core.keys.EcKeys.thumbprint(
            (java.security.interfaces.ECPublicKey) pair.getPublic());
    assertTrue(r.out().contains(kid), r.out());
    Result again =
        run(
            "admin",
            "key",
            "import",
            "--tenant",
            "import-test",
            "--file",
            pem.toString(),
            "--reason",
            "twice");
    assertEquals(ExitCodes.FAILURE, again.exit());
    java.nio.file.Path bad = java.nio.file.Files.createTempFile("key", ".pem");
    java.nio.file.Files.writeString(
        bad, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    assertEquals(
        ExitCodes.BAD_INPUT,
        run("admin", "key", "import", "--tenant", "import-test", "--file", bad.toString()).exit());
    Result list = run("admin", "key", "list", "--tenant", "import-test");
    assertTrue(list.out().contains("current") && list.out().contains(kid), list.out());
  }

  @Test
  void keyImport_privateJwkAndPkcs12_becomeCurrentWithChain_wrongPasswordExit2() throws Exception {
    assertEquals(
        0,
        run(
                "admin",
                "tenant",
                "create",
                "--path",
                "import-jwk-p12",
                "--name",
                "Import",
                "--types",
                "microcredential",
                "--reason",
                "r")
            .exit());
    // a private JWK
    java.security.KeyPair pair = nl.leerbewijs.core.keys.EcKeys.generateP256();
    var jwk =
        nl.leerbewijs.core.sdjwt.EcPublicJwk.toJwk(
            (java.security.interfaces.ECPublicKey) pair.getPublic());
    jwk.put(
        "d",
        nl.leerbewijs.core.json.Base64Url.encode(
            unsigned32(((java.security.interfaces.ECPrivateKey) pair.getPrivate()).getS())));
    java.nio.file.Path jwkFile = Files.createTempFile("key", ".jwk");
    Files.write(jwkFile, nl.leerbewijs.core.json.Json.write(jwk));
    Result j =
        run(
            "admin",
            "key",
            "import",
            "--tenant",
            "import-jwk-p12",
            "--file",
            jwkFile.toString(),
            "--reason",
            "jwk");
    assertEquals(0, j.exit(), j.err());
    String jwkKid =
        nl.leerbewijs.core.keys.EcKeys.thumbprint(
            (java.security.interfaces.ECPublicKey) pair.getPublic());
    assertTrue(j.out().contains(jwkKid), j.out());
    // a public JWK is refused
    jwk.remove("d");
    java.nio.file.Path publicOnly = Files.createTempFile("pub", ".jwk");
    Files.write(publicOnly, nl.leerbewijs.core.json.Json.write(jwk));
    assertEquals(
        ExitCodes.BAD_INPUT,
        run(
                "admin",
                "key",
                "import",
                "--tenant",
                "import-jwk-p12",
                "--file",
                publicOnly.toString(),
                "--reason",
                "r")
            .exit());

    // PKCS#12 as keytool writes it: a P-256 key with its self-signed certificate
    java.nio.file.Path dir = Files.createTempDirectory("p12");
    java.nio.file.Path p12 = dir.resolve("school.p12");
    Process keytool =
        new ProcessBuilder(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "school",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-sigalg",
                "SHA256withECDSA",
                "-dname",
                "CN=School import test",
                "-validity",
                "30",
                "-storetype",
                "PKCS12",
                "-keystore",
                p12.toString(),
                "-storepass",
                "geheim-wachtwoord",
                "-keypass",
                "geheim-wachtwoord")
            .redirectErrorStream(true)
            .start();
    String keytoolOut = new String(keytool.getInputStream().readAllBytes());
    assertEquals(0, keytool.waitFor(), keytoolOut);
    Map<String, String> withPassword = new HashMap<>(env);
    withPassword.put("SCHOOL_P12_PASSWORD", "geheim-wachtwoord");
    Result wrong =
        run(
            withPassword,
            "admin",
            "key",
            "import",
            "--tenant",
            "import-jwk-p12",
            "--file",
            p12.toString(),
            "--reason",
            "p12");
    assertEquals(ExitCodes.BAD_INPUT, wrong.exit(), "no password set: " + wrong.out());
    Result p =
        run(
            withPassword,
            "admin",
            "key",
            "import",
            "--tenant",
            "import-jwk-p12",
            "--file",
            p12.toString(),
            "--password-env",
            "SCHOOL_P12_PASSWORD",
            "--reason",
            "p12");
    assertEquals(0, p.exit(), p.err());
    assertTrue(p.out().contains("with a chain of 1 certificate(s)"), p.out());
    Matcher kid = Pattern.compile("imported ES256 key (\\S+) ").matcher(p.out());
    assertTrue(kid.find(), p.out());

    Result list = run("admin", "key", "list", "--tenant", "import-jwk-p12");
    List<String> lines = list.out().lines().toList();
    assertEquals(2, lines.size(), list.out());
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("current") && l.contains(kid.group(1))),
        list.out());
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("retired") && l.contains(jwkKid)), list.out());
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet r =
            st.executeQuery(
                "SELECT cardinality(x5c) FROM signing_keys WHERE kid = '" + kid.group(1) + "'")) {
      assertTrue(r.next());
      assertEquals(1, r.getInt(1));
    }
  }

  private static byte[] unsigned32(java.math.BigInteger v) {
    byte[] b = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(b.length, 32);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return out;
  }

  @Test
  void anyCommand_invalidConfiguration_exit2NamingVariable() {
    Map<String, String> bad = new HashMap<>(env);
    bad.put(IssuerConfig.KEK, "short");
    Result r = run(bad, "admin", "tenant", "list");
    assertEquals(ExitCodes.BAD_INPUT, r.exit());
    assertTrue(r.err().contains(IssuerConfig.KEK), r.err());
    assertFalse(r.err().contains("\tat "));
  }

  @Test
  void open_keysSealedUnderOtherKek_refusedNamingVariable() {
    assertEquals(
        0,
        run("admin", "tenant", "create", "--path", "kek-test", "--name", "K", "--reason", "r")
            .exit());
    assertEquals(
        0, run("admin", "key", "generate", "--tenant", "kek-test", "--reason", "r").exit());
    Map<String, String> otherKek = new HashMap<>(env);
    otherKek.put(IssuerConfig.KEK, KeyEncryptionKey.generate().toBase64());
    Result r = run(otherKek, "admin", "key", "list", "--tenant", "kek-test");
    assertEquals(ExitCodes.FAILURE, r.exit());
    assertTrue(r.err().contains(IssuerConfig.KEK), r.err());
  }
}
