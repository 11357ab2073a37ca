package nl.leerbewijs.verifier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.core.issuance.CredentialIssuer;
import nl.leerbewijs.core.jose.JwsAlgorithm;
import nl.leerbewijs.core.jose.JwsSigner;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.core.qr.QrPayloadCodec;
import nl.leerbewijs.core.schema.CredentialValidator;
import nl.leerbewijs.core.sdjwt.ClaimPath;
import nl.leerbewijs.core.sdjwt.SdJwt;
import nl.leerbewijs.core.sdjwt.SdJwtPresenter;
import nl.leerbewijs.core.status.StatusList;
import nl.leerbewijs.core.status.StatusListToken;
import nl.leerbewijs.core.vc.SdJwtVcIssuer;
import nl.leerbewijs.core.vc.StatusReference;
import nl.leerbewijs.keys.example.ExampleKeys;

/**
 * A test issuer on real HTTP: the example school {@code hs-voorbeeld} (keys-example), its issuer id
 * moved to {@code http://127.0.0.1:<port>/t/hs-voorbeeld}, serving its status list token at {@code
 * <issuer id>/status/1} and its JWT VC Issuer Metadata at {@code
 * /.well-known/jwt-vc-issuer/t/hs-voorbeeld} from a JDK {@link HttpServer}. Writes the matching
 * trust list file (with the school's keys pinned, or to be fetched from its metadata).
 */
final class TestIssuer implements AutoCloseable {

  static final String AUDIENCE = "https://werkgever.example";
  static final String AWARD = "microcredential-data-analyse-python.json";

  final ExampleKeys.School school = ExampleKeys.school(ExampleKeys.HS_VOORBEELD);
  final KeyPair holder = EcKeys.generateP256();
  final StatusList statusList = new StatusList(1024, 2);
  final HttpServer server;
  final String issuerId;
  final String statusUri;
  final AtomicInteger statusFetches = new AtomicInteger();
  final AtomicInteger metadataFetches = new AtomicInteger();

  /** When false, the metadata answers 503. */
  volatile boolean metadataAvailable = true;

  /** Who signs the status list token; the school by default. */
  volatile ExampleKeys.School statusSigner = school;

  /** When false, the status list answers 503. */
  volatile boolean statusAvailable = true;

  /** When set, the status list answers only once this is counted down (at most 10 s). */
  volatile CountDownLatch statusGate;

  TestIssuer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    issuerId = "http://127.0.0.1:" + server.getAddress().getPort() + "/t/hs-voorbeeld";
    statusUri = issuerId + "/status/1";
    server.createContext(
        "/t/hs-voorbeeld/status/1",
        exchange -> {
          statusFetches.incrementAndGet();
          try (exchange) {
            CountDownLatch gate = statusGate;
            if (gate != null) {
              try {
                gate.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            if (!statusAvailable) {
              exchange.sendResponseHeaders(503, -1);
              return;
            }
            byte[] body = statusToken().getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "application/statuslist+jwt");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
        });
    server.createContext(
        "/.well-known/jwt-vc-issuer/t/hs-voorbeeld",
        exchange -> {
          metadataFetches.incrementAndGet();
          try (exchange) {
            if (!metadataAvailable) {
              exchange.sendResponseHeaders(503, -1);
              return;
            }
            ObjectNode m = Json.object().put("issuer", issuerId);
            m.putObject("jwks").putArray("keys").add(Json.parse(school.publicJwkJson()));
            byte[] body = Json.write(m);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Cache-Control", "public, max-age=300");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
        });
    server.start();
  }

  /**
   * The example trust list with {@code hs-voorbeeld} moved to this server, without pinned keys or
   * anchors: its keys come from its metadata.
   */
  String trustListJsonKeysFromMetadata() {
    ObjectNode list = (ObjectNode) Json.parse(trustListJson());
    for (com.fasterxml.jackson.databind.JsonNode i : list.get("issuers")) {
      if (i.get("id").asText().equals(issuerId)) {
        ObjectNode entry = (ObjectNode) i;
        entry.remove("jwks");
        entry.remove("x509_trust_anchors");
        entry.put("keys_from_metadata", true);
      }
    }
    return list.toString();
  }

  Path writeTrustListKeysFromMetadata(Path dir) throws IOException {
    Path file = dir.resolve("trust-list-metadata.json");
    Files.writeString(file, trustListJsonKeysFromMetadata());
    return file;
  }

  /** The example trust list with {@code hs-voorbeeld} moved to this server. */
  String trustListJson() {
    return ExampleKeys.trustListJsonWithIssuerIds(Map.of(ExampleKeys.HS_VOORBEELD, issuerId));
  }

  Path writeTrustList(Path dir) throws IOException {
    Path file = dir.resolve("trust-list.json");
    Files.writeString(file, trustListJson());
    return file;
  }

  String statusToken() {
    Instant now = Instant.now();
    return StatusListToken.builder(statusUri, statusList)
        .keyId(statusSigner.kid())
        .issuer(issuerId)
        .issuedAt(now.minusSeconds(5))
        .expiresAt(now.plus(Duration.ofDays(1)))
        .ttl(Duration.ofMinutes(10))
        .sign(new JwsSigner(statusSigner.privateKey(), JwsAlgorithm.ES256));
  }

  static ObjectNode award() {
    try (InputStream in =
        TestIssuer.class.getResourceAsStream("/leerbewijs/examples/valid/" + AWARD)) {
      return CredentialIssuer.prepare(
          new CredentialValidator(),
          CredentialType.MICROCREDENTIAL,
          (ObjectNode) Json.parse(in.readAllBytes()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A microcredential from this issuer with status index {@code idx}. */
  String credential(int idx) {
    return credential(school, issuerId, idx, Clock.systemUTC(), null);
  }

  String credential(
      ExampleKeys.School signer, String iss, int idx, Clock issuedAt, Instant expiresAt) {
    return credential(signer, iss, idx, issuedAt, expiresAt, false);
  }

  /** As above; with {@code x5c} the token carries the signer's certificate chain. */
  String credential(
      ExampleKeys.School signer,
      String iss,
      int idx,
      Clock issuedAt,
      Instant expiresAt,
      boolean x5c) {
    SdJwtVcIssuer.Builder b =
        SdJwtVcIssuer.builder(new JwsSigner(signer.privateKey(), JwsAlgorithm.ES256), iss)
            .kid(signer.kid())
            .clock(issuedAt);
    if (x5c) {
      b.x5c(signer.x5c());
    }
    SdJwtVcIssuer vc = b.build();
    return new CredentialIssuer(vc)
        .issue(
            CredentialType.MICROCREDENTIAL,
            award(),
            (ECPublicKey) holder.getPublic(),
            new StatusReference(idx, iss + "/status/1"),
            expiresAt);
  }

  /** The learner, title-level claims and skills disclosed, with key binding for {@code aud}. */
  String present(String credential, String aud, Instant iat) {
    try {
      SdJwt selected =
          SdJwtPresenter.select(
              SdJwt.parse(credential),
              Set.of(ClaimPath.of("learner"), ClaimPath.of("skills", ClaimPath.ALL_ELEMENTS)));
      return SdJwtPresenter.withKeyBinding(
          selected,
          new JwsSigner(holder.getPrivate(), JwsAlgorithm.ES256),
          aud,
          "qr-" + idxNonce.incrementAndGet(),
          iat);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private final AtomicInteger idxNonce = new AtomicInteger();

  String presentation(int idx) {
    return present(credential(idx), AUDIENCE, Instant.now().minusSeconds(2));
  }

  /** The presentation as an {@code LB1:} QR payload. */
  static String qrPayload(String presentation) {
    try {
      return QrPayloadCodec.encode(presentation);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A clock some time ago, for issuing credentials that are expired now. */
  static Clock ago(Duration d) {
    return Clock.fixed(Instant.now().minus(d), ZoneOffset.UTC);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
