package nl.leerbewijs.verifier.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchedFilesTest {

  @TempDir Path dir;

  @Test
  void readsWhenTouchedButGivesNothingForTheAcceptedBytes() throws IOException {
    Path a = Files.writeString(dir.resolve("a"), "one");
    WatchedFiles w = new WatchedFiles(List.of(a), 100);
    assertTrue(w.changed());
    assertEquals("one", new String(w.readChanged().orElseThrow().get(0)));
    w.accept();
    assertFalse(w.changed());
    Files.setLastModifiedTime(a, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    assertTrue(w.changed());
    assertTrue(w.readChanged().isEmpty(), "same bytes: nothing to parse again");
    assertFalse(w.changed());
  }

  @Test
  void aFailedLookIsForgottenSoTheFilesBackAsTheyWereAreReadAgain() throws IOException {
    Path a = Files.writeString(dir.resolve("a"), "one");
    WatchedFiles w = new WatchedFiles(List.of(a), 100);
    w.readChanged();
    w.accept();
    Path aside = Files.move(a, dir.resolve("aside"));
    IOException e = assertThrows(IOException.class, w::changed);
    assertEquals("cannot read " + a + ": no such file", e.getMessage());
    Files.move(aside, a); // same bytes, same modification time
    assertTrue(w.changed(), "read again, so that the caller can clear its error");
    assertTrue(w.readChanged().isEmpty());
  }

  @Test
  void bytesMovedFromOneFileToTheNextAreAChange() throws IOException {
    Path a = Files.writeString(dir.resolve("a"), "ab");
    Path b = Files.writeString(dir.resolve("b"), "c");
    WatchedFiles w = new WatchedFiles(List.of(a, b), 100);
    w.readChanged();
    w.accept();
    Files.writeString(a, "a");
    Files.writeString(b, "bc");
    assertTrue(w.readChanged().isPresent());
  }

  @Test
  void namesTheFileThatIsTooLargeOrNotAFile() throws IOException {
    Path big = Files.writeString(dir.resolve("big"), "x".repeat(101));
    IOException large =
        assertThrows(IOException.class, () -> new WatchedFiles(List.of(big), 100).readChanged());
    assertEquals("cannot read " + big + ": larger than 100 bytes", large.getMessage());
    IOException folder =
        assertThrows(IOException.class, () -> new WatchedFiles(List.of(dir), 100).changed());
    assertEquals("cannot read " + dir + ": not a regular file", folder.getMessage());
  }
}
