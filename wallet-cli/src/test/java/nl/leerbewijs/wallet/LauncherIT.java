package nl.leerbewijs.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code wallet-cli/wallet} with the packaged jar (a copy in a temporary
 * directory, so that its class-data sharing archives are made there): the archives are made by the
 * first successful run of the commands that have one, kept per command, remade for a newer jar, and
 * the output is the same as in-process.
 */
class LauncherIT {

  @TempDir Path tmp;
  WalletHarness h;
  Path jar;
  String id;

  @BeforeEach
  void setUp() throws Exception {
    Path built = Path.of("target", "leerbewijs-wallet.jar");
    assertTrue(Files.isRegularFile(built), "run after package: " + built.toAbsolutePath());
    jar = Files.copy(built, Files.createDirectories(tmp.resolve("lib")).resolve("wallet.jar"));
    h = new WalletHarness(tmp);
    h.init();
    WalletHarness.Run r = h.run("import", h.write("c.txt", h.issue(h.holderKey(), 2)).toString());
    assertEquals(ExitCodes.OK, r.rc(), r.all());
    id = r.out().split("\\s+")[1];
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  private WalletHarness.Run launch(Map<String, String> extraEnv, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("sh", Path.of("wallet").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    for (String inherited : List.of("LC_ALL", "LC_MESSAGES", "LEERBEWIJS_WALLET_CDS")) {
      pb.environment().remove(inherited); // the in-process runs do not see them either
    }
    pb.environment().putAll(h.env);
    pb.environment().putAll(extraEnv);
    pb.environment().put("LEERBEWIJS_WALLET_JAR", jar.toString());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher did not finish");
    return new WalletHarness.Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private List<String> archives() throws Exception {
    try (Stream<Path> s = Files.list(jar.getParent())) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !n.equals("wallet.jar"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  @Test
  void archives_madeBySuccessfulRunsPerCommand_outputAsInProcess() throws Exception {
    WalletHarness.Run wrong =
        launch(Map.of(WalletContext.PASSPHRASE_ENV, "verkeerd wachtwoord"), "list");
    assertEquals(ExitCodes.USAGE, wrong.rc(), wrong.all());
    assertEquals(List.of(), archives(), "no archive from a failed first run");

    assertEquals(ExitCodes.OK, launch(Map.of(), "list", "--help").rc());
    assertEquals(List.of(), archives(), "no archive from a help run");

    WalletHarness.Run first = launch(Map.of(), "list");
    assertEquals(h.run("list"), first);
    assertEquals(List.of("wallet.jar.view.jsa"), archives());
    assertEquals(h.run("list"), launch(Map.of(), "list"), "with the archive");
    assertEquals(h.run("show", id, "--lang", "en"), launch(Map.of(), "show", id, "--lang", "en"));
    assertEquals(h.run("show", "ffff"), launch(Map.of(), "show", "ffff"));

    Path png = tmp.resolve("qr.png");
    WalletHarness.Run present = launch(Map.of(), "present", id, "--all", "--png", png.toString());
    assertEquals(ExitCodes.OK, present.rc(), present.all());
    assertTrue(Files.size(png) > 0);
    assertEquals(List.of("wallet.jar.present.jsa", "wallet.jar.view.jsa"), archives());
    Path text = tmp.resolve("qr.txt");
    assertEquals(
        ExitCodes.OK, launch(Map.of(), "present", id, "--all", "--out", text.toString()).rc());
    assertTrue(Files.size(text) > 100, "the presentation as text");

    // a rebuilt (newer) jar: the stale archive is replaced by the next run
    Path view = jar.resolveSibling("wallet.jar.view.jsa");
    FileTime before = Files.getLastModifiedTime(view);
    Files.setLastModifiedTime(jar, FileTime.fromMillis(before.toMillis() + 60_000));
    assertEquals(h.run("list"), launch(Map.of(), "list"));
    assertTrue(Files.getLastModifiedTime(view).compareTo(before) > 0, "archive remade");
    assertFalse(archives().stream().anyMatch(n -> n.endsWith(".tmp")), archives().toString());
  }

  @Test
  void calledThroughSymbolicLink_findsTheJarNextToTheScript() throws Exception {
    // as the README suggests: ln -s "$PWD/wallet-cli/wallet" ~/.local/bin/wallet
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path link = Files.createSymbolicLink(bin.resolve("wallet"), Path.of("wallet").toAbsolutePath());
    Path relative = Files.createSymbolicLink(bin.resolve("w2"), Path.of("wallet"));
    for (Path p : List.of(link, relative)) {
      ProcessBuilder pb = new ProcessBuilder("sh", p.toString(), "--version");
      pb.environment().remove("LEERBEWIJS_WALLET_JAR"); // the default: target/ next to the script
      pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
      Process proc = pb.redirectErrorStream(true).start();
      String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(proc.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, proc.exitValue(), out);
      assertTrue(out.startsWith("leerbewijs wallet"), out);
    }
  }

  @Test
  void archivePrefix_fromEnvironment() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("cds"));
    Map<String, String> env = new HashMap<>();
    env.put("LEERBEWIJS_WALLET_CDS", dir.resolve("w").toString());
    assertEquals(h.run("list"), launch(env, "list"));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(
          List.of("w.view.jsa"),
          s.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
    }
    assertEquals(List.of(), archives());
  }
}
