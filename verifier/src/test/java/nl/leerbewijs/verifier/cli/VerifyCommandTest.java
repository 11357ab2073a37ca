package nl.leerbewijs.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.qr.QrImages;
import nl.leerbewijs.core.status.Status;
import nl.leerbewijs.keys.example.ExampleKeys;
import nl.leerbewijs.verifier.TestIssuerAccess;
import nl.leerbewijs.verifier.VerifierMain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code verifier verify} in process, against the test issuer on real HTTP. */
class VerifyCommandTest {

  @TempDir Path dir;
  TestIssuerAccess issuer;
  Path trustList;
  StringWriter out;
  StringWriter err;

  @BeforeEach
  void setUp() throws Exception {
    issuer = new TestIssuerAccess();
    trustList = issuer.writeTrustList(dir);
  }

  @AfterEach
  void tearDown() {
    issuer.close();
  }

  int run(String... args) {
    return run(Map.of(), args);
  }

  int run(Map<String, String> env, String... args) {
    CommandLine cl = VerifierMain.commandLine(env);
    out = new StringWriter();
    err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  /** verify FILE --trust-list ... --allow-loopback-http, plus extra arguments. */
  int verify(Path file, String... extra) {
    List<String> args = new ArrayList<>(List.of("verify", file.toString()));
    args.addAll(List.of("--trust-list", trustList.toString(), "--allow-loopback-http"));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void verify_validText_exit0WithOneLinePerCheck() throws Exception {
    assertEquals(0, verify(write("p.txt", issuer.presentation(7))), err.toString());
    String text = out.toString();
    assertTrue(text.contains("verdict: VALID (ok)"), text);
    for (String check :
        List.of(
            "structure",
            "trusted_issuer",
            "signature",
            "digests",
            "key_binding",
            "validity",
            "schema",
            "status")) {
      assertTrue(text.contains("PASS    " + check), check + " in\n" + text);
    }
    assertTrue(text.contains("Data-analyse met Python"), text);
  }

  @Test
  void verify_qrPayload_exit0() throws Exception {
    Path f = write("qr.txt", TestIssuerAccess.qrPayload(issuer.presentation(7)) + "\n");
    assertEquals(0, verify(f), err.toString());
  }

  @Test
  void verify_pngImage_exit0() throws Exception {
    Path f = dir.resolve("qr.png");
    Files.write(
        f,
        QrImages.png(
            QrImages.render(TestIssuerAccess.qrPayload(issuer.presentation(7)), 3).image()));
    assertEquals(0, verify(f), err.toString());
  }

  @Test
  void verify_jsonFormat_reportJson() throws Exception {
    assertEquals(0, verify(write("p.txt", issuer.presentation(7)), "--format", "json"));
    assertEquals("valid", Json.parse(out.toString()).get("verdict").asText());
  }

  @Test
  void verify_revoked_exit3() throws Exception {
    issuer.revoke(7, Status.INVALID);
    assertEquals(3, verify(write("p.txt", issuer.presentation(7))));
    assertTrue(out.toString().contains("verdict: REVOKED"), out.toString());
  }

  @Test
  void verify_malformedText_exit3() throws Exception {
    assertEquals(3, verify(write("p.txt", "hello")));
    assertTrue(out.toString().contains("verdict: MALFORMED"));
  }

  @Test
  void verify_untrustedIssuer_exit4() throws Exception {
    ExampleKeys.School u = ExampleKeys.untrusted();
    String cred = issuer.credential(u, u.issuerId(), 1, Clock.systemUTC());
    assertEquals(4, verify(write("p.txt", issuer.present(cred))));
  }

  @Test
  void verify_offline_exit4WithoutFetching() throws Exception {
    assertEquals(4, verify(write("p.txt", issuer.presentation(7)), "--offline"));
    assertTrue(out.toString().contains("verdict: STATUS_UNKNOWN"), out.toString());
    assertEquals(0, issuer.statusFetches());
  }

  @Test
  void verify_keysFromMetadata_exit0_offlineKeysUnavailableWithoutFetching() throws Exception {
    trustList = issuer.writeTrustListKeysFromMetadata(dir);
    Path p = write("p.txt", issuer.presentation(7));
    assertEquals(0, verify(p), out + err.toString());
    assertTrue(out.toString().contains("jwt-vc-issuer-metadata"), out.toString());
    assertEquals(1, issuer.metadataFetches());

    assertEquals(4, verify(p, "--offline"));
    assertTrue(out.toString().contains("trusted_issuer.keys_unavailable"), out.toString());
    assertEquals(1, issuer.metadataFetches(), "offline: no request");
  }

  @Test
  void verify_trustListFromEnvironment_used() throws Exception {
    Path f = write("p.txt", issuer.presentation(7));
    int code =
        run(
            Map.of("LEERBEWIJS_TRUST_LIST", trustList.toString()),
            "verify",
            f.toString(),
            "--allow-loopback-http");
    assertEquals(0, code, err.toString());
  }

  @Test
  void verify_missingFile_exit2() {
    assertEquals(2, verify(dir.resolve("nope.txt")));
    assertTrue(err.toString().contains("no such file"), err.toString());
  }

  @Test
  void verify_imageWithoutQr_exit2() throws Exception {
    Path f = dir.resolve("blank.png");
    javax.imageio.ImageIO.write(
        new java.awt.image.BufferedImage(50, 50, java.awt.image.BufferedImage.TYPE_BYTE_GRAY),
        "png",
        f.toFile());
    assertEquals(2, verify(f));
  }

  @Test
  void verify_binaryNotImage_exit2() throws Exception {
    Path f = Files.write(dir.resolve("x.bin"), new byte[] {(byte) 0xC3, 0x28, 0, 1});
    assertEquals(2, verify(f));
  }

  @Test
  void verify_emptyFile_exit2() throws Exception {
    assertEquals(2, verify(write("empty.txt", "  \n")));
  }

  @Test
  void verify_noTrustList_exit2() throws Exception {
    assertEquals(2, run("verify", write("p.txt", "x").toString()));
    assertTrue(err.toString().contains("--trust-list"), err.toString());
  }

  @Test
  void verify_invalidTrustList_exit2() throws Exception {
    trustList = write("bad-trust-list.json", "{}");
    assertEquals(2, verify(write("p.txt", issuer.presentation(7))));
    assertTrue(err.toString().contains("invalid"), err.toString());
  }

  @Test
  void verify_unknownOption_exit2() throws Exception {
    assertEquals(2, verify(write("p.txt", "x"), "--no-such-option"));
  }

  @Test
  void verify_badDuration_exit2() throws Exception {
    assertEquals(
        2, verify(write("p.txt", issuer.presentation(7)), "--max-key-binding-age", "forever"));
  }

  @Test
  void exitCodes_bySeverity() {
    assertEquals(0, ExitCodes.of(nl.leerbewijs.core.verify.Verdict.VALID));
    assertEquals(4, ExitCodes.of(nl.leerbewijs.core.verify.Verdict.STATUS_UNKNOWN));
    assertEquals(4, ExitCodes.of(nl.leerbewijs.core.verify.Verdict.UNTRUSTED_ISSUER));
    for (var v :
        List.of(
            nl.leerbewijs.core.verify.Verdict.REVOKED,
            nl.leerbewijs.core.verify.Verdict.SUSPENDED,
            nl.leerbewijs.core.verify.Verdict.EXPIRED,
            nl.leerbewijs.core.verify.Verdict.INVALID,
            nl.leerbewijs.core.verify.Verdict.MALFORMED)) {
      assertEquals(3, ExitCodes.of(v), v.name());
    }
  }
}
