package nl.leerbewijs.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.leerbewijs.core.http.BoundedHttpClient;
import nl.leerbewijs.core.qr.QrImages;
import nl.leerbewijs.core.trust.TrustList;
import nl.leerbewijs.core.verify.TrustedStatusSource;
import nl.leerbewijs.core.verify.Verdict;
import nl.leerbewijs.core.verify.VerificationEngine;
import nl.leerbewijs.core.verify.VerificationReport;
import nl.leerbewijs.keys.example.ExampleKeys;
import nl.leerbewijs.wallet.trust.CredentialChecker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wallet present}: selection, key binding, QR in the terminal, PNG and text. */
class PresentCommandTest {

  @TempDir Path tmp;
  WalletHarness h;
  String id;

  @BeforeEach
  void setUp() throws Exception {
    h = new WalletHarness(tmp);
    h.init();
    WalletHarness.Run r = h.run("import", h.write("c.txt", h.issue(h.holderKey(), 1)).toString());
    assertEquals(ExitCodes.OK, r.rc(), r.all());
    id = r.out().split("\\s+")[1];
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  private VerificationReport verify(String payload, String aud, String nonce) {
    TrustList trust =
        TrustList.parse(
            ExampleKeys.trustListJsonWithIssuerIds(Map.of(WalletHarness.SCHOOL, h.issuerId()))
                .getBytes(StandardCharsets.UTF_8));
    return VerificationEngine.builder(trust)
        .statusSource(
            TrustedStatusSource.builder(
                    CredentialChecker.fetcher(
                        BoundedHttpClient.builder().allowLoopbackHttp(true).build()))
                .build())
        .keyBindingRequired(true)
        .expectedAudience(aud)
        .build()
        .verify(payload, nonce);
  }

  private String presentToFile(String... selection) throws Exception {
    Path out = tmp.resolve("qr.txt");
    List<String> args =
        new ArrayList<>(
            List.of(
                "present",
                id,
                "--aud",
                "https://werkgever.example",
                "--nonce",
                "n-123",
                "--out",
                out.toString()));
    args.addAll(List.of(selection));
    WalletHarness.Run r = h.run(args.toArray(new String[0]));
    assertEquals(ExitCodes.OK, r.rc(), r.all());
    return Files.readString(out).strip();
  }

  @Test
  void present_discloseName_verifiesWithOnlyTheName() throws Exception {
    String payload = presentToFile("--disclose", "name");
    assertTrue(payload.startsWith("LB1:"));
    VerificationReport report = verify(payload, "https://werkgever.example", "n-123");
    assertEquals(Verdict.VALID, report.verdict(), report.toJson().toString());
    List<String> disclosed = report.credential().orElseThrow().disclosedPaths();
    assertTrue(disclosed.contains("/learner"), disclosed.toString());
    assertFalse(disclosed.contains("/learner/birthdate"), disclosed.toString());
    assertFalse(disclosed.contains("/description"), disclosed.toString());
  }

  @Test
  void present_wrongNonce_failsVerification() throws Exception {
    String payload = presentToFile("--disclose", "name");
    assertEquals(Verdict.INVALID, verify(payload, "https://werkgever.example", "andere").verdict());
  }

  @Test
  void present_secondSkillOnly_disclosesOneSkill() throws Exception {
    String payload = presentToFile("--disclose", "skills[2],birthdate");
    VerificationReport report = verify(payload, "https://werkgever.example", "n-123");
    assertEquals(Verdict.VALID, report.verdict());
    var claims = report.credential().orElseThrow().claims();
    assertEquals(1, claims.get("skills").size(), claims.toString());
    assertTrue(claims.get("learner").has("birthdate"));
  }

  @Test
  void present_all_pngDecodesToSamePayload() throws Exception {
    Path png = tmp.resolve("qr.png");
    String payload = presentToFile("--all", "--png", png.toString());
    assertEquals(payload, QrImages.read(Files.readAllBytes(png)));
    VerificationReport report = verify(payload, "https://werkgever.example", "n-123");
    assertEquals(Verdict.VALID, report.verdict());
    assertTrue(report.credential().orElseThrow().claims().has("description"));
  }

  @Test
  void present_terminalQr_decodesToAValidPresentation() throws Exception {
    WalletHarness.Run r = h.run("present", id, "--disclose", "name,skills", "--nonce", "n-1");
    assertEquals(ExitCodes.OK, r.rc(), r.all());
    String text = QrImages.read(image(r.out()));
    VerificationReport report = verify(text, null, "n-1");
    assertEquals(Verdict.VALID, report.verdict());
    assertTrue(r.out().contains("name, skills[1], skills[2]"), r.out());
  }

  /** Reads the half-block drawing back (plain mode: glyphs paint the light modules). */
  static BufferedImage image(String out) {
    List<String> rows = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isEmpty()
          && line.chars().allMatch(c -> c == ' ' || c == 0x2580 || c == 0x2584 || c == 0x2588)) {
        rows.add(line);
      }
    }
    int w = rows.get(0).length();
    int scale = 4;
    BufferedImage img =
        new BufferedImage(w * scale, rows.size() * 2 * scale, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < rows.size(); y++) {
      for (int x = 0; x < w; x++) {
        char c = rows.get(y).charAt(x);
        boolean topLight = c == 0x2588 || c == 0x2580;
        boolean bottomLight = c == 0x2588 || c == 0x2584;
        fill(img, x, 2 * y, topLight, scale);
        fill(img, x, 2 * y + 1, bottomLight, scale);
      }
    }
    return img;
  }

  private static void fill(BufferedImage img, int mx, int my, boolean light, int s) {
    for (int dy = 0; dy < s; dy++) {
      for (int dx = 0; dx < s; dx++) {
        img.setRGB(mx * s + dx, my * s + dy, light ? 0xFFFFFF : 0x000000);
      }
    }
  }

  @Test
  void present_unknownClaim_usageErrorListsChoices() {
    WalletHarness.Run r = h.run("present", id, "--disclose", "salaris");
    assertEquals(ExitCodes.USAGE, r.rc());
    assertTrue(r.err().contains("birthdate"), r.err());
  }

  @Test
  void present_noChoiceWithoutTerminal_usageError() {
    assertEquals(ExitCodes.USAGE, h.run("present", id).rc());
    assertEquals(ExitCodes.USAGE, h.run("present", id, "--all", "--disclose", "name").rc());
  }

  @Test
  void present_interactiveChecklist_togglesAndConfirms() throws Exception {
    h.terminal = new ScriptedTerminal(true, "1 2", "2", "");
    Path out = tmp.resolve("i.txt");
    WalletHarness.Run r = h.run("present", id, "--out", out.toString(), "--nonce", "x");
    assertEquals(ExitCodes.OK, r.rc(), r.all());
    assertTrue(r.out().contains("[x]  1."), r.out());
    VerificationReport report = verify(Files.readString(out).strip(), null, "x");
    List<String> disclosed = report.credential().orElseThrow().disclosedPaths();
    assertTrue(disclosed.contains("/learner"), disclosed.toString());
    assertFalse(disclosed.contains("/learner/birthdate"), disclosed.toString());
  }

  @Test
  void present_interactiveQuit_nothingMade() {
    h.terminal = new ScriptedTerminal(true, "q");
    assertEquals(ExitCodes.USAGE, h.run("present", id).rc());
  }
}
