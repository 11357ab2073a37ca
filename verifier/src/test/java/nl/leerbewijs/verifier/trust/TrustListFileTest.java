package nl.leerbewijs.verifier.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import nl.leerbewijs.core.trust.TrustList;
import nl.leerbewijs.keys.example.ExampleKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustListFileTest {

  @TempDir Path dir;

  Path write(String text) throws Exception {
    Path f = dir.resolve("trust-list.json");
    Files.writeString(f, text);
    return f;
  }

  static String moved() {
    return ExampleKeys.trustListJsonWithIssuerIds(
        Map.of(ExampleKeys.HS_VOORBEELD, "https://elders.example/t/hs"));
  }

  @Test
  void load_exampleList_twoIssuers() throws Exception {
    TrustListFile t = TrustListFile.load(write(ExampleKeys.trustListJson()), Clock.systemUTC());
    assertEquals(2, t.current().issuers().size());
    assertTrue(t.lastError().isEmpty());
  }

  @Test
  void load_missingOrInvalid_throwsNamingFile() throws Exception {
    Path missing = dir.resolve("nope.json");
    TrustListLoadException e =
        assertThrows(
            TrustListLoadException.class, () -> TrustListFile.load(missing, Clock.systemUTC()));
    assertTrue(e.getMessage().contains("nope.json"));
    Path bad = write("{\"version\": 1}");
    assertThrows(TrustListLoadException.class, () -> TrustListFile.load(bad, Clock.systemUTC()));
  }

  @Test
  void checkForChanges_untouched_unchanged() throws Exception {
    TrustListFile t = TrustListFile.load(write(ExampleKeys.trustListJson()), Clock.systemUTC());
    TrustList before = t.current();
    assertEquals(TrustListFile.Change.UNCHANGED, t.checkForChanges());
    assertSame(before, t.current());
  }

  @Test
  void checkForChanges_newList_reloaded() throws Exception {
    Path f = write(ExampleKeys.trustListJson());
    TrustListFile t = TrustListFile.load(f, Clock.systemUTC());
    Files.writeString(f, moved());
    Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(5)));
    assertEquals(TrustListFile.Change.RELOADED, t.checkForChanges());
    assertTrue(t.current().issuer("https://elders.example/t/hs").isPresent());
  }

  @Test
  void checkForChanges_brokenFile_keepsPreviousAndSaysWhy() throws Exception {
    Path f = write(ExampleKeys.trustListJson());
    TrustListFile t = TrustListFile.load(f, Clock.systemUTC());
    TrustList before = t.current();
    Files.writeString(f, "{\"version\": 1, \"issuers\": [");
    assertEquals(TrustListFile.Change.REFUSED, t.checkForChanges());
    assertSame(before, t.current());
    assertTrue(t.lastError().orElseThrow().contains("keeping the previous list"));
    assertEquals(TrustListFile.Change.REFUSED, t.checkForChanges(), "still refused, not re-read");

    Files.writeString(f, moved());
    Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(10)));
    assertEquals(TrustListFile.Change.RELOADED, t.checkForChanges());
    assertTrue(t.lastError().isEmpty());
  }

  @Test
  void checkForChanges_fileDeleted_keepsPrevious() throws Exception {
    Path f = write(ExampleKeys.trustListJson());
    TrustListFile t = TrustListFile.load(f, Clock.systemUTC());
    Path aside = Files.move(f, f.resolveSibling("aside.json"));
    assertEquals(TrustListFile.Change.REFUSED, t.checkForChanges());
    assertEquals(2, t.current().issuers().size());
    assertTrue(t.lastError().orElseThrow().contains("no such file"), t.lastError().toString());
    // Back exactly as it was (same bytes, same time): the error does not stay in /health.
    Files.move(aside, f);
    assertEquals(TrustListFile.Change.UNCHANGED, t.checkForChanges());
    assertTrue(t.lastError().isEmpty());
  }

  @Test
  void reload_sameBytesNewTime_unchanged() throws Exception {
    Path f = write(ExampleKeys.trustListJson());
    TrustListFile t = TrustListFile.load(f, Clock.systemUTC());
    Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(5)));
    assertEquals(TrustListFile.Change.UNCHANGED, t.checkForChanges());
  }
}
