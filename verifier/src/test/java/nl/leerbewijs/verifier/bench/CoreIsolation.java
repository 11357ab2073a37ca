package nl.leerbewijs.verifier.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Moves other threads off the service's core for the length of a measurement, and back afterwards
 * ({@code -Dleerbewijs.bench.isolate=true} in {@link VerifierLoadPinnedTest}), as a deployment
 * would give a latency-bound service a core of its own.
 *
 * <p>Why: this project's build machines run PostgreSQL, MariaDB, RabbitMQ, Redis, NATS and
 * Mosquitto, and the pinned test's generator keeps its own core busy, so the scheduler puts all of
 * them on the service's core. In the fifteenth session one paced second had 160 ms of such work on
 * that core and a p99 of 81 ms; with every other thread moved off it (by hand, three runs), 0-10 ms
 * a second was left in all but one second (50 ms), and all three runs met the p99 target.
 *
 * <p>Each thread's own affinity is read from {@code /proc}, and it is moved and restored with
 * {@code taskset}; threads the kernel keeps on one core (per-core kernel threads) refuse the move
 * and are left alone. Opt-in because it changes other processes on the machine while it runs.
 */
final class CoreIsolation implements AutoCloseable {

  private final Map<String, String> saved = new LinkedHashMap<>();

  /** The nice value of each thread {@link #prioritise} changed, to give back. */
  private final Map<String, String> savedNice = new LinkedHashMap<>();

  private CoreIsolation() {}

  /**
   * Moves every thread of the machine except those of {@code keep} (process ids) to {@code cores}
   * (a {@code taskset} list).
   */
  static CoreIsolation allBut(Set<Long> keep, String cores) throws Exception {
    List<String> tids = new ArrayList<>();
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) processes::iterator) {
        String pid = p.getFileName().toString();
        if (pid.chars().allMatch(Character::isDigit) && !keep.contains(Long.parseLong(pid))) {
          tids.addAll(threadsOf(p));
        }
      }
    }
    return threads(tids, cores);
  }

  /** Moves the given threads (thread ids) to {@code cores}. */
  static CoreIsolation threads(List<String> tids, String cores) throws Exception {
    CoreIsolation isolation = new CoreIsolation();
    try {
      for (String tid : tids) {
        String before = affinity(tid);
        if (before != null && tryRun("taskset", "-cp", cores, tid)) {
          isolation.saved.put(tid, before);
        }
      }
    } catch (Exception | Error e) {
      isolation.close(); // what was moved before the failure goes back
      throw e;
    }
    return isolation;
  }

  /** Moves nothing: for a run without {@code -Dleerbewijs.bench.isolate}. */
  static CoreIsolation none() {
    return new CoreIsolation();
  }

  /** How many threads were moved. */
  int moved() {
    return saved.size();
  }

  static List<String> threadsOf(Path process) {
    try (Stream<Path> tasks = Files.list(process.resolve("task"))) {
      return tasks.map(t -> t.getFileName().toString()).toList();
    } catch (IOException e) {
      return List.of(); // the process has ended
    }
  }

  /**
   * A thread's affinity as a {@code taskset} list, from {@code Cpus_allowed_list} in {@code
   * /proc/<tid>/status} (no process started per thread), or null if the thread is gone.
   */
  static String affinity(String tid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", tid, "status"))) {
        if (line.startsWith("Cpus_allowed_list:")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Runs a command; false if it failed (a thread that has ended, or one the kernel keeps). */
  private static boolean tryRun(String... command) {
    try {
      VerifierLoadPinnedTest.run(command);
      return true;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return false;
    }
  }

  /**
   * Gives every thread of process {@code pid} (the load generator) the nice value {@code nice}; the
   * threads it starts later inherit it. How many threads it changed; 0 where the test may not
   * (raising a priority needs root or {@code CAP_SYS_NICE}).
   *
   * <p>Why: moving every other thread off the service's core moves it onto the generator's. In an
   * isolated run of the sixteenth session, two paced seconds had the generator's JVM at 810-830 ms
   * of CPU instead of 960-990 while the other processes on its core took the rest; the requests due
   * meanwhile went out up to 70 ms late, and that counted as the service's latency (p99 66-73 ms in
   * those seconds, 4.5-16 ms in the others). At nice -10 the generator outweighs a thread at nice 0
   * nine to one.
   */
  int prioritise(long pid, int nice) {
    return prioritise(pid, nice, name -> true);
  }

  /**
   * Gives the threads of process {@code pid} whose name ({@code /proc/<pid>/task/<tid>/comm})
   * passes {@code named} the nice value {@code nice}; how many it changed.
   */
  int prioritise(long pid, int nice, Predicate<String> named) {
    int changed = 0;
    for (String tid : threadsOf(Path.of("/proc", String.valueOf(pid)))) {
      String before = niceOf(pid, tid);
      if (before != null
          && named.test(nameOf(pid, tid))
          && tryRun("renice", "-n", String.valueOf(nice), "-p", tid)) {
        savedNice.putIfAbsent(tid, before);
        changed++;
      }
    }
    return changed;
  }

  /** A thread's name, as {@code /proc} gives it (15 characters at most); empty if gone. */
  static String nameOf(long pid, String tid) {
    try {
      return Files.readString(Path.of("/proc", String.valueOf(pid), "task", tid, "comm")).strip();
    } catch (IOException e) {
      return "";
    }
  }

  /** A thread's nice value, field 19 of {@code /proc/<pid>/task/<tid>/stat}; null if gone. */
  static String niceOf(long pid, String tid) {
    try {
      return ProcStat.statFields(Path.of("/proc", String.valueOf(pid), "task", tid, "stat"))[
          19 - 3];
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Gives every moved thread that still exists its own affinity back, and its nice value. */
  @Override
  public void close() {
    for (Map.Entry<String, String> e : saved.entrySet()) {
      tryRun("taskset", "-cp", e.getValue(), e.getKey());
    }
    for (Map.Entry<String, String> e : savedNice.entrySet()) {
      tryRun("renice", "-n", e.getValue(), "-p", e.getKey());
    }
  }
}
