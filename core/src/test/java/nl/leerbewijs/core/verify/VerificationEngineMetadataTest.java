package nl.leerbewijs.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.core.http.BoundedHttpClient;
import nl.leerbewijs.core.issuance.CredentialIssuer;
import nl.leerbewijs.core.jose.JwsAlgorithm;
import nl.leerbewijs.core.jose.JwsSigner;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.core.schema.CredentialValidator;
import nl.leerbewijs.core.status.Status;
import nl.leerbewijs.core.status.StatusList;
import nl.leerbewijs.core.status.StatusListToken;
import nl.leerbewijs.core.trust.IssuerMetadataKeys;
import nl.leerbewijs.core.trust.KeyResolution;
import nl.leerbewijs.core.trust.MetadataServer;
import nl.leerbewijs.core.trust.MetadataServer.Answer;
import nl.leerbewijs.core.trust.MutableClock;
import nl.leerbewijs.core.trust.TrustList;
import nl.leerbewijs.core.vc.SdJwtVcIssuer;
import nl.leerbewijs.core.vc.StatusReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine with an issuer whose trust list entry has no key but {@code keys_from_metadata}: the
 * credential's and the status list token's keys come from its metadata on a real HTTP server.
 */
class VerificationEngineMetadataTest {

  static final Instant NOW = Instant.parse("2026-06-30T10:00:00Z");

  final KeyPair issuerKeys = EcKeys.generateP256();
  final JwsSigner signer = new JwsSigner(issuerKeys.getPrivate(), JwsAlgorithm.ES256);
  final MutableClock clock = new MutableClock(NOW);
  final StatusList statusList = new StatusList(1024, 2);
  MetadataServer server;
  BoundedHttpClient http;
  String iss;
  String statusUri;
  TrustList trustList;

  @BeforeEach
  void setUp() throws IOException {
    server = new MetadataServer();
    iss = server.base() + "/t/hs";
    statusUri = iss + "/status/1";
    http =
        BoundedHttpClient.builder()
            .allowLoopbackHttp(true)
            .requestTimeout(Duration.ofSeconds(2))
            .build();
    ObjectNode root = Json.object();
    root.put("version", 1);
    root.put("name", "metadata");
    ObjectNode hs = root.putArray("issuers").addObject();
    hs.put("id", iss);
    hs.putObject("name").put("nl", "Hogeschool Test");
    hs.putArray("credential_types").add("microcredential");
    hs.put("keys_from_metadata", true);
    IssuerMetadataKeys keys = IssuerMetadataKeys.builder(http).clock(clock).build();
    trustList = TrustList.parse(Json.write(root)).withIssuerMetadata(keys);
    ObjectNode metadata = Json.object().put("issuer", iss);
    metadata
        .putObject("jwks")
        .putArray("keys")
        .add(EcKeys.toPublicJwk((ECPublicKey) issuerKeys.getPublic(), "key-2026"));
    server.on("/.well-known/jwt-vc-issuer/t/hs", Answer.json(metadata.toString()));
    serveStatusList();
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  void serveStatusList() {
    String token =
        StatusListToken.builder(statusUri, statusList)
            .keyId("key-2026")
            .issuer(iss)
            .issuedAt(NOW.minusSeconds(60))
            .ttl(Duration.ofMinutes(10))
            .sign(signer);
    server.on(
        "/t/hs/status/1",
        new Answer(200, "application/statuslist+jwt", null, MetadataServer.bytes(token), 0));
  }

  VerificationEngine engine() {
    StatusListFetcher fetcher =
        uri -> http.get(URI.create(uri), "application/statuslist+jwt").bodyText();
    return VerificationEngine.builder(trustList)
        .clock(clock)
        .statusSource(TrustedStatusSource.builder(fetcher).clock(clock).build())
        .build();
  }

  String credential() throws IOException {
    ObjectNode award;
    try (InputStream in =
        getClass()
            .getResourceAsStream(
                "/leerbewijs/examples/valid/microcredential-data-analyse-python.json")) {
      award = (ObjectNode) Json.parse(in.readAllBytes());
    }
    SdJwtVcIssuer vc = SdJwtVcIssuer.builder(signer, iss).kid("key-2026").clock(clock).build();
    return new CredentialIssuer(vc)
        .issue(
            CredentialType.MICROCREDENTIAL,
            CredentialIssuer.prepare(
                new CredentialValidator(), CredentialType.MICROCREDENTIAL, award),
            (ECPublicKey) EcKeys.generateP256().getPublic(),
            new StatusReference(7, statusUri),
            null);
  }

  @Test
  void verify_keyFromMetadata_validAndReportSaysWhereTheKeyCameFrom() throws Exception {
    VerificationReport r = engine().verify(credential());
    assertEquals(Verdict.VALID, r.verdict(), () -> r.toJson().toPrettyString());
    CheckResult trusted = r.check(Check.TRUSTED_ISSUER);
    assertEquals("trusted_issuer.trusted", trusted.code());
    assertTrue(
        trusted.message().contains(KeyResolution.Trusted.VIA_ISSUER_METADATA), trusted.message());
    assertEquals(StatusCodes.VALID, r.check(Check.STATUS).code(), "status token key too");
    assertEquals("Hogeschool Test", r.credential().orElseThrow().issuerName());
    assertEquals(1, server.hits("/.well-known/jwt-vc-issuer/t/hs"), "credential and list share");
    assertEquals(
        List.of("verdict", "severity", "checks", "credential"),
        iterable(r.toJson().fieldNames()),
        "the report's JSON keeps its shape");
  }

  @Test
  void verifyWithoutFetching_issuerWithMetadataKeys_leftToAThreadThatMayFetch() throws Exception {
    VerificationEngine e = engine();
    String credential = credential();
    assertTrue(e.verifyWithoutFetching(credential, null).isEmpty());
    assertEquals(0, server.hits("/.well-known/jwt-vc-issuer/t/hs"));
    assertEquals(Verdict.VALID, e.verify(credential).verdict());
    assertTrue(
        e.verifyWithoutFetching(credential, null).isEmpty(),
        "issuers with metadata keys always go to a thread that may fetch");
  }

  @Test
  void verify_revokedWithMetadataKey_revoked() throws Exception {
    statusList.set(7, Status.INVALID);
    serveStatusList();
    VerificationReport r = engine().verify(credential());
    assertEquals(Verdict.REVOKED, r.verdict(), () -> r.toJson().toPrettyString());
  }

  @Test
  void verify_metadataUnreachable_keysUnavailableNotInvalidSignature() throws Exception {
    String credential = credential();
    server.on("/.well-known/jwt-vc-issuer/t/hs", Answer.status(503));
    VerificationReport r = engine().verify(credential);
    assertEquals(Verdict.UNTRUSTED_ISSUER, r.verdict(), () -> r.toJson().toPrettyString());
    CheckResult trusted = r.check(Check.TRUSTED_ISSUER);
    assertEquals(Outcome.FAIL, trusted.outcome());
    assertEquals("trusted_issuer.keys_unavailable", trusted.code());
    assertTrue(trusted.message().contains("HTTP 503"), trusted.message());
    assertEquals(Outcome.SKIPPED, r.check(Check.SIGNATURE).outcome());
    assertFalse(r.credential().isPresent(), "no content without a checked signature");
  }

  @Test
  void verify_keyNotInMetadata_unknownKey() throws Exception {
    ObjectNode other = Json.object().put("issuer", iss);
    other
        .putObject("jwks")
        .putArray("keys")
        .add(EcKeys.toPublicJwk((ECPublicKey) EcKeys.generateP256().getPublic(), "other"));
    server.on("/.well-known/jwt-vc-issuer/t/hs", Answer.json(other.toString()));
    VerificationReport r = engine().verify(credential());
    assertEquals("trusted_issuer.unknown_key", r.check(Check.TRUSTED_ISSUER).code());
    assertEquals(Verdict.UNTRUSTED_ISSUER, r.verdict());
  }

  private static List<String> iterable(java.util.Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
