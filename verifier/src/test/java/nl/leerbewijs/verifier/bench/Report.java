package nl.leerbewijs.verifier.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A load test's report: each line goes to stdout and, at the end, to a file in target/bench. */
final class Report {
  private final StringBuilder text = new StringBuilder();

  void line(String format, Object... args) {
    String s = String.format(Locale.ROOT, format, args);
    System.out.println(s);
    text.append(s).append('\n');
  }

  void write(String fileName) throws IOException {
    Path out = Path.of("target/bench", fileName);
    Files.createDirectories(out.getParent());
    Files.writeString(out, text.toString());
  }
}
