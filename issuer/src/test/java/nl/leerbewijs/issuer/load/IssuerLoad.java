package nl.leerbewijs.issuer.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.issuer.IssuerFixture;
import nl.leerbewijs.issuer.config.IssuerConfig;

/**
 * The issuer's load test (not part of the test suite; run it from the README). Starts an issuer in
 * this JVM on a fresh database of the test PostgreSQL (127.0.0.1:5432, or {@code
 * LEERBEWIJS_TEST_DB_URL}), creates a tenant, signing key and API key, then measures
 *
 * <ol>
 *   <li>the raw ES256 sign rate (JCA {@code SHA256withECDSA} from core's {@code CryptoProvider}, a
 *       P-256 key, a 600-byte input) on one thread and on all cores;
 *   <li>a 10,000-row CSV award in one request: wall time and rows/s;
 *   <li>complete OpenID4VCI pre-authorized flows (token, nonce, credential with a JWT proof signed
 *       by the wallet's own P-256 key) by N concurrent wallets for a fixed time, on offers awarded
 *       beforehand: flows/s and p50/p99 of a whole flow and of each step.
 * </ol>
 *
 * <p>Prints a Markdown table and stops by itself; the database is dropped at the end. All traffic
 * goes to 127.0.0.1. The wallets run in the same JVM on the same cores as the issuer and
 * PostgreSQL, so the figures include the client's cost.
 *
 * <p>Arguments ({@code key=value}): {@code wallets} (32), {@code seconds} (20), {@code warmup} (5
 * seconds), {@code csvRows} (10000), {@code pool} (database connections; the issuer's default when
 * absent), {@code jfr} (a file: a JFR recording, "profile" settings, of the measured flows only).
 */
public final class IssuerLoad {
  private static final String TENANT = "load";
  private static final String TYPE = "microcredential";

  private IssuerLoad() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("arguments are key=value, got '" + a + "'");
      }
      opts.put(a.substring(0, eq), a.substring(eq + 1));
    }
    int wallets = Integer.parseInt(opts.getOrDefault("wallets", "32"));
    int seconds = Integer.parseInt(opts.getOrDefault("seconds", "20"));
    int warmup = Integer.parseInt(opts.getOrDefault("warmup", "5"));
    int csvRows = Integer.parseInt(opts.getOrDefault("csvRows", "10000"));
    Map<String, String> extra = new HashMap<>();
    if (opts.containsKey("pool")) {
      extra.put(IssuerConfig.DB_POOL_SIZE, opts.get("pool"));
    }
    List<String[]> table = new ArrayList<>();
    System.out.printf(
        Locale.ROOT,
        "crypto provider %s, %d cores, Java %s%n",
        CryptoProvider.get().getName(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));

    double sign1 = signRate(1, 2_000);
    double signAll = signRate(Runtime.getRuntime().availableProcessors(), 2_000);
    table.add(row("ES256 sign, 1 thread (raw JCA)", fmt(sign1) + " /s", ""));
    table.add(
        row(
            "ES256 sign, " + Runtime.getRuntime().availableProcessors() + " threads (raw JCA)",
            fmt(signAll) + " /s",
            ""));

    try (IssuerFixture f = IssuerFixture.start("load", extra)) {
      String apiKey = f.tenant(TENANT, TYPE);
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .executor(Executors.newFixedThreadPool(2))
              .build();
      Client client = new Client(http, f.base, apiKey);

      // warm-up of the award path, then the measured 10,000-row CSV
      client.csv(csv(500, "w"));
      long t0 = System.nanoTime();
      JsonObject csvResult = client.csv(csv(csvRows, "c"));
      double csvSeconds = (System.nanoTime() - t0) / 1e9;
      table.add(
          row(
              "CSV award, " + csvRows + " rows, one request",
              String.format(Locale.ROOT, "%.2f s", csvSeconds),
              fmt(csvRows / csvSeconds) + " rows/s"));

      // offers for the flows: the CSV's and more from batches
      ConcurrentLinkedQueue<String> codes = new ConcurrentLinkedQueue<>();
      addCodes(csvResult, codes);
      int wanted = Math.max(20_000, (seconds + warmup) * 1_500);
      while (codes.size() < wanted) {
        addCodes(client.batch(Math.min(10_000, wanted - codes.size())), codes);
      }
      System.out.printf(Locale.ROOT, "%d offers ready%n", codes.size());

      Flows flows = new Flows(f.base, wallets, codes);
      flows.run(http, Duration.ofSeconds(warmup), null); // JIT, the first status list
      Stats measured = new Stats();
      jdk.jfr.Recording jfr = null;
      if (opts.containsKey("jfr")) {
        jfr = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        jfr.start();
      }
      Cpu cpu0 = Cpu.now();
      long start = System.nanoTime();
      flows.run(http, Duration.ofSeconds(seconds), measured);
      double elapsed = (System.nanoTime() - start) / 1e9;
      Cpu cpu1 = Cpu.now();
      if (jfr != null) {
        jfr.stop();
        jfr.dump(java.nio.file.Path.of(opts.get("jfr")));
        System.out.println("JFR recording of the measured flows: " + opts.get("jfr"));
      }
      int n = measured.flows.size();
      table.add(
          row(
              "OpenID4VCI flows, " + wallets + " wallets, " + seconds + " s",
              fmt(n / elapsed) + " flows/s",
              measured.errors.get() + " errors"));
      double jvmMs = (cpu1.jvmNanos - cpu0.jvmNanos) / 1e6 / Math.max(1, n);
      double pgMs = (cpu1.postgresNanos - cpu0.postgresNanos) / 1e6 / Math.max(1, n);
      table.add(
          row(
              "  CPU per flow: JVM (issuer + wallets) + PostgreSQL",
              String.format(Locale.ROOT, "%.2f + %.2f ms", jvmMs, pgMs),
              String.format(
                  Locale.ROOT,
                  "= %,.0f flows/s per dedicated core",
                  1000 / Math.max(0.001, jvmMs + pgMs))));
      cpu1.threadNanos.forEach(
          (kind, nanos) -> {
            double perFlow =
                (nanos - cpu0.threadNanos.getOrDefault(kind, 0L)) / 1e6 / Math.max(1, n);
            if (perFlow >= 0.05) {
              table.add(
                  row(
                      "    JVM threads '" + kind + "'",
                      String.format(Locale.ROOT, "%.2f ms per flow", perFlow),
                      ""));
            }
          });
      table.add(
          row(
              "  machine load average (1 min) at the end",
              String.format(Locale.ROOT, "%.1f", cpu1.load),
              "other processes share the cores"));
      table.add(
          row("  complete flow", "p50 " + ms(measured.flows, 50), "p99 " + ms(measured.flows, 99)));
      table.add(row("  token", "p50 " + ms(measured.token, 50), "p99 " + ms(measured.token, 99)));
      table.add(row("  nonce", "p50 " + ms(measured.nonce, 50), "p99 " + ms(measured.nonce, 99)));
      table.add(
          row(
              "  credential (incl. proof signing)",
              "p50 " + ms(measured.credential, 50),
              "p99 " + ms(measured.credential, 99)));
      if (measured.errors.get() > 0) {
        System.out.println("first error: " + measured.firstError);
      }
      if (codes.isEmpty()) {
        System.out.println("WARNING: the offers ran out before the end; flows/s is a lower bound");
      }
      http.executor().ifPresent(e -> ((ExecutorService) e).shutdownNow());
    }
    double sign1After = signRate(1, 2_000);
    table.add(row("ES256 sign, 1 thread, after the run", fmt(sign1After) + " /s", ""));

    System.out.println();
    System.out.println("| measurement | result | |");
    System.out.println("|---|---|---|");
    for (String[] r : table) {
      System.out.println("| " + r[0] + " | " + r[1] + " | " + r[2] + " |");
    }
    System.exit(0);
  }

  /** ES256 signatures per second over {@code threads} threads for {@code millis}. */
  static double signRate(int threads, long millis) throws InterruptedException {
    KeyPair key = EcKeys.generateP256();
    byte[] input = new byte[600];
    Arrays.fill(input, (byte) 'a');
    AtomicLong total = new AtomicLong();
    CountDownLatch done = new CountDownLatch(threads);
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    for (int i = 0; i < threads; i++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  Signature s = Signature.getInstance("SHA256withECDSA", CryptoProvider.get());
                  long n = 0;
                  // warm-up
                  for (int j = 0; j < 2_000; j++) {
                    s.initSign(key.getPrivate());
                    s.update(input);
                    s.sign();
                  }
                  long begin = System.nanoTime();
                  while (System.nanoTime() < end) {
                    s.initSign(key.getPrivate());
                    s.update(input);
                    s.sign();
                    n++;
                  }
                  // signatures per second of this thread, times 1000 for precision
                  total.addAndGet(n * 1_000_000_000_000L / Math.max(1, System.nanoTime() - begin));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                } finally {
                  done.countDown();
                }
              });
      t.start();
    }
    done.await();
    return total.get() / 1000.0;
  }

  private static void addCodes(JsonObject result, ConcurrentLinkedQueue<String> codes) {
    JsonArray awards = result.getJsonArray("awards");
    for (int i = 0; i < awards.size(); i++) {
      codes.add(IssuerFixture.preAuthorizedCode(awards.getJsonObject(i)));
    }
  }

  static String csv(int rows, String prefix) {
    StringBuilder b =
        new StringBuilder(
            "type,learner_reference,given_name,family_name,student_id,title_nl,title_en,"
                + "award_date,nlqf,ects,skills\n");
    for (int i = 0; i < rows; i++) {
      b.append(TYPE)
          .append(',')
          .append(prefix)
          .append('-')
          .append(i)
          .append(",Anna,de Boer ")
          .append(i)
          .append(',')
          .append(100000 + i)
          .append(
              ",Lassen,Welding,2025-03-14,4,\"3,5\",Lassen|https://esco.example/lassen;Meten\n");
    }
    return b.toString();
  }

  private static String[] row(String a, String b, String c) {
    return new String[] {a, b, c};
  }

  private static String fmt(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f", perSecond);
  }

  private static String ms(List<Long> nanos, int percentile) {
    if (nanos.isEmpty()) {
      return "-";
    }
    long[] a = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    int i = (int) Math.min(a.length - 1, Math.ceil(percentile / 100.0 * a.length) - 1);
    return String.format(Locale.ROOT, "%.1f ms", a[Math.max(0, i)] / 1e6);
  }

  /** The school's side: CSV and batch awards. */
  private record Client(HttpClient http, String base, String apiKey) {
    JsonObject csv(String body) throws Exception {
      return post("/csv", "text/csv", body);
    }

    JsonObject batch(int n) throws Exception {
      JsonArray arr = new JsonArray();
      for (int i = 0; i < n; i++) {
        arr.add(
            new JsonObject()
                .put("type", TYPE)
                .put("claims", IssuerFixture.microcredential())
                .put("learner_reference", "b-" + i));
      }
      return post("/batch", "application/json", arr.encode());
    }

    private JsonObject post(String path, String type, String body) throws Exception {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(base + "/api/v1/tenants/" + TENANT + "/awards" + path))
                  .header("Authorization", "Bearer " + apiKey)
                  .header("Content-Type", type)
                  .timeout(Duration.ofSeconds(120))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 201) {
        throw new IllegalStateException("award " + path + ": " + r.statusCode() + " " + r.body());
      }
      return new JsonObject(r.body());
    }
  }

  /**
   * CPU time used so far by this JVM and by all PostgreSQL processes of the machine (from {@code
   * /proc}; 0 where it cannot be read), and the 1-minute load average.
   */
  private record Cpu(
      long jvmNanos, long postgresNanos, double load, Map<String, Long> threadNanos) {
    /** CPU of this JVM's threads by kind (digits removed from their names), in nanoseconds. */
    static Map<String, Long> byThreadKind() {
      var mx = java.lang.management.ManagementFactory.getThreadMXBean();
      Map<String, Long> out = new java.util.TreeMap<>();
      for (long id : mx.getAllThreadIds()) {
        var info = mx.getThreadInfo(id);
        long cpu = mx.getThreadCpuTime(id);
        if (info != null && cpu > 0) {
          out.merge(info.getThreadName().replaceAll("[0-9]+", "N"), cpu, Long::sum);
        }
      }
      return out;
    }

    static Cpu now() {
      var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      long jvm =
          os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
      long pgTicks = 0;
      java.io.File[] procs = new java.io.File("/proc").listFiles();
      for (java.io.File p : procs == null ? new java.io.File[0] : procs) {
        if (!p.getName().chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String stat = java.nio.file.Files.readString(p.toPath().resolve("stat"));
          int close = stat.lastIndexOf(')');
          if (!stat.substring(stat.indexOf('(') + 1, close).startsWith("postgres")) {
            continue;
          }
          String[] f = stat.substring(close + 2).split(" ");
          pgTicks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
        } catch (java.io.IOException | RuntimeException e) {
          // the process ended, or this is not Linux
        }
      }
      return new Cpu(
          jvm, pgTicks * 10_000_000L, os.getSystemLoadAverage(), byThreadKind()); // USER_HZ = 100
    }
  }

  /** Latencies (nanoseconds) of one phase. */
  static final class Stats {
    final List<Long> flows = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<Long> token = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<Long> nonce = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<Long> credential = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicLong errors = new AtomicLong();
    volatile String firstError;

    void error(String what) {
      if (errors.getAndIncrement() == 0) {
        firstError = what;
      }
    }
  }

  /** N wallets, each with its own holder key, redeeming offers until the time is up. */
  private record Flows(String base, int wallets, ConcurrentLinkedQueue<String> codes) {
    void run(HttpClient http, Duration duration, Stats stats) throws Exception {
      Stats s = stats != null ? stats : new Stats();
      ExecutorService pool = Executors.newFixedThreadPool(wallets);
      long end = System.nanoTime() + duration.toNanos();
      String iss = base + "/t/" + TENANT;
      for (int w = 0; w < wallets; w++) {
        pool.execute(
            () -> {
              KeyPair holder = EcKeys.generateP256();
              while (System.nanoTime() < end) {
                String code = codes.poll();
                if (code == null) {
                  return;
                }
                try {
                  flow(http, iss, code, holder, s);
                } catch (Exception e) {
                  s.error(e.toString());
                }
              }
            });
      }
      pool.shutdown();
      if (!pool.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
        pool.shutdownNow();
        throw new IllegalStateException("the wallets did not stop");
      }
    }

    private void flow(HttpClient http, String iss, String code, KeyPair holder, Stats s)
        throws Exception {
      long t0 = System.nanoTime();
      HttpResponse<String> t =
          http.send(
              HttpRequest.newBuilder(URI.create(iss + "/token"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "grant_type="
                              + enc("urn:ietf:params:oauth:grant-type:pre-authorized_code")
                              + "&pre-authorized_code="
                              + enc(code)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      long t1 = System.nanoTime();
      if (t.statusCode() != 200) {
        s.error("token " + t.statusCode() + " " + t.body());
        return;
      }
      String accessToken = new JsonObject(t.body()).getString("access_token");
      HttpResponse<String> n =
          http.send(
              HttpRequest.newBuilder(URI.create(iss + "/nonce"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      long t2 = System.nanoTime();
      if (n.statusCode() != 200) {
        s.error("nonce " + n.statusCode() + " " + n.body());
        return;
      }
      String nonce = new JsonObject(n.body()).getString("c_nonce");
      String proof = IssuerFixture.proof(holder, iss, nonce, Instant.now());
      String body =
          new JsonObject()
              .put("credential_configuration_id", TYPE)
              .put("proofs", new JsonObject().put("jwt", new JsonArray().add(proof)))
              .encode();
      HttpResponse<String> c =
          http.send(
              HttpRequest.newBuilder(URI.create(iss + "/credential"))
                  .header("Authorization", "Bearer " + accessToken)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      long t3 = System.nanoTime();
      if (c.statusCode() != 200 || !c.body().contains("\"credential\"")) {
        s.error("credential " + c.statusCode() + " " + c.body());
        return;
      }
      s.token.add(t1 - t0);
      s.nonce.add(t2 - t1);
      s.credential.add(t3 - t2);
      s.flows.add(t3 - t0);
    }

    private static String enc(String v) {
      return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }
  }
}
