package nl.leerbewijs.issuer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import nl.leerbewijs.issuer.apikey.ApiKeyService;
import nl.leerbewijs.issuer.apikey.Scope;
import nl.leerbewijs.issuer.audit.Actor;
import nl.leerbewijs.issuer.config.IssuerConfig;
import nl.leerbewijs.issuer.signingkey.KeyDecryptionException;
import nl.leerbewijs.issuer.signingkey.KeyEncryptionKey;
import nl.leerbewijs.issuer.signingkey.SigningKey;
import nl.leerbewijs.issuer.signingkey.SigningKeyService;
import nl.leerbewijs.issuer.signingkey.UnlockedSigningKey;
import nl.leerbewijs.issuer.tenant.NewTenant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The issuer over real HTTP on a random port against a real PostgreSQL database. */
class IssuerApiIT {
  private static final Actor ADMIN = Actor.admin("it");
  private static final String BASE_URL = "https://issuer.example";
  private static final int MAX_BODY = 4096;

  private static TestDatabase db;
  private static Path dataDir;
  private static KeyEncryptionKey kek;
  private static RunningIssuer issuer;
  private static IssuerContext ctx;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static String keyA;
  private static String keyAIssueOnly;
  private static String keyB;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create("api");
    dataDir = Files.createTempDirectory("issuer-api-it");
    kek = KeyEncryptionKey.generate();
    Map<String, String> env = new HashMap<>();
    env.put(IssuerConfig.DB_URL, db.url().toString().replace(":***", ""));
    env.put(IssuerConfig.HTTP_HOST, "127.0.0.1");
    env.put(IssuerConfig.HTTP_PORT, "0");
    env.put(IssuerConfig.PUBLIC_BASE_URL, BASE_URL);
    env.put(IssuerConfig.KEK, kek.toBase64());
    env.put(IssuerConfig.DATA_DIR, dataDir.toString());
    env.put(IssuerConfig.MAX_BODY_BYTES, Integer.toString(MAX_BODY));
    issuer = RunningIssuer.start(IssuerConfig.fromEnv(env));
    ctx = issuer.context();

    await(ctx.tenants().create(tenant("school-a"), ADMIN, "onboarding A"));
    await(ctx.tenants().create(tenant("school-b"), ADMIN, "onboarding B"));
    keyA = createKey("school-a", EnumSet.allOf(Scope.class));
    keyAIssueOnly = createKey("school-a", EnumSet.of(Scope.ISSUE));
    keyB = createKey("school-b", EnumSet.allOf(Scope.class));
    await(ctx.signingKeys().generate("school-a", ADMIN, "first key A"));
    await(ctx.signingKeys().generate("school-b", ADMIN, "first key B"));
  }

  @AfterAll
  static void stop() {
    if (issuer != null) {
      issuer.close();
    }
    if (db != null) {
      db.close();
    }
  }

  private static NewTenant tenant(String path) {
    return new NewTenant(
        path, "School " + path, "25LW", null, "12345678", List.of("microcredential"), null, null);
  }

  private static String createKey(String tenant, Set<Scope> scopes) {
    ApiKeyService.CreatedApiKey k =
        await(ctx.apiKeys().create(tenant, scopes, "it", ADMIN, "test key"));
    return k.token().reveal();
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> get(String path, String apiKey) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
    if (apiKey != null) {
      b.header("Authorization", "Bearer " + apiKey);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(
      String path, String apiKey, String contentType, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (apiKey != null) {
      b.header("Authorization", "Bearer " + apiKey);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + issuer.port() + path);
  }

  private static JsonObject problem(HttpResponse<String> r, int status, String code) {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
    JsonObject p = new JsonObject(r.body());
    assertEquals("urn:leerbewijs:problem:" + code, p.getString("type"), r.body());
    assertEquals(status, p.getInteger("status"));
    assertTrue(p.containsKey("title") && p.containsKey("detail") && p.containsKey("errors"));
    assertFalse(r.body().contains("Exception"), r.body());
    assertFalse(r.body().contains("\tat "), r.body());
    return p;
  }

  // --- health and metrics

  @Test
  void health_databaseUp_200() throws Exception {
    HttpResponse<String> r = get("/health", null);
    assertEquals(200, r.statusCode());
    assertEquals("up", new JsonObject(r.body()).getString("status"));
  }

  @Test
  void metrics_afterRequests_prometheusText() throws Exception {
    get("/health", null);
    HttpResponse<String> r = get("/metrics", null);
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    assertTrue(r.body().contains("vertx_http_server_requests"), "no vertx http metrics");
  }

  // --- routing failures

  @Test
  void unknownRoute_404problem() throws Exception {
    problem(get("/no/such/thing", null), 404, "not_found");
  }

  @Test
  void wrongMethod_405problem() throws Exception {
    problem(post("/health", null, "application/json", "{}"), 405, "method_not_allowed");
  }

  // --- authentication, scopes, isolation

  @Test
  void tenant_ownKey_200() throws Exception {
    HttpResponse<String> r = get("/api/v1/tenants/school-a", keyAIssueOnly);
    assertEquals(200, r.statusCode(), r.body());
    JsonObject t = new JsonObject(r.body());
    assertEquals("school-a", t.getString("path"));
    assertEquals(BASE_URL + "/t/school-a", t.getString("issuer"));
  }

  @Test
  void tenant_noKey_401problem() throws Exception {
    HttpResponse<String> r = get("/api/v1/tenants/school-a", null);
    problem(r, 401, "missing_api_key");
    assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(""));
  }

  @Test
  void tenant_garbageOrForgedKey_401problem() throws Exception {
    problem(get("/api/v1/tenants/school-a", "not-a-key"), 401, "invalid_api_key");
    String forged = keyA.substring(0, keyA.length() - 2) + (keyA.endsWith("AA") ? "BB" : "AA");
    problem(get("/api/v1/tenants/school-a", forged), 401, "invalid_api_key");
  }

  @Test
  void tenant_keyOfOtherTenant_404problem() throws Exception {
    problem(get("/api/v1/tenants/school-b", keyA), 404, "tenant_not_found");
    problem(get("/api/v1/tenants/school-b/signing-keys", keyA), 404, "tenant_not_found");
    problem(get("/api/v1/tenants/school-b/audit-log", keyA), 404, "tenant_not_found");
    // a tenant that does not exist looks the same
    problem(get("/api/v1/tenants/no-such-school", keyA), 404, "tenant_not_found");
  }

  @Test
  void signingKeys_keyWithoutAdminScope_403problem() throws Exception {
    problem(get("/api/v1/tenants/school-a/signing-keys", keyAIssueOnly), 403, "insufficient_scope");
    problem(
        post(
            "/api/v1/tenants/school-a/signing-keys/rotate",
            keyAIssueOnly,
            "application/json",
            "{\"reason\":\"x\"}"),
        403,
        "insufficient_scope");
  }

  @Test
  void revokedKey_401problem() throws Exception {
    ApiKeyService.CreatedApiKey k =
        await(
            ctx.apiKeys()
                .create("school-a", EnumSet.of(Scope.ISSUE), "short-lived", ADMIN, "test"));
    assertEquals(200, get("/api/v1/tenants/school-a", k.token().reveal()).statusCode());
    await(ctx.apiKeys().revoke(k.key().id(), ADMIN, "leaked in a log"));
    problem(get("/api/v1/tenants/school-a", k.token().reveal()), 401, "api_key_revoked");
    assertThrows(
        IllegalStateException.class,
        () -> await(ctx.apiKeys().revoke(k.key().id(), ADMIN, "again")));
  }

  @Test
  void apiKeys_storedOnlyHashed() throws Exception {
    ApiKeyService.CreatedApiKey k =
        await(ctx.apiKeys().create("school-a", EnumSet.of(Scope.ISSUE), null, ADMIN, "hash check"));
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement("SELECT * FROM api_keys WHERE id = ?")) {
      s.setObject(1, k.key().id());
      try (ResultSet rs = s.executeQuery()) {
        assertTrue(rs.next());
        assertArrayEquals(k.token().hash(), rs.getBytes("secret_hash"));
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          String v = rs.getString(i);
          assertFalse(
              v != null && v.contains(k.token().reveal().substring(17)),
              "secret stored in column " + i);
        }
      }
    }
  }

  // --- bodies

  @Test
  void rotate_malformedJson_400problem() throws Exception {
    JsonObject p =
        problem(
            post(
                "/api/v1/tenants/school-a/signing-keys/rotate",
                keyA,
                "application/json",
                "{\"reason\": "),
            400,
            "malformed_json");
    assertTrue(p.getString("detail").contains("not valid JSON"));
    problem(
        post(
            "/api/v1/tenants/school-a/signing-keys/rotate",
            keyA,
            "application/json",
            "{\"reason\":\"a\",\"reason\":\"b\"}"),
        400,
        "malformed_json");
  }

  @Test
  void rotate_missingReason_422problemWithPointer() throws Exception {
    JsonObject p =
        problem(
            post("/api/v1/tenants/school-a/signing-keys/rotate", keyA, "application/json", "{}"),
            422,
            "invalid_request");
    JsonArray errors = p.getJsonArray("errors");
    assertEquals("/reason", errors.getJsonObject(0).getString("pointer"));
    assertEquals("required", errors.getJsonObject(0).getString("code"));
  }

  @Test
  void rotate_wrongContentType_415problem() throws Exception {
    problem(
        post("/api/v1/tenants/school-a/signing-keys/rotate", keyA, "text/plain", "{}"),
        415,
        "unsupported_media_type");
  }

  @Test
  void rotate_oversizedBody_413problem() throws Exception {
    String big = "{\"reason\":\"" + "x".repeat(MAX_BODY * 2) + "\"}";
    JsonObject p =
        problem(
            post("/api/v1/tenants/school-a/signing-keys/rotate", keyA, "application/json", big),
            413,
            "payload_too_large");
    assertTrue(p.getString("detail").contains(Integer.toString(MAX_BODY)));
  }

  // --- signing keys

  @Test
  void signingKey_encryptedAtRest_decryptsWithKekOnly() throws Exception {
    SigningKeyService.TenantKeys tk = await(ctx.signingKeys().list("school-b"));
    SigningKey current = tk.keys().get(0);
    UnlockedSigningKey unlocked = ctx.signingKeys().unlock(current);
    byte[] scalar = unsigned32(((ECPrivateKey) unlocked.privateKey()).getS().toByteArray());

    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement("SELECT * FROM signing_keys WHERE kid = ?")) {
      s.setString(1, current.kid());
      try (ResultSet rs = s.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(kek.id(), rs.getString("kek_id"));
        assertFalse(rs.getString("public_jwk").contains("\"d\""));
        String b64 = Base64.getUrlEncoder().withoutPadding().encodeToString(scalar);
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          byte[] v = rs.getBytes(i);
          assertFalse(v != null && indexOf(v, scalar) >= 0, "private scalar in column " + i);
          String text = rs.getString(i);
          assertFalse(
              text != null && text.contains(b64), "private scalar (base64url) in column " + i);
        }
      }
    }
    SigningKeyService wrongKek =
        new SigningKeyService(ctx.database(), null, null, null, KeyEncryptionKey.generate());
    KeyDecryptionException e =
        assertThrows(KeyDecryptionException.class, () -> wrongKek.unlock(current));
    assertTrue(e.getMessage().contains("LEERBEWIJS_KEK"), e.getMessage());
  }

  @Test
  void rotate_keepsOldKeyPublishedInJwtVcIssuer() throws Exception {
    JsonObject before = new JsonObject(get("/.well-known/jwt-vc-issuer/t/school-a", null).body());
    List<String> kidsBefore = kids(before);

    HttpResponse<String> r =
        post(
            "/api/v1/tenants/school-a/signing-keys/rotate",
            keyA,
            "application/json",
            "{\"reason\":\"yearly rotation\"}");
    assertEquals(201, r.statusCode(), r.body());
    String newKid = new JsonObject(r.body()).getString("kid");
    assertFalse(kidsBefore.contains(newKid));

    HttpResponse<String> meta = get("/.well-known/jwt-vc-issuer/t/school-a", null);
    assertEquals(200, meta.statusCode());
    assertTrue(meta.headers().firstValue("Cache-Control").orElse("").contains("max-age"));
    JsonObject after = new JsonObject(meta.body());
    assertEquals(BASE_URL + "/t/school-a", after.getString("issuer"));
    List<String> kidsAfter = kids(after);
    assertTrue(kidsAfter.containsAll(kidsBefore));
    assertEquals(newKid, kidsAfter.get(0));
    for (Object k : after.getJsonObject("jwks").getJsonArray("keys")) {
      JsonObject jwk = (JsonObject) k;
      assertEquals("EC", jwk.getString("kty"));
      assertEquals("P-256", jwk.getString("crv"));
      assertFalse(jwk.containsKey("d"));
    }
    // the alias without /t/ answers the same
    assertEquals(
        kidsAfter, kids(new JsonObject(get("/.well-known/jwt-vc-issuer/school-a", null).body())));

    HttpResponse<String> list = get("/api/v1/tenants/school-a/signing-keys", keyA);
    JsonArray keys = new JsonObject(list.body()).getJsonArray("keys");
    assertEquals("current", keys.getJsonObject(0).getString("status"));
    assertEquals("retired", keys.getJsonObject(1).getString("status"));
  }

  @Test
  void jwtVcIssuer_unknownTenant_404problem() throws Exception {
    problem(get("/.well-known/jwt-vc-issuer/t/nobody-here", null), 404, "tenant_not_found");
    problem(get("/.well-known/jwt-vc-issuer/t/BAD..path", null), 404, "tenant_not_found");
  }

  @Test
  void generate_whenCurrentKeyExists_refused() {
    assertThrows(
        IllegalStateException.class,
        () -> await(ctx.signingKeys().generate("school-a", ADMIN, "again")));
  }

  // --- audit

  @Test
  void auditLog_everyChangeRecordedWithActorAndReason() throws Exception {
    post(
        "/api/v1/tenants/school-b/signing-keys/rotate",
        keyB,
        "application/json",
        "{\"reason\":\"audit check\"}");
    HttpResponse<String> r = get("/api/v1/tenants/school-b/audit-log?limit=100", keyB);
    assertEquals(200, r.statusCode(), r.body());
    JsonArray entries = new JsonObject(r.body()).getJsonArray("entries");
    List<String> actions = new ArrayList<>();
    for (Object o : entries) {
      JsonObject e = (JsonObject) o;
      actions.add(e.getString("action"));
      assertTrue(e.getString("reason") != null && !e.getString("reason").isBlank());
    }
    assertTrue(actions.contains("tenant.create"), actions.toString());
    assertTrue(actions.contains("api_key.create"), actions.toString());
    assertTrue(actions.contains("signing_key.generate"), actions.toString());
    assertTrue(actions.contains("signing_key.rotate"), actions.toString());
    JsonObject rotation = entries.getJsonObject(0);
    assertEquals("signing_key.rotate", rotation.getString("action"));
    assertEquals("api_key", rotation.getJsonObject("actor").getString("type"));
    assertEquals("audit check", rotation.getString("reason"));
    assertNotEquals(null, rotation.getJsonObject("details").getString("retired_kid"));
    // no entry of school A leaks into B's log
    assertFalse(r.body().contains("onboarding A"));
  }

  @Test
  void auditLog_badLimit_422problem() throws Exception {
    problem(get("/api/v1/tenants/school-a/audit-log?limit=0", keyA), 422, "invalid_request");
  }

  private static List<String> kids(JsonObject meta) {
    List<String> out = new ArrayList<>();
    for (Object k : meta.getJsonObject("jwks").getJsonArray("keys")) {
      out.add(((JsonObject) k).getString("kid"));
    }
    return out;
  }

  private static byte[] unsigned32(byte[] v) {
    byte[] out = new byte[32];
    int n = Math.min(v.length, 32);
    System.arraycopy(v, v.length - n, out, 32 - n, n);
    return out;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
