package nl.leerbewijs.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import nl.leerbewijs.wallet.cli.FastPath;
import nl.leerbewijs.wallet.store.WalletStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The picocli-free way of running {@code list} and {@code show} ({@link FastPath}) against picocli
 * itself: for every argument list the fast path accepts, the output, the error output and the exit
 * code are the same bytes as when picocli parses the same arguments.
 */
class FastPathTest {

  /** Stack frames differ between the two ways (picocli's own frames); everything else must not. */
  private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\t(at |\\.\\.\\. ).*\\R");

  @TempDir Path tmp;
  WalletHarness h;
  String first;
  String second;

  @BeforeEach
  void setUp() throws Exception {
    h = new WalletHarness(tmp);
    h.init();
    first = importOne(3);
    second = importOne(4);
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  private String importOne(int statusIndex) throws Exception {
    Path f = h.write("cred" + statusIndex + ".txt", h.issue(h.holderKey(), statusIndex));
    WalletHarness.Run r = h.run("import", f.toString());
    assertEquals(ExitCodes.OK, r.rc(), r.all());
    return r.out().split("\\s+")[1];
  }

  /** Runs {@code args} both ways; they must be taken by the fast path and give the same bytes. */
  private WalletHarness.Run same(String... args) {
    assertNotNull(FastPath.parse(args), "fast path expected for " + List.of(args));
    WalletHarness.Run fast = h.run(args);
    WalletHarness.Run picocli = h.runWithPicocli(args);
    String what = String.join(" ", args);
    assertEquals(picocli.rc(), fast.rc(), what);
    assertEquals(picocli.out(), fast.out(), what);
    if (List.of(args).contains("-v") || List.of(args).contains("--verbose")) {
      assertEquals(
          STACK_FRAME.matcher(picocli.err()).replaceAll(""),
          STACK_FRAME.matcher(fast.err()).replaceAll(""),
          what);
    } else {
      assertEquals(picocli.err(), fast.err(), what);
    }
    return fast;
  }

  @Test
  void list_textAndJson_nlAndEn_sameAsPicocli() {
    String home = h.home.toString();
    assertTrue(same("list").out().contains(first));
    same("list", "--lang", "en");
    same("list", "--lang=en");
    same("--lang", "en", "list");
    same("--lang", "en", "list", "--lang", "nl");
    same("list", "--lang", "EN");
    assertTrue(same("list", "--format", "json").out().contains("\"id\":\"" + second + "\""));
    same("list", "--format=JSON", "--lang", "en");
    same("list", "--format", "Text");
    same("--home", home, "list");
    same("list", "--home", home);
    same("list", "--home=" + home, "--verbose");
    same("--home", tmp.resolve("elders").toString(), "list", "--home", home);
    same("-v", "list", "--format", "json");
    same("list", "--trust-list", tmp.resolve("ongebruikt.json").toString());
    h.env.put("LANG", "en_GB.UTF-8");
    same("list");
    same("list", "--lang", "nl");
  }

  @Test
  void show_idAndPrefixes_sameAsPicocli() {
    assertTrue(same("show", first).out().contains(first));
    same("show", first.substring(0, 4));
    same("show", first.toUpperCase(Locale.ROOT));
    same("show", " " + second + " ");
    same("show", "--lang", "en", second);
    same("--lang=en", "show", first, "-v");
    same("--home", h.home.toString(), "show", first);
    same("show", first, "--home", h.home.toString());
  }

  @Test
  void show_unknownEmptyOrOddId_sameErrorAsPicocli() {
    assertEquals(ExitCodes.USAGE, same("show", "ffffffffff").rc());
    same("show", "ffffffffff", "--lang", "en");
    same("show", "");
    same("show", "   ");
    same("show", "list");
    same("show", "zz", "-v");
  }

  @Test
  void wrongPassphrase_fromEnvironmentOrFile_sameAsPicocli() throws Exception {
    Path right = h.write("goed.txt", WalletHarness.PASSPHRASE + "\n");
    Path wrong = h.write("fout.txt", "verkeerd wachtwoord\n");
    assertEquals(ExitCodes.OK, same("list", "--passphrase-file", right.toString()).rc());
    same("--passphrase-file=" + right, "show", first);
    assertEquals(ExitCodes.USAGE, same("list", "--passphrase-file", wrong.toString()).rc());
    same("show", first, "--passphrase-file", wrong.toString(), "--lang", "en");
    same("list", "--passphrase-file", tmp.resolve("bestaat-niet").toString());
    same("list", "--passphrase-file", tmp.resolve("bestaat-niet").toString(), "-v");
    h.env.put(WalletContext.PASSPHRASE_ENV, "verkeerd wachtwoord");
    assertTrue(same("list").err().contains("wachtwoord klopt niet"));
    same("show", first);
    same("list", "--lang", "en");
    same("list", "--verbose");
    h.env.remove(WalletContext.PASSPHRASE_ENV);
    assertEquals(ExitCodes.USAGE, same("list").rc());
    same("show", first, "--lang", "en");
  }

  @Test
  void missingOrCorruptWallet_sameAsPicocli() throws Exception {
    String empty = Files.createDirectories(tmp.resolve("leeg")).toString();
    assertEquals(ExitCodes.USAGE, same("--home", empty, "list").rc());
    same("show", first, "--home", empty, "--lang", "en");
    Path broken = Files.createDirectories(tmp.resolve("kapot"));
    Files.writeString(broken.resolve(WalletStore.WALLET_FILE), "{\"format\":\"iets anders\"}");
    assertEquals(ExitCodes.FAILURE, same("list", "--home", broken.toString()).rc());
    same("list", "--home", broken.toString(), "-v");
  }

  @Test
  void commandNames_sameAsWalletCommand() {
    assertEquals(WalletCommand.subcommandNames(), FastPath.COMMAND_NAMES);
  }

  @Test
  void anythingElse_leftToPicocli() {
    String[][] notPlain = {
      {},
      {"--help"},
      {"-V"},
      {"list", "-h"},
      {"list", "--help"},
      {"show", first, "--version"},
      {"status"},
      {"present", first, "--all"},
      {"list", "--format", "xml"},
      {"list", "--format", "jſon"},
      {"list", "--format"},
      {"list", "--bestaat-niet"},
      {"list", "extra"},
      {"show"},
      {"show", "a", "b"},
      {"show", "-1"},
      {"list", "--home", "a", "--home", "b"},
      {"-v", "--verbose", "list"},
      {"list", "-v", "-v"},
      {"list", "-vh"},
      {"list", "@argumenten.txt"},
      {"list", "--"},
      {"--home", "list", "list"},
      {"list", "--home="},
      {"list", "--home", "--lang"},
      {"list", "--home", "a\0b"},
      {"--format", "json", "list"},
      {"--home"},
    };
    for (String[] args : notPlain) {
      assertNull(FastPath.parse(args), List.of(args).toString());
    }
    // and picocli still answers them as before
    assertEquals(ExitCodes.USAGE, h.run("list", "--format", "xml").rc());
    assertTrue(h.run("list", "--help").out().contains("--format"));
    assertEquals(ExitCodes.USAGE, h.run("show").rc());
  }

  /**
   * The point of the fast path, checked in a JVM of its own: {@code wallet list} loads no picocli
   * class (a change that brings picocli back in would silently cost 0.09 s of start time).
   */
  @Test
  void list_inItsOwnJvm_loadsNoPicocliClass() throws Exception {
    assertFalse(classesLoaded("list").contains(" picocli."), "picocli loaded by list");
    assertFalse(classesLoaded("show", first).contains(" picocli."), "picocli loaded by show");
    assertTrue(classesLoaded("list", "--help").contains(" picocli."), "help is picocli's");
  }

  private String classesLoaded(String... args) throws Exception {
    Path log = Files.createTempFile(tmp, "classes", ".txt");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xshare:auto");
    cmd.add("-Xlog:class+load=info:file=" + log);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(WalletMain.class.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(h.env);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), output);
    return Files.readString(log);
  }
}
