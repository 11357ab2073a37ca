package nl.leerbewijs.verifier.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * A load test's report: each line goes to stdout and, as it comes, to a file in target/bench, so a
 * run of several minutes can be followed (surefire holds a test's stdout back until it ends) and a
 * profiler can be attached at the phase of interest.
 */
final class Report {
  private final Path file;
  private boolean started;

  /** The file is started afresh at the first line (a skipped test leaves the last report). */
  Report(String fileName) {
    file = Path.of("target/bench", fileName);
  }

  void line(String format, Object... args) {
    String s = String.format(Locale.ROOT, format, args);
    System.out.println(s);
    try {
      if (!started) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "");
        started = true;
      }
      Files.writeString(file, s + "\n", StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
