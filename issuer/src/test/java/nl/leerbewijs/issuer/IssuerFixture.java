package nl.leerbewijs.issuer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import nl.leerbewijs.core.jose.JwsAlgorithm;
import nl.leerbewijs.core.jose.JwsSigner;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.core.sdjwt.EcPublicJwk;
import nl.leerbewijs.issuer.apikey.Scope;
import nl.leerbewijs.issuer.audit.Actor;
import nl.leerbewijs.issuer.config.IssuerConfig;
import nl.leerbewijs.issuer.signingkey.KeyEncryptionKey;
import nl.leerbewijs.issuer.tenant.NewTenant;

/** A running issuer on a free port whose public base URL is itself, plus a test HTTP client. */
public final class IssuerFixture implements AutoCloseable {
  public static final Actor ADMIN = Actor.admin("it");
  public static final HttpClient HTTP = HttpClient.newHttpClient();

  public final TestDatabase db;
  public final RunningIssuer issuer;
  public final IssuerContext ctx;
  public final String base;
  public final KeyEncryptionKey kek;
  private boolean ownsDb = true;

  private IssuerFixture(TestDatabase db, RunningIssuer issuer, String base, KeyEncryptionKey kek) {
    this.db = db;
    this.issuer = issuer;
    this.ctx = issuer.context();
    this.base = base;
    this.kek = kek;
  }

  /** Another issuer instance on the same database (closing it leaves the database). */
  public IssuerFixture second(Map<String, String> extra) throws IOException {
    IssuerFixture s = new IssuerFixture(db, startOn(db, kek, extra), null, kek).withBase();
    s.ownsDb = false;
    return s;
  }

  public static IssuerFixture start(String purpose, Map<String, String> extra) throws IOException {
    TestDatabase db = TestDatabase.create(purpose);
    KeyEncryptionKey kek = KeyEncryptionKey.generate();
    return new IssuerFixture(db, startOn(db, kek, extra), null, kek).withBase();
  }

  private IssuerFixture withBase() {
    IssuerFixture f = new IssuerFixture(db, issuer, "http://127.0.0.1:" + issuer.port(), kek);
    f.ownsDb = ownsDb;
    return f;
  }

  /** Starts an issuer on the database (another instance when one runs already). */
  public static RunningIssuer startOn(
      TestDatabase db, KeyEncryptionKey kek, Map<String, String> extra) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Map<String, String> env = new HashMap<>(env(db, kek, port));
    env.putAll(extra);
    return RunningIssuer.start(IssuerConfig.fromEnv(env));
  }

  public static Map<String, String> env(TestDatabase db, KeyEncryptionKey kek, int port)
      throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put(IssuerConfig.DB_URL, db.url().toString().replace(":***", ""));
    env.put(IssuerConfig.HTTP_HOST, "127.0.0.1");
    env.put(IssuerConfig.HTTP_PORT, Integer.toString(port));
    env.put(IssuerConfig.PUBLIC_BASE_URL, "http://127.0.0.1:" + port);
    env.put(IssuerConfig.KEK, kek.toBase64());
    env.put(IssuerConfig.DATA_DIR, Files.createTempDirectory("issuer-it").toString());
    return env;
  }

  /** Creates a tenant with a key and returns an API key with all scopes. */
  public String tenant(String path, String... types) {
    await(
        ctx.tenants()
            .create(
                new NewTenant(
                    path, "School " + path, "25LW", null, "12345678", List.of(types), null, null),
                ADMIN,
                "it"));
    await(ctx.signingKeys().generate(path, ADMIN, "it"));
    return await(ctx.apiKeys().create(path, EnumSet.allOf(Scope.class), "it", ADMIN, "it"))
        .token()
        .reveal();
  }

  public String apiKey(String tenant, Scope... scopes) {
    return await(ctx.apiKeys().create(tenant, EnumSet.of(scopes[0], scopes), "it", ADMIN, "it"))
        .token()
        .reveal();
  }

  public String issuerId(String tenant) {
    return base + "/t/" + tenant;
  }

  public static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String path, String apiKey) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path)).GET();
    if (apiKey != null) {
      b.header("Authorization", "Bearer " + apiKey);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(
      String path, String auth, String contentType, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (auth != null) {
      b.header("Authorization", "Bearer " + auth);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Awards one microcredential; returns the award JSON. */
  public JsonObject award(String tenant, String apiKey, boolean txCode) throws Exception {
    JsonObject body =
        new JsonObject()
            .put("type", "microcredential")
            .put("claims", microcredential())
            .put("tx_code", txCode);
    HttpResponse<String> r =
        post("/api/v1/tenants/" + tenant + "/awards", apiKey, "application/json", body.encode());
    if (r.statusCode() != 201) {
      throw new AssertionError("award failed: " + r.statusCode() + " " + r.body());
    }
    return new JsonObject(r.body());
  }

  public static JsonObject microcredential() {
    return new JsonObject()
        .put(
            "learner",
            new JsonObject().put("given_name", "Joris").put("family_name", "van den Heuvel"))
        .put(
            "title",
            new JsonObject().put("nl", "Circulair bouwen").put("en", "Circular construction"))
        .put("award_date", "2025-03-14")
        .put("nlqf", "4")
        .put("ects", 3)
        .put(
            "skills",
            new JsonArray().add(new JsonObject().put("label", "Materialenpaspoort opstellen")));
  }

  /** The pre-authorized code inside an award's by-value offer URI. */
  public static String preAuthorizedCode(JsonObject award) {
    String uri = award.getJsonObject("offer").getString("uri_by_value");
    String json =
        java.net.URLDecoder.decode(uri.substring(uri.indexOf('=') + 1), StandardCharsets.UTF_8);
    return new JsonObject(json)
        .getJsonObject("grants")
        .getJsonObject("urn:ietf:params:oauth:grant-type:pre-authorized_code")
        .getString("pre-authorized_code");
  }

  public HttpResponse<String> token(String tenant, String code, String txCode) throws Exception {
    StringBuilder form =
        new StringBuilder("grant_type=")
            .append(enc("urn:ietf:params:oauth:grant-type:pre-authorized_code"))
            .append("&pre-authorized_code=")
            .append(enc(code));
    if (txCode != null) {
      form.append("&tx_code=").append(enc(txCode));
    }
    return post(
        "/t/" + tenant + "/token", null, "application/x-www-form-urlencoded", form.toString());
  }

  public String nonce(String tenant) throws Exception {
    HttpResponse<String> r = post("/t/" + tenant + "/nonce", null, null, "");
    if (r.statusCode() != 200) {
      throw new AssertionError("nonce: " + r.statusCode() + " " + r.body());
    }
    return new JsonObject(r.body()).getString("c_nonce");
  }

  /** A JWT key proof by {@code holder}. */
  public static String proof(KeyPair holder, String aud, String nonce, Instant iat) {
    JwsSigner signer = new JwsSigner(holder.getPrivate(), JwsAlgorithm.ES256);
    ObjectNode header = signer.header("openid4vci-proof+jwt");
    header.set("jwk", EcPublicJwk.toJwk((ECPublicKey) holder.getPublic()));
    ObjectNode payload = Json.object();
    payload.put("aud", aud);
    payload.put("iat", iat.getEpochSecond());
    if (nonce != null) {
      payload.put("nonce", nonce);
    }
    return signer.sign(header, Json.write(payload));
  }

  public HttpResponse<String> credential(
      String tenant, String accessToken, String configId, String proof) throws Exception {
    JsonObject body =
        new JsonObject()
            .put("credential_configuration_id", configId)
            .put("proofs", new JsonObject().put("jwt", new JsonArray().add(proof)));
    return post("/t/" + tenant + "/credential", accessToken, "application/json", body.encode());
  }

  /** The whole wallet side: token, nonce, proof, credential. Returns the SD-JWT VC. */
  public String collect(String tenant, JsonObject award, KeyPair holder) throws Exception {
    String tx = award.getJsonObject("offer").getString("tx_code");
    HttpResponse<String> t = token(tenant, preAuthorizedCode(award), tx);
    if (t.statusCode() != 200) {
      throw new AssertionError("token: " + t.statusCode() + " " + t.body());
    }
    String at = new JsonObject(t.body()).getString("access_token");
    String proof = proof(holder, issuerId(tenant), nonce(tenant), Instant.now());
    HttpResponse<String> c = credential(tenant, at, award.getString("type"), proof);
    if (c.statusCode() != 200) {
      throw new AssertionError("credential: " + c.statusCode() + " " + c.body());
    }
    return new JsonObject(c.body())
        .getJsonArray("credentials")
        .getJsonObject(0)
        .getString("credential");
  }

  public static KeyPair holder() {
    return EcKeys.generateP256();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      issuer.close();
    } finally {
      if (ownsDb) {
        db.close();
      }
    }
  }
}
