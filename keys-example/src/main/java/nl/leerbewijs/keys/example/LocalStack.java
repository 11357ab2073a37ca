package nl.leerbewijs.keys.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.leerbewijs.core.http.BoundedHttpClient;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.keys.example.ExampleCredentials.Example;

/**
 * DEVELOPMENT ONLY: runs the whole system on this machine, as a school, a learner and an employer
 * would meet it. Starts the issuer (embedded PostgreSQL in {@code data/issuer}), makes the example
 * hogeschool a tenant with its example key and an API key, starts the verifier with a trust list
 * naming that school, awards one microcredential, and prints what to do next with the wallet and
 * the verifier page. Stops both services on Ctrl-C.
 *
 * <p>It talks to the real applications only through their published interfaces (the built jars,
 * their admin CLI and HTTP APIs), like a school's IT department would.
 *
 * <p>Usage: {@code LocalStack <repo root>}; ports from {@code LEERBEWIJS_HTTP_PORT} (8080) and
 * {@code LEERBEWIJS_VERIFIER_HTTP_PORT} (8081).
 */
public final class LocalStack {

  private static final String TENANT = ExampleKeys.HS_VOORBEELD;
  private static final BoundedHttpClient HTTP =
      BoundedHttpClient.builder()
          .allowLoopbackHttp(true)
          .requestTimeout(Duration.ofSeconds(30))
          .build();

  private final Path root;
  private final Path data;
  private final int issuerPort;
  private final int verifierPort;
  private final List<Process> processes = new ArrayList<>();

  private LocalStack(Path root) {
    this.root = root.toAbsolutePath().normalize();
    this.data = this.root.resolve("data");
    this.issuerPort = port("LEERBEWIJS_HTTP_PORT", 8080);
    this.verifierPort = port("LEERBEWIJS_VERIFIER_HTTP_PORT", 8081);
  }

  public static void main(String[] args) throws Exception {
    LocalStack stack = new LocalStack(Path.of(args.length > 0 ? args[0] : "."));
    Runtime.getRuntime().addShutdownHook(new Thread(stack::stop));
    try {
      stack.run();
    } catch (IOException | IllegalStateException e) {
      System.err.println("start failed: " + e.getMessage());
      stack.stop();
      System.exit(1);
    }
    for (Process p : stack.processes) {
      p.waitFor();
    }
  }

  private void run() throws Exception {
    Files.createDirectories(data);
    String issuerBase = "http://127.0.0.1:" + issuerPort;
    String issuerId = issuerBase + "/t/" + TENANT;
    say("Starting the issuer (first start unpacks PostgreSQL into " + data.resolve("issuer") + ")");
    Map<String, String> issuerEnv =
        Map.of(
            "LEERBEWIJS_DATA_DIR",
            data.resolve("issuer").toString(),
            "LEERBEWIJS_HTTP_PORT",
            String.valueOf(issuerPort),
            "LEERBEWIJS_PUBLIC_BASE_URL",
            issuerBase,
            // Verifiers cache a status list for its ttl; short here, so a revocation shows soon.
            "LEERBEWIJS_STATUS_LIST_TTL_SECONDS",
            "30");
    start("issuer", issuerEnv, jar("issuer", "leerbewijs-issuer.jar"), "serve");
    waitForHealth(issuerBase + "/health", Duration.ofSeconds(120));

    String apiKey = seedTenant(issuerEnv);

    Path trustList = data.resolve("trust-list.json");
    Files.writeString(
        trustList,
        ExampleKeys.trustListJsonWithIssuerIds(Map.of(TENANT, issuerId)),
        StandardCharsets.UTF_8);
    say("Starting the verifier with trust list " + trustList);
    start(
        "verifier",
        Map.of(
            "LEERBEWIJS_TRUST_LIST", trustList.toString(),
            "LEERBEWIJS_VERIFIER_HTTP_PORT", String.valueOf(verifierPort),
            "LEERBEWIJS_VERIFIER_ALLOW_LOOPBACK_HTTP", "true"),
        jar("verifier", "leerbewijs-verifier.jar"),
        "serve");
    String verifierBase = "http://127.0.0.1:" + verifierPort;
    waitForHealth(verifierBase + "/health", Duration.ofSeconds(60));

    say("The school awards a microcredential through its API");
    ObjectNode award = Json.object();
    award.put("type", Example.MICROCREDENTIAL.type().id());
    ObjectNode claims = Example.MICROCREDENTIAL.award();
    claims.remove("institution"); // the issuer fills in the tenant's own name and identifiers
    award.set("claims", claims);
    BoundedHttpClient.Response r =
        HTTP.postJson(
            URI.create(issuerBase + "/api/v1/tenants/" + TENANT + "/awards"),
            Json.write(award),
            apiKey);
    if (r.status() != 201) {
      throw new IllegalStateException("award refused: " + r.status() + " " + r.bodyText());
    }
    JsonNode offer = Json.parse(r.body()).path("offer");
    String wallet = root.relativize(root.resolve("wallet-cli/wallet")).toString();
    String offerUri = offer.path("uri").asText();
    Files.writeString(data.resolve("offer.txt"), offerUri + "\n", StandardCharsets.UTF_8);

    System.out.println();
    System.out.println("leerbewijs is running (DEVELOPMENT keys, data in " + data + ").");
    System.out.println();
    System.out.println("  Issuer          " + issuerId);
    System.out.println(
        "  School API key  in " + data.resolve("api-key.txt") + " (scopes issue, revoke, admin)");
    System.out.println("  Verifier page   " + verifierBase + "/");
    System.out.println();
    System.out.println(
        "A credential offer is waiting for the learner (also in "
            + data.resolve("offer.txt")
            + "):");
    System.out.println("  " + offerUri);
    System.out.println();
    System.out.println("In another terminal, as the learner:");
    System.out.println("  ./" + wallet + " init");
    System.out.println("  ./" + wallet + " receive \"$(cat data/offer.txt)\"");
    System.out.println("  ./" + wallet + " list");
    System.out.println("  ./" + wallet + " present <id> --disclose name,skills --png data/qr.png");
    System.out.println(
        "then open "
            + verifierBase
            + "/ and upload data/qr.png (or scan the QR shown in the terminal).");
    System.out.println();
    System.out.println("As the school, revoke it (the id is in the award's credentials):");
    System.out.println(
        "  curl -s -H \"Authorization: Bearer $(cat data/api-key.txt)\" "
            + issuerBase
            + "/api/v1/tenants/"
            + TENANT
            + "/credentials");
    System.out.println(
        "  curl -s -X POST -H \"Authorization: Bearer $(cat data/api-key.txt)\" -H 'Content-Type: application/json' \\");
    System.out.println(
        "       -d '{\"reason\":\"demo\"}' "
            + issuerBase
            + "/api/v1/tenants/"
            + TENANT
            + "/credentials/<id>/revoke");
    System.out.println(
        "The verifier shows a revocation within 30 s (the status list ttl here); `wallet status` at once.");
    System.out.println();
    System.out.println(
        "Logs: "
            + data.resolve("issuer.log")
            + ", "
            + data.resolve("verifier.log")
            + ". Ctrl-C stops both.");
  }

  /** Makes the example school a tenant with its example key, once; returns the stored API key. */
  private String seedTenant(Map<String, String> env) throws Exception {
    Path keyFile = data.resolve("api-key.txt");
    if (Files.exists(keyFile)) {
      return Files.readString(keyFile).strip();
    }
    ExampleKeys.School school = ExampleKeys.school(TENANT);
    say("Making " + school.displayName() + " a tenant with its example signing key");
    admin(
        env,
        "tenant",
        "create",
        "--path",
        TENANT,
        "--name",
        school.displayName(),
        "--brin",
        "99XB",
        "--types",
        "microcredential,evc-ervaringscertificaat",
        "--reason",
        "local development");
    Path keys = data.resolve("example-keys");
    Files.createDirectories(keys);
    Path pem = copyResource("DEVELOPMENT-ONLY-" + TENANT + "-private-key.pem", keys);
    Path chain = copyResource("DEVELOPMENT-ONLY-" + TENANT + "-certificate-chain.pem", keys);
    admin(
        env,
        "key",
        "import",
        "--tenant",
        TENANT,
        "--file",
        pem.toString(),
        "--chain",
        chain.toString(),
        "--reason",
        "local development");
    String out =
        admin(
            env,
            "apikey",
            "create",
            "--tenant",
            TENANT,
            "--scopes",
            "issue,revoke,admin",
            "--reason",
            "local development");
    String key = null;
    for (String line : out.split("\n")) {
      if (line.strip().startsWith("lbk_")) {
        key = line.strip();
      }
    }
    if (key == null) {
      throw new IllegalStateException("the issuer did not print an API key");
    }
    Files.writeString(keyFile, key + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    return key;
  }

  private Path copyResource(String name, Path dir) throws IOException {
    try (InputStream in = ExampleKeys.class.getResourceAsStream(ExampleKeys.RESOURCE_DIR + name)) {
      if (in == null) {
        throw new IOException("missing example key resource " + name);
      }
      Path out = dir.resolve(name);
      Files.write(out, in.readAllBytes());
      return out;
    }
  }

  private String admin(Map<String, String> env, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(java(), "-jar", jar("issuer", "leerbewijs-issuer.jar").toString(), "admin"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(
          "issuer admin "
              + String.join(" ", args).replaceAll("--reason.*", "")
              + " failed:\n"
              + out);
    }
    return out;
  }

  private void start(String name, Map<String, String> env, Path jar, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.redirectOutput(data.resolve(name + ".log").toFile());
    processes.add(pb.start());
  }

  private void waitForHealth(String url, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      for (Process p : processes) {
        if (!p.isAlive()) {
          throw new IllegalStateException(
              "a service stopped while starting; see the logs in " + data);
        }
      }
      try {
        BoundedHttpClient.Response r = HTTP.get(URI.create(url), "application/json");
        if (r.status() == 200) {
          return;
        }
        last = "status " + r.status();
      } catch (IOException e) {
        last = e.getMessage();
      }
      Thread.sleep(300);
    }
    throw new IllegalStateException(
        url + " not healthy after " + timeout.toSeconds() + " s (" + last + ")");
  }

  private Path jar(String module, String name) {
    Path jar = root.resolve(module).resolve("target").resolve(name);
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          jar + " not found; build with ./mvnw -pl " + module + " -am package -DskipTests");
    }
    return jar;
  }

  private void stop() {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      try {
        p.waitFor(
            java.util.concurrent.TimeUnit.SECONDS.toMillis(20),
            java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int port(String env, int fallback) {
    String v = System.getenv(env);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(v.strip());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    System.err.println(env + " must be a port number between 1 and 65535, got '" + v + "'");
    System.exit(2);
    return fallback;
  }

  private static void say(String s) {
    System.out.println("- " + s);
  }
}
