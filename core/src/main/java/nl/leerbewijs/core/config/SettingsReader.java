package nl.leerbewijs.core.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads settings (environment variables or properties) into typed values and collects every problem
 * instead of stopping at the first, so a service can refuse to start with one message that names
 * each bad variable, what it holds and what was expected. Blank values count as absent.
 *
 * <p>Services extend it with their own specific settings (see the issuer's and the verifier's
 * configuration).
 */
public class SettingsReader {

  private final Map<String, String> values;
  private final List<String> problems;

  /**
   * @param values the settings by name
   * @param problems where problems are added, one human sentence each
   */
  public SettingsReader(Map<String, String> values, List<String> problems) {
    this.values = Objects.requireNonNull(values, "values");
    this.problems = Objects.requireNonNull(problems, "problems");
  }

  /** The trimmed value, or null when absent or blank. */
  protected final String raw(String name) {
    String v = values.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** Records a problem. */
  protected final void problem(String message) {
    problems.add(message);
  }

  public final String string(String name, String dflt) {
    String v = raw(name);
    return v == null ? dflt : v;
  }

  /** A whole number in [min, max]. */
  public final long number(String name, long dflt, long min, long max) {
    String v = raw(name);
    if (v == null) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v);
      if (n < min || n > max) {
        problem(name + " must be between " + min + " and " + max + ", got " + n);
        return dflt;
      }
      return n;
    } catch (NumberFormatException e) {
      problem(name + " must be a whole number, got '" + v + "'");
      return dflt;
    }
  }

  /** true/yes/1/on or false/no/0/off. */
  public final boolean bool(String name, boolean dflt) {
    String v = raw(name);
    if (v == null) {
      return dflt;
    }
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
      case "1":
      case "on":
        return true;
      case "false":
      case "no":
      case "0":
      case "off":
        return false;
      default:
        problem(name + " must be true or false, got '" + v + "'");
        return dflt;
    }
  }

  /** An absolute, normalized path; {@code dflt} may be relative (to the working directory). */
  public final Path path(String name, String dflt) {
    String v = string(name, dflt);
    try {
      return Path.of(v).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      problem(name + " is not a valid path: '" + v + "'");
      return Path.of(dflt).toAbsolutePath();
    }
  }

  /** A duration in [min, max], written as {@link #parseDuration}. */
  public final Duration duration(String name, Duration dflt, Duration min, Duration max) {
    String v = raw(name);
    if (v == null) {
      return dflt;
    }
    try {
      Duration d = parseDuration(v);
      if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
        problem(name + " must be between " + min + " and " + max + ", got " + v);
        return dflt;
      }
      return d;
    } catch (IllegalArgumentException e) {
      problem(name + ": " + e.getMessage());
      return dflt;
    }
  }

  /**
   * Parses {@code 500ms}, {@code 90s}, {@code 15m}, {@code 24h}, {@code 2d} or ISO-8601 ({@code
   * PT24H}).
   *
   * @throws IllegalArgumentException naming the value and the accepted forms
   */
  public static Duration parseDuration(String v) {
    String s = v.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("p")) {
      try {
        return Duration.parse(s.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not a duration: '" + v + "'");
      }
    }
    int i = 0;
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      i++;
    }
    if (i == 0 || i > 12) {
      throw new IllegalArgumentException("not a duration: '" + v + "' (try 24h, 90s or PT24H)");
    }
    long n = Long.parseLong(s.substring(0, i));
    switch (s.substring(i).trim()) {
      case "ms":
        return Duration.ofMillis(n);
      case "s":
        return Duration.ofSeconds(n);
      case "m":
        return Duration.ofMinutes(n);
      case "h":
        return Duration.ofHours(n);
      case "d":
        return Duration.ofDays(n);
      default:
        throw new IllegalArgumentException(
            "not a duration: '" + v + "' (units: ms, s, m, h, d; or ISO-8601 like PT24H)");
    }
  }
}
