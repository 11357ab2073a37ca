package nl.leerbewijs.verifier.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The two readings of Linux's {@code /proc} that the load tests take, in ms. */
final class ProcStat {

  /** The kernel counts CPU time in 1/100 s. */
  private static final int MS_PER_TICK = 10;

  private ProcStat() {}

  /**
   * A process's user and system time so far, from {@code /proc/<pid>/stat}: fields 14 and 15 of the
   * line, the 12th and 13th after the command name (which may hold spaces and parentheses).
   */
  static long[] processUserSystemMs(long pid) throws IOException {
    String[] f = statFields(Path.of("/proc", String.valueOf(pid), "stat"));
    return new long[] {Long.parseLong(f[11]) * MS_PER_TICK, Long.parseLong(f[12]) * MS_PER_TICK};
  }

  /**
   * The fields of a {@code stat} file of a process or thread ({@code /proc/<pid>/stat}, {@code
   * /proc/<pid>/task/<tid>/stat}) from the third on, those after the command name, which is in
   * parentheses and may hold both: field {@code n} of proc(5) is element {@code n - 3}.
   */
  static String[] statFields(Path statFile) throws IOException {
    String stat = Files.readString(statFile).trim();
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
  }

  /**
   * The busy time of one {@code cpu} line of {@code /proc/stat} split into fields (user, nice,
   * system, irq and softirq; not idle, iowait or steal).
   */
  static long busyMs(String[] cpuLine) {
    long ticks = 0;
    for (int i : new int[] {1, 2, 3, 6, 7}) {
      ticks += Long.parseLong(cpuLine[i]);
    }
    return ticks * MS_PER_TICK;
  }

  /** Field {@code i} of a {@code cpu} line, in ms (7 is softirq, 8 steal). */
  static long fieldMs(String[] cpuLine, int i) {
    return Long.parseLong(cpuLine[i]) * MS_PER_TICK;
  }
}
