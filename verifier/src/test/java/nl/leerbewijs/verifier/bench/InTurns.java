package nl.leerbewijs.verifier.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * The in-process and the HTTP rate measured in turns, one second each, so that both see the same
 * core. Measured in phases 8 s apart, the two rates met different cores often enough: on these
 * virtual machines the service's core runs 30-45 % slower for tens of seconds at a time, and in a
 * run of 2026-11-24 the HTTP phase met such a spell between two in-process phases that did not (44
 * % of in-process, where the runs before and after gave 77-78 %). Turns of a second put both rates
 * into every spell alike; the spread of the turns' ratios shows how much a second can differ.
 */
record InTurns(double[] inProcess, double[] http) {

  /** How many turns of each. */
  static final int TURNS = (int) BenchProperties.TURNS.orElse(8);

  InTurns {
    if (inProcess.length != http.length || inProcess.length == 0) {
      throw new IllegalArgumentException(
          "need as many HTTP turns as in-process ones, at least one: "
              + inProcess.length
              + " and "
              + http.length);
    }
  }

  /** One turn: a second of one kind of load, and its rate. */
  interface Turn {
    double perSecond() throws Exception;
  }

  /** Takes {@link #TURNS} turns of each, in-process first. */
  static InTurns measure(Turn inProcess, Turn http) throws Exception {
    double[] in = new double[TURNS];
    double[] over = new double[TURNS];
    for (int i = 0; i < TURNS; i++) {
      in[i] = inProcess.perSecond();
      over[i] = http.perSecond();
    }
    return new InTurns(in, over);
  }

  double inProcessPerSecond() {
    return Arrays.stream(inProcess).average().orElseThrow();
  }

  double httpPerSecond() {
    return Arrays.stream(http).average().orElseThrow();
  }

  /** HTTP's share of the in-process rate over all turns: the figure held against the target. */
  double share() {
    return httpPerSecond() / inProcessPerSecond();
  }

  /** Each turn's HTTP rate against the in-process second just before it. */
  double[] turnShares() {
    double[] shares = new double[http.length];
    for (int i = 0; i < shares.length; i++) {
      shares[i] = http[i] / inProcess[i];
    }
    return shares;
  }

  /** The report's line. */
  String line() {
    double[] shares = turnShares();
    return String.format(
        Locale.ROOT,
        "in process and HTTP flat out in turns (%d turns of 1 s each): in process %.0f /s, HTTP %.0f"
            + " /s, %.0f %% of in-process (the turns: %.0f-%.0f %%; in-process rates %.0f-%.0f /s)",
        shares.length,
        inProcessPerSecond(),
        httpPerSecond(),
        100 * share(),
        100 * Arrays.stream(shares).min().orElseThrow(),
        100 * Arrays.stream(shares).max().orElseThrow(),
        Arrays.stream(inProcess).min().orElseThrow(),
        Arrays.stream(inProcess).max().orElseThrow());
  }
}
