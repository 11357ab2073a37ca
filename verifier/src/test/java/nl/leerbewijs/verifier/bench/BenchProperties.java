package nl.leerbewijs.verifier.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Every {@code -D} option of the load tests, read in one place and one way: a value the option
 * cannot take is refused with the option's name and what it takes ({@link #refuseWrongOptions}, the
 * first thing each load test does), not taken for the default without a word ({@link
 * Integer#getInteger} and {@link Long#getLong} do that with "abc") nor let through to fail later (a
 * length of 0 as an empty array, 0 connections as a division by zero). The options are read when
 * this class is first used, but refused from the test method: a refusal thrown while a class is
 * being initialised reaches the report as a bare {@link ExceptionInInitializerError}, without its
 * message.
 */
final class BenchProperties {

  private BenchProperties() {}

  /** The refusals of the options read below; first, as they fill it. */
  private static final List<String> WRONG = new ArrayList<>();

  /** A flat-out phase's length ({@code -Dleerbewijs.bench.seconds}, 8 by default). */
  static final long SECONDS = seconds("leerbewijs.bench.seconds").orElse(8);

  /** A paced phase's length ({@code -Dleerbewijs.bench.pacedSeconds}, a minute by default). */
  static final long PACED_SECONDS = seconds("leerbewijs.bench.pacedSeconds").orElse(60);

  /** The paced load's share of the in-process rate ({@code -Dleerbewijs.bench.pacedShare}). */
  static final double PACED_SHARE =
      readShare("leerbewijs.bench.pacedShare", 0.5, "a share of the in-process rate");

  /** Client threads of the shared test ({@code -Dleerbewijs.bench.threads}). */
  static final OptionalLong THREADS =
      read("leerbewijs.bench.threads", 1, 1_000, "a whole number of threads, at least 1");

  /** Keep-alive connections of both tests ({@code -Dleerbewijs.bench.clients}). */
  static final OptionalLong CLIENTS =
      read("leerbewijs.bench.clients", 1, 10_000, "a whole number of connections, at least 1");

  /** The pinned test's cores for the service ({@code -Dleerbewijs.bench.serviceCores}). */
  static final OptionalLong SERVICE_CORES =
      read("leerbewijs.bench.serviceCores", 1, 10_000, "a whole number of cores, at least 1");

  /** Turns of in-process and HTTP load ({@code -Dleerbewijs.bench.turns}, {@link InTurns}). */
  static final OptionalLong TURNS =
      read("leerbewijs.bench.turns", 1, 1_000, "a whole number of turns, at least 1");

  /** The service JVM's compiler threads' nice value ({@link VerifierLoadPinnedTest#JIT_NICE}). */
  static final OptionalLong JIT_NICE =
      read(VerifierLoadPinnedTest.JIT_NICE, -20, 19, "a nice value, a whole number from -20 to 19");

  /** Refuses every option above whose value it cannot take, all in one message. */
  static void refuseWrongOptions() {
    if (!WRONG.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", WRONG));
    }
  }

  private static OptionalLong seconds(String property) {
    return read(
        property, 1, Long.MAX_VALUE / 1_000_000_000L, "a whole number of seconds, at least 1");
  }

  private static OptionalLong read(String property, long min, long max, String what) {
    try {
      return whole(property, min, max, what);
    } catch (IllegalArgumentException e) {
      WRONG.add(e.getMessage());
      return OptionalLong.empty();
    }
  }

  private static double readShare(String property, double byDefault, String what) {
    try {
      return share(property, byDefault, what);
    } catch (IllegalArgumentException e) {
      WRONG.add(e.getMessage());
      return byDefault;
    }
  }

  /** A whole number from {@code min} to {@code max}; empty without the option. */
  static OptionalLong whole(String property, long min, long max, String what) {
    String value = System.getProperty(property);
    if (value == null) {
      return OptionalLong.empty();
    }
    try {
      long n = Long.parseLong(value.trim());
      if (n >= min && n <= max) {
        return OptionalLong.of(n);
      }
    } catch (NumberFormatException e) {
      // answered below, with the option's name
    }
    throw refused(property, what, value);
  }

  /** A share above 0 and at most 1; {@code byDefault} without the option. */
  static double share(String property, double byDefault, String what) {
    String value = System.getProperty(property);
    if (value == null) {
      return byDefault;
    }
    try {
      double share = Double.parseDouble(value.trim());
      if (share > 0 && share <= 1) {
        return share;
      }
    } catch (NumberFormatException e) {
      // answered below, with the option's name
    }
    throw refused(property, what + ", above 0 and at most 1", value);
  }

  private static IllegalArgumentException refused(String property, String what, String value) {
    return new IllegalArgumentException(
        String.format(Locale.ROOT, "-D%s must be %s; it is \"%s\"", property, what, value));
  }
}
