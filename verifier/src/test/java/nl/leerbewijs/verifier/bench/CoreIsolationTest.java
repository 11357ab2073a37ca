package nl.leerbewijs.verifier.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoreIsolationTest {

  @Test
  void movesThreadsAndGivesThemTheirOwnAffinityBack() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/taskset")), "needs taskset");
    List<Integer> cores = VerifierLoadPinnedTest.affinity(ProcessHandle.current().pid());
    assumeTrue(cores.size() >= 2, "needs two cores");
    // A process of the test's own, never anything else on the machine.
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    try {
      List<String> tids = CoreIsolation.threadsOf(Path.of("/proc", String.valueOf(sleeper.pid())));
      String before = CoreIsolation.affinity(tids.get(0));
      String first = String.valueOf(cores.get(0));
      try (CoreIsolation isolation = CoreIsolation.threads(tids, first)) {
        assertEquals(tids.size(), isolation.moved());
        assertEquals(first, CoreIsolation.affinity(tids.get(0)));
      }
      assertEquals(before, CoreIsolation.affinity(tids.get(0)));
    } finally {
      sleeper.destroyForcibly();
    }
  }

  @Test
  void prioritisesAProcessesThreadsAndGivesThemTheirNiceValueBack() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/renice")), "needs renice");
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    try {
      long pid = sleeper.pid();
      String tid = onlyThread(sleeper);
      assertEquals("0", CoreIsolation.niceOf(pid, tid));
      try (CoreIsolation isolation = CoreIsolation.none()) {
        int changed = isolation.prioritise(pid, -5);
        assumeTrue(changed > 0, "raising a priority needs root or CAP_SYS_NICE");
        assertEquals("-5", CoreIsolation.niceOf(pid, tid));
      }
      assertEquals("0", CoreIsolation.niceOf(pid, tid));
    } finally {
      sleeper.destroyForcibly();
    }
  }

  @Test
  void lowersOnlyTheThreadsOfTheNameAsked() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/renice")), "needs renice");
    // Lowering a priority needs no privilege; giving it back does.
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    try {
      long pid = sleeper.pid();
      String tid = onlyThread(sleeper);
      assertEquals("sleep", CoreIsolation.nameOf(pid, tid));
      try (CoreIsolation isolation = CoreIsolation.none()) {
        assertEquals(0, isolation.prioritise(pid, 7, n -> n.contains("CompilerThre")));
        assertEquals("0", CoreIsolation.niceOf(pid, tid));
        assertEquals(1, isolation.prioritise(pid, 7, n -> n.equals("sleep")));
        assertEquals("7", CoreIsolation.niceOf(pid, tid));
      }
      assertEquals("0", CoreIsolation.niceOf(pid, tid));
      assertEquals("", CoreIsolation.nameOf(pid, "0"));
    } finally {
      sleeper.destroyForcibly();
    }
  }

  /** The one thread of a {@code sleep} process the test started. */
  private static String onlyThread(Process sleeper) {
    return CoreIsolation.threadsOf(Path.of("/proc", String.valueOf(sleeper.pid()))).get(0);
  }
}
