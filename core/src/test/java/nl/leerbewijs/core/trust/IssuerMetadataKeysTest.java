package nl.leerbewijs.core.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.leerbewijs.core.http.BoundedHttpClient;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.core.trust.MetadataServer.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keys from an issuer's JWT VC Issuer Metadata through a trust list, against a real HTTP server on
 * a random loopback port: what is fetched (and what never is), caching, rate limiting, the stale
 * window, and every kind of bad answer.
 */
class IssuerMetadataKeysTest {

  static final Instant T0 = Instant.parse("2026-06-30T10:00:00Z");
  static final String METADATA = "/.well-known/jwt-vc-issuer/t/hs";
  static final Duration MIN_INTERVAL = Duration.ofSeconds(30);
  static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
  static final Duration MAX_TTL = Duration.ofHours(1);
  static final Duration STALE = Duration.ofHours(1);

  final KeyPair k1 = EcKeys.generateP256();
  final KeyPair k2 = EcKeys.generateP256();
  final MutableClock clock = new MutableClock(T0);
  final List<MetadataServer> servers = new ArrayList<>();
  MetadataServer server;
  String iss;
  String roc;
  IssuerMetadataKeys keys;
  TrustList list;

  @BeforeEach
  void setUp() throws IOException {
    server = server();
    iss = server.base() + "/t/hs";
    roc = server.base() + "/t/roc";
    keys = keys(http(true));
    list = TrustList.parse(Json.write(trustList(null))).withIssuerMetadata(keys);
    serve(metadata(iss, jwk(k1, "k1")));
  }

  @AfterEach
  void tearDown() {
    servers.forEach(MetadataServer::close);
  }

  // ------------------------------------------------------------ what is fetched

  @Test
  void resolve_kidInMetadata_trustedViaMetadataThenCached() {
    KeyResolution.Trusted t = assertInstanceOf(KeyResolution.Trusted.class, resolve("k1"));
    assertEquals(KeyResolution.Trusted.VIA_ISSUER_METADATA, t.via());
    assertTrue(EcKeys.samePublicKey((ECPublicKey) k1.getPublic(), t.key()));
    assertEquals("Hogeschool Test", t.issuer().displayName("nl"), "name from the trust list");
    assertEquals(List.of("microcredential"), t.issuer().credentialTypes());
    resolve("k1");
    clock.advance(DEFAULT_TTL.minusSeconds(1));
    resolve("k1");
    assertEquals(List.of(METADATA), server.requests(), "one fetch while fresh");
  }

  @Test
  void resolve_issuerNotOnTrustList_neverFetched() {
    assertInstanceOf(
        KeyResolution.UnknownIssuer.class,
        list.resolve(server.base() + "/t/evil", "k1", List.of(), T0));
    // on the list, but its entry does not ask for metadata: pinned keys only
    assertEquals(new KeyResolution.UnknownKey(roc, "k1"), list.resolve(roc, "k1", List.of(), T0));
    assertEquals(List.of(), server.requests(), "no request for an issuer that did not opt in");
  }

  @Test
  void resolve_noKid_onlyKeyOrUnknown() {
    assertInstanceOf(KeyResolution.Trusted.class, resolve(null));
    serve(metadata(iss, jwk(k1, "k1"), jwk(k2, "k2")));
    clock.advance(DEFAULT_TTL.plusSeconds(1));
    assertEquals(new KeyResolution.UnknownKey(iss, null), resolve(null));
  }

  @Test
  void resolve_pinnedKeyAndMetadata_pinnedWinsMetadataAdds() throws IOException {
    // The metadata claims kid "k1" for another key: the pinned "k1" is used, without a fetch.
    list = TrustList.parse(Json.write(trustList(jwk(k1, "k1")))).withIssuerMetadata(keys);
    serve(metadata(iss, jwk(k2, "k1"), jwk(k2, "k2")));
    KeyResolution.Trusted pinned = assertInstanceOf(KeyResolution.Trusted.class, resolve("k1"));
    assertEquals(KeyResolution.Trusted.VIA_PINNED_JWK, pinned.via());
    assertTrue(EcKeys.samePublicKey((ECPublicKey) k1.getPublic(), pinned.key()));
    assertEquals(List.of(), server.requests());
    KeyResolution.Trusted added = assertInstanceOf(KeyResolution.Trusted.class, resolve("k2"));
    assertEquals(KeyResolution.Trusted.VIA_ISSUER_METADATA, added.via());
  }

  @Test
  void resolve_noMetadataSourceAttached_keysUnavailableWithoutRequest() {
    TrustList plain = TrustList.parse(Json.write(trustList(null)));
    KeyResolution r = plain.resolve(iss, "k1", List.of(), T0);
    assertEquals(KeyResolution.KeysUnavailable.CODE, r.code());
    assertTrue(((KeyResolution.KeysUnavailable) r).reason().contains("not set up"), r.toString());
    assertEquals(List.of(), server.requests());
  }

  @Test
  void resolve_plainHttpNotAllowed_keysUnavailableWithoutRequest() {
    list = TrustList.parse(Json.write(trustList(null))).withIssuerMetadata(keys(http(false)));
    KeyResolution.KeysUnavailable u =
        assertInstanceOf(KeyResolution.KeysUnavailable.class, resolve("k1"));
    assertTrue(u.reason().contains("only https"), u.reason());
    assertEquals(List.of(), server.requests());
  }

  @Test
  void keys_jwksUriOnSameOrigin_keysFromThere() throws Exception {
    ObjectNode m = Json.object().put("issuer", iss).put("jwks_uri", server.base() + "/keys/hs");
    serve(m);
    server.on("/keys/hs", Answer.json(jwks(jwk(k1, "k1")).toString()));
    assertEquals("k1", keys.keys(iss).get(0).kid());
    assertEquals(List.of(METADATA, "/keys/hs"), server.requests());
  }

  @Test
  void keys_jwksUriOnAnotherOrigin_refusedAndNeverFetched() throws Exception {
    MetadataServer foreign = server();
    foreign.on("/keys.json", Answer.json(jwks(jwk(k1, "k1")).toString()));
    serve(Json.object().put("issuer", iss).put("jwks_uri", foreign.base() + "/keys.json"));
    IssuerMetadataException e = assertThrows(IssuerMetadataException.class, () -> keys.keys(iss));
    assertTrue(e.getMessage().contains("not on the issuer's own origin"), e.getMessage());
    assertEquals(List.of(), foreign.requests(), "the other origin saw no request");
  }

  // ------------------------------------------------------------ bad answers

  @Test
  void keys_issuerMismatch_metadataException() {
    serve(metadata("https://evil.example/t/hs", jwk(k1, "k1")));
    IssuerMetadataException e = assertThrows(IssuerMetadataException.class, () -> keys.keys(iss));
    assertTrue(e.getMessage().contains("not the credential issuer " + iss), e.getMessage());
    KeyResolution.KeysUnavailable u =
        assertInstanceOf(KeyResolution.KeysUnavailable.class, resolve("k1"));
    assertTrue(u.reason().contains(METADATA), u.reason());
  }

  @Test
  void keys_bothOrNeitherJwksAndJwksUri_metadataException() {
    ObjectNode both = metadata(iss, jwk(k1, "k1"));
    both.put("jwks_uri", server.base() + "/keys/hs");
    serve(both);
    assertMetadataException("exactly one is allowed");
    serve(Json.object().put("issuer", iss));
    clock.advance(MIN_INTERVAL);
    assertMetadataException("neither 'jwks' nor 'jwks_uri'");
  }

  @Test
  void keys_malformedBodies_metadataException() {
    String[][] cases = {
      {"not json at all", "not a JSON object"},
      {"[1,2]", "not a JSON object"},
      {metadata(iss, jwk(k1, "k1")).toString().replace("\"x\":", "\"d\":\"AA\",\"x\":"), "'d'"},
    };
    for (String[] c : cases) {
      server.on(METADATA, Answer.json(c[0]));
      assertMetadataException(c[1]);
      clock.advance(MIN_INTERVAL);
    }
    server.on(
        METADATA,
        new Answer(200, "text/html", null, MetadataServer.bytes("<html>login</html>"), 0));
    assertMetadataException("content type text/html");
  }

  @Test
  void keys_httpErrors_notFoundIsMetadataExceptionServerErrorIsUnreachable() {
    server.on(METADATA, Answer.status(404));
    assertMetadataException("HTTP 404");
    clock.advance(MIN_INTERVAL);
    server.on(METADATA, Answer.status(503));
    IOException e = assertThrows(IOException.class, () -> keys.keys(iss));
    assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
  }

  @Test
  void keys_oversizedBody_unreachable() {
    ObjectNode m = metadata(iss, jwk(k1, "k1"));
    m.put("padding", "x".repeat(20_000));
    serve(m);
    IOException e = assertThrows(IOException.class, () -> keys.keys(iss));
    assertTrue(e.getMessage().contains("more than 8192 bytes"), e.getMessage());
    assertEquals(KeyResolution.KeysUnavailable.CODE, resolve("k1").code());
  }

  @Test
  void keys_slowIssuer_timesOut() {
    server.on(METADATA, Answer.json(metadata(iss, jwk(k1, "k1")).toString()).delay(3000));
    long start = System.nanoTime();
    IOException e = assertThrows(IOException.class, () -> keys.keys(iss));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(e.getMessage().contains("did not answer within"), e.getMessage());
    assertTrue(millis < 2500, "gave up after " + millis + " ms");
  }

  // ------------------------------------------------------------ rate limit, rotation, caching

  @Test
  void resolve_unknownKid_oneRefetchPerIntervalThenRateLimited() {
    resolve("k1");
    clock.advance(MIN_INTERVAL);
    assertEquals(new KeyResolution.UnknownKey(iss, "made-up-0"), resolve("made-up-0"));
    assertEquals(2, server.hits(METADATA), "an unknown kid refetches once");
    for (int i = 1; i <= 100; i++) {
      assertEquals(KeyResolution.UnknownKey.CODE, resolve("made-up-" + i).code());
      clock.advance(Duration.ofMillis(200)); // 20 s in all: still within the interval
    }
    assertEquals(2, server.hits(METADATA), "a flood of made-up kids costs nothing more");
    clock.advance(Duration.ofSeconds(10));
    resolve("made-up-again");
    assertEquals(3, server.hits(METADATA), "one more fetch once the interval has passed");
  }

  @Test
  void resolve_rotatedKey_pickedUpOnRefetch() {
    assertInstanceOf(KeyResolution.Trusted.class, resolve("k1"));
    serve(metadata(iss, jwk(k1, "k1"), jwk(k2, "k2")));
    assertEquals(KeyResolution.UnknownKey.CODE, resolve("k2").code(), "too soon to refetch");
    clock.advance(MIN_INTERVAL);
    KeyResolution.Trusted t = assertInstanceOf(KeyResolution.Trusted.class, resolve("k2"));
    assertTrue(EcKeys.samePublicKey((ECPublicKey) k2.getPublic(), t.key()));
    // k1 is withdrawn: once the set is stale, k1 is no longer trusted
    serve(metadata(iss, jwk(k2, "k2")));
    clock.advance(DEFAULT_TTL.plusSeconds(1));
    assertEquals(new KeyResolution.UnknownKey(iss, "k1"), resolve("k1"));
    assertEquals(3, server.hits(METADATA));
  }

  @Test
  void resolve_issuerDown_lastGoodKeysWithinStaleWindowOnly() {
    resolve("k1");
    server.on(METADATA, Answer.status(503));
    clock.advance(DEFAULT_TTL.plusSeconds(1));
    assertInstanceOf(KeyResolution.Trusted.class, resolve("k1"), "stale but within the window");
    assertEquals(2, server.hits(METADATA));
    clock.advance(Duration.ofSeconds(10));
    assertInstanceOf(KeyResolution.Trusted.class, resolve("k1"));
    assertEquals(2, server.hits(METADATA), "a failing issuer is not asked again at once");
    // A kid that might have been rotated in cannot be checked while the issuer is down.
    clock.advance(MIN_INTERVAL);
    KeyResolution.KeysUnavailable newKid =
        assertInstanceOf(KeyResolution.KeysUnavailable.class, resolve("k2"));
    assertTrue(newKid.reason().contains("HTTP 503"), newKid.reason());
    clock.advance(STALE);
    KeyResolution.KeysUnavailable u =
        assertInstanceOf(KeyResolution.KeysUnavailable.class, resolve("k1"));
    assertTrue(u.reason().contains("HTTP 503"), u.reason());
    // and back up
    serve(metadata(iss, jwk(k1, "k1")));
    clock.advance(MIN_INTERVAL);
    assertInstanceOf(KeyResolution.Trusted.class, resolve("k1"));
  }

  @Test
  void resolve_cacheControlMaxAge_keptWithinBounds() {
    server.on(
        METADATA,
        Answer.json(metadata(iss, jwk(k1, "k1")).toString()).cacheControl("public, max-age=120"));
    resolve("k1");
    clock.advance(Duration.ofSeconds(120));
    resolve("k1");
    assertEquals(1, server.hits(METADATA), "fresh for max-age");
    clock.advance(Duration.ofSeconds(1));
    resolve("k1");
    assertEquals(2, server.hits(METADATA));

    // max-age below the interval: the interval; no-store likewise
    server.on(
        METADATA, Answer.json(metadata(iss, jwk(k1, "k1")).toString()).cacheControl("no-store"));
    clock.advance(Duration.ofSeconds(200));
    resolve("k1");
    clock.advance(MIN_INTERVAL);
    resolve("k1");
    assertEquals(3, server.hits(METADATA), "no-store is still reused for the interval");
    clock.advance(Duration.ofSeconds(1));
    resolve("k1");
    assertEquals(4, server.hits(METADATA));

    // a huge max-age is capped
    server.on(
        METADATA,
        Answer.json(metadata(iss, jwk(k1, "k1")).toString()).cacheControl("max-age=31536000"));
    clock.advance(Duration.ofSeconds(100));
    resolve("k1");
    clock.advance(MAX_TTL);
    resolve("k1");
    assertEquals(5, server.hits(METADATA));
    clock.advance(Duration.ofSeconds(1));
    resolve("k1");
    assertEquals(6, server.hits(METADATA));
  }

  @Test
  void resolve_staleKeysBeingRefreshedBySlowIssuer_otherLookupsAnswerFromCache() throws Exception {
    resolve("k1"); // cached
    clock.advance(DEFAULT_TTL.plusSeconds(1)); // stale, still within the stale window
    server.on(METADATA, Answer.json(metadata(iss, jwk(k1, "k1")).toString()).delay(2000));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<KeyResolution> refresher = pool.submit(() -> resolve("k1"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (server.hits(METADATA) < 2 && System.nanoTime() < deadline) {
        Thread.sleep(10); // until the refresh has reached the (slow) issuer
      }
      assertInstanceOf(KeyResolution.Trusted.class, resolve("k1"));
      // Had this lookup waited for the refresh, the refresh would have finished by now.
      assertFalse(refresher.isDone(), "answered from the cache while the refresh still runs");
      assertInstanceOf(KeyResolution.Trusted.class, refresher.get(10, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void resolve_concurrentLookups_shareOneFetch() throws Exception {
    server.on(METADATA, Answer.json(metadata(iss, jwk(k1, "k1")).toString()).delay(300));
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<KeyResolution>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return resolve("k1");
                }));
      }
      go.countDown();
      for (Future<KeyResolution> f : results) {
        assertInstanceOf(KeyResolution.Trusted.class, f.get(10, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, server.hits(METADATA));
  }

  @Test
  void keys_manyIssuers_boundedCache() throws Exception {
    IssuerMetadataKeys small =
        IssuerMetadataKeys.builder(http(true)).clock(clock).maxEntries(2).build();
    for (String t : List.of("a", "b", "c")) {
      String id = server.base() + "/t/" + t;
      server.on(
          "/.well-known/jwt-vc-issuer/t/" + t, Answer.json(metadata(id, jwk(k1, "k1")).toString()));
      small.keys(id);
      clock.advance(Duration.ofSeconds(1));
    }
    small.keys(server.base() + "/t/a"); // evicted (the oldest), so fetched again
    assertEquals(2, server.hits("/.well-known/jwt-vc-issuer/t/a"));
    small.keys(server.base() + "/t/c");
    assertEquals(1, server.hits("/.well-known/jwt-vc-issuer/t/c"));
  }

  // ------------------------------------------------------------ helpers

  MetadataServer server() throws IOException {
    MetadataServer s = new MetadataServer();
    servers.add(s);
    return s;
  }

  static BoundedHttpClient http(boolean loopback) {
    return BoundedHttpClient.builder()
        .allowLoopbackHttp(loopback)
        .maxBodyBytes(8192)
        .connectTimeout(Duration.ofSeconds(2))
        .requestTimeout(Duration.ofMillis(500))
        .build();
  }

  IssuerMetadataKeys keys(BoundedHttpClient http) {
    return IssuerMetadataKeys.builder(http)
        .clock(clock)
        .defaultTtl(DEFAULT_TTL)
        .maxTtl(MAX_TTL)
        .minInterval(MIN_INTERVAL)
        .staleWindow(STALE)
        .build();
  }

  KeyResolution resolve(String kid) {
    return list.resolve(iss, kid, List.of(), clock.instant());
  }

  void serve(ObjectNode metadata) {
    server.on(METADATA, Answer.json(metadata.toString()));
  }

  void assertMetadataException(String expected) {
    IssuerMetadataException e = assertThrows(IssuerMetadataException.class, () -> keys.keys(iss));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  /** HS: keys from metadata (plus {@code pinned} when given); ROC: a pinned key only. */
  ObjectNode trustList(ObjectNode pinned) {
    ObjectNode root = Json.object();
    root.put("version", 1);
    root.put("name", "metadata test");
    ArrayNode issuers = root.putArray("issuers");
    ObjectNode hs = issuers.addObject();
    hs.put("id", iss);
    hs.putObject("name").put("nl", "Hogeschool Test");
    hs.putArray("credential_types").add("microcredential");
    hs.put("keys_from_metadata", true);
    if (pinned != null) {
      hs.putObject("jwks").putArray("keys").add(pinned);
    }
    ObjectNode r = issuers.addObject();
    r.put("id", roc);
    r.putObject("name").put("nl", "ROC Test");
    r.putArray("credential_types").add("mbo-certificaat");
    r.putObject("jwks").putArray("keys").add(jwk(k2, "roc-1"));
    return root;
  }

  static ObjectNode jwk(KeyPair kp, String kid) {
    return EcKeys.toPublicJwk((ECPublicKey) kp.getPublic(), kid);
  }

  static ObjectNode jwks(ObjectNode... keys) {
    ObjectNode set = Json.object();
    ArrayNode arr = set.putArray("keys");
    for (ObjectNode k : keys) {
      arr.add(k);
    }
    return set;
  }

  static ObjectNode metadata(String issuer, ObjectNode... keys) {
    ObjectNode m = Json.object();
    m.put("issuer", issuer);
    m.set("jwks", jwks(keys));
    return m;
  }
}
