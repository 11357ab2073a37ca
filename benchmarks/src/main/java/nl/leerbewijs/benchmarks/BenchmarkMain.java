package nl.leerbewijs.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.leerbewijs.core.crypto.CryptoProvider;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link CredentialBenchmark} once per crypto provider and {@code openssl speed ecdsap256},
 * then prints absolute rates and the ratios the README reports. Single-threaded figures: per core.
 *
 * <p>Arguments: {@code [seconds-per-iteration] [iterations] [forks]} (default 2, 4 and 2). Two
 * forks, because one JVM's JIT can settle on slower code than another's for the whole fork: on
 * 2026-11-23 the same code gave 6,750 verifications with key binding per second in one fork and
 * 6,200 in another, each steady across its iterations. Warm-up is 6 iterations: on a 2-core machine
 * the compiler needs several seconds before verification with key binding reaches its steady rate
 * (measured: about 3,300, 5,500, 7,200, then 7,500 ops/s in successive 1 s iterations), and fewer
 * warm-up iterations reported half the real rate.
 */
public final class BenchmarkMain {

  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int forks = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    List<String> providers = new ArrayList<>();
    if (CryptoProvider.accpAvailable()) {
      providers.add("accp");
    }
    providers.add("bc");
    double[] openssl = opensslSpeed(seconds * 2);
    for (String provider : providers) {
      Options opts =
          new OptionsBuilder()
              .include(CredentialBenchmark.class.getName())
              .forks(forks)
              .warmupIterations(6)
              .warmupTime(TimeValue.seconds(seconds))
              .measurementIterations(iterations)
              .measurementTime(TimeValue.seconds(seconds))
              .threads(1)
              .jvmArgsAppend("-D" + CryptoProvider.PROPERTY + "=" + provider)
              .build();
      report(provider, new Runner(opts).run(), openssl);
    }
  }

  private static void report(String provider, Collection<RunResult> results, double[] openssl) {
    Map<String, double[]> r = new HashMap<>();
    for (RunResult rr : results) {
      String name = rr.getParams().getBenchmark();
      name = name.substring(name.lastIndexOf('.') + 1);
      r.put(
          name,
          new double[] {rr.getPrimaryResult().getScore(), rr.getPrimaryResult().getScoreError()});
    }
    double sign = r.get("rawEs256Sign")[0];
    double verify = r.get("rawEs256Verify")[0];
    System.out.printf(Locale.ROOT, "%n== provider %s (ops/s, one thread) ==%n", provider);
    System.out.printf(
        Locale.ROOT, "| operation | ops/s | ± | ratio | target |%n|---|---:|---:|---:|---|%n");
    row(r, "rawEs256Sign", Double.NaN, "");
    row(r, "rawEs256Verify", Double.NaN, "");
    row(r, "issueSdJwtVc", sign, "issuance / raw sign >= 0.6");
    row(r, "verifyWithoutKeyBinding", verify, "verification / raw verify >= 0.7");
    row(r, "verifyWithKeyBinding", verify, "with key binding / raw verify >= 0.4");
    if (openssl != null) {
      System.out.printf(
          Locale.ROOT,
          "| openssl speed ecdsap256 sign | %.0f | | %.2f (raw sign / openssl) | |%n",
          openssl[0],
          sign / openssl[0]);
      System.out.printf(
          Locale.ROOT,
          "| openssl speed ecdsap256 verify | %.0f | | %.2f (raw verify / openssl) | raw verify / openssl >= 0.9 |%n",
          openssl[1],
          verify / openssl[1]);
    }
  }

  private static void row(Map<String, double[]> r, String name, double base, String target) {
    double[] v = r.get(name);
    String ratio = Double.isNaN(base) ? "" : String.format(Locale.ROOT, "%.2f", v[0] / base);
    System.out.printf(
        Locale.ROOT, "| %s | %.0f | %.0f | %s | %s |%n", name, v[0], v[1], ratio, target);
  }

  /** sign/s and verify/s from {@code openssl speed ecdsap256}, or null without openssl. */
  static double[] opensslSpeed(int seconds) {
    try {
      Process p =
          new ProcessBuilder("openssl", "speed", "-seconds", String.valueOf(seconds), "ecdsap256")
              .redirectErrorStream(true)
              .start();
      Pattern line =
          Pattern.compile(
              "^\\s*256 bits ecdsa \\(nistp256\\)\\s+\\S+s\\s+\\S+s\\s+([0-9.]+)\\s+([0-9.]+)");
      double[] out = null;
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String l;
        while ((l = in.readLine()) != null) {
          Matcher m = line.matcher(l);
          if (m.find()) {
            out = new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
          }
        }
      }
      p.waitFor();
      return out;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
