package nl.leerbewijs.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.leerbewijs.wallet.store.KdfParameters;
import nl.leerbewijs.wallet.store.WalletStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real terminal session (tmux): the passphrase prompt does not echo, and the interactive
 * disclosure checklist works with the keyboard. Skipped, with a message, when tmux is missing
 * (.ci/run installs it).
 */
class TerminalSessionTest {

  @TempDir Path tmp;
  String socket;

  @BeforeEach
  void tmuxAvailable() {
    boolean ok;
    try {
      ok = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      ok = false;
    }
    assumeTrue(ok, "tmux is not installed: terminal session test skipped (apt-get install tmux)");
    socket = "leerbewijs-wallet-test-" + UUID.randomUUID();
  }

  @AfterEach
  void stopServer() throws Exception {
    if (socket != null) {
      tmux("kill-server");
    }
  }

  private String tmux(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  private void start(Path home, String walletArgs) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        "env "
            + KdfParameters.INSECURE_TEST_KDF_ENV
            + "=1 LANG=nl_NL.UTF-8 "
            + java
            + " -cp '"
            + System.getProperty("java.class.path")
            + "' "
            + WalletMain.class.getName()
            + " --home '"
            + home
            + "' "
            + walletArgs
            + "; echo EXIT=$?; sleep 30";
    tmux("new-session", "-d", "-x", "200", "-y", "60", "-s", "w", command);
  }

  private String waitFor(String text) throws Exception {
    String screen = "";
    for (int i = 0; i < 200; i++) {
      screen = tmux("capture-pane", "-p", "-t", "w");
      if (screen.contains(text)) {
        return screen;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("'" + text + "' did not appear; screen:\n" + screen);
  }

  private void type(String text) throws Exception {
    tmux("send-keys", "-t", "w", "-l", text);
    tmux("send-keys", "-t", "w", "Enter");
  }

  @Test
  void init_passphrasePrompt_doesNotEcho() throws Exception {
    Path home = tmp.resolve("w");
    start(home, "init");
    waitFor("Kies een wachtwoord");
    type("geheim-in-tmux-1");
    waitFor("nog een keer");
    type("geheim-in-tmux-1");
    String screen = waitFor("EXIT=");
    assertTrue(screen.contains("EXIT=0"), screen);
    assertFalse(screen.contains("geheim-in-tmux-1"), "the passphrase was echoed:\n" + screen);
    new WalletStore(home).unlock("geheim-in-tmux-1".toCharArray());
  }

  @Test
  void present_interactiveChecklist_selectsWithKeyboard() throws Exception {
    Path out = tmp.resolve("qr.txt");
    String id;
    try (WalletHarness h = new WalletHarness(tmp)) {
      h.init();
      WalletHarness.Run r = h.run("import", h.write("c.txt", h.issue(h.holderKey(), 1)).toString());
      id = r.out().split("\\s+")[1];
      start(h.home, "present " + id + " --out '" + out + "' --nonce n");
      waitFor("Wachtwoord van je wallet");
      type(WalletHarness.PASSPHRASE);
      waitFor("Enter om te bevestigen");
      type("1");
      waitFor("[x]  1.");
      type("");
      String screen = waitFor("EXIT=");
      assertTrue(screen.contains("EXIT=0"), screen);
      assertFalse(screen.contains(WalletHarness.PASSPHRASE), screen);
      assertTrue(screen.contains("name"), screen);
    }
    assertTrue(Files.readString(out).startsWith("LB1:"));
    assertEquals(8, id.length());
  }
}
