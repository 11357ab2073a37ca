package nl.leerbewijs.core.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.jose.AlgorithmPolicy;
import nl.leerbewijs.core.jose.CompactJws;
import nl.leerbewijs.core.jose.JwsAlgorithm;
import nl.leerbewijs.core.jose.JwsSigner;
import nl.leerbewijs.core.json.Base64Url;
import nl.leerbewijs.core.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StatusListTokenTest {

  private static final String URI = "https://issuer.leerbewijs.test/t/hs-voorbeeld/status/1";
  private static final Instant IAT = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant EXP = IAT.plus(Duration.ofDays(1));
  private static KeyPair key;
  private static KeyPair otherKey;
  private static JwsSigner signer;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", CryptoProvider.get());
    g.initialize(new ECGenParameterSpec("secp256r1"));
    key = g.generateKeyPair();
    otherKey = g.generateKeyPair();
    signer = new JwsSigner(key.getPrivate(), JwsAlgorithm.ES256);
  }

  private static StatusList list() {
    StatusList list = new StatusList(1 << 16, 2);
    list.set(48213, Status.INVALID).set(7, Status.SUSPENDED).set(9, 3);
    return list;
  }

  private static StatusListToken.Builder builder() {
    return StatusListToken.builder(URI, list())
        .keyId("k1")
        .issuedAt(IAT)
        .expiresAt(EXP)
        .ttl(Duration.ofMinutes(10));
  }

  private static StatusListTokenVerifier verifierAt(Instant now) {
    return StatusListTokenVerifier.builder().clock(Clock.fixed(now, ZoneOffset.UTC)).build();
  }

  private static StatusListTokenResult verify(String token) {
    return verifierAt(IAT.plusSeconds(60)).verify(token, URI, key.getPublic());
  }

  private static String code(StatusListTokenResult r) {
    return assertInstanceOf(StatusListTokenResult.Rejected.class, r).failure().code();
  }

  private static String signClaims(ObjectNode header, ObjectNode claims) {
    return signer.sign(header, Json.write(claims));
  }

  private static ObjectNode header() {
    return signer.header(StatusListNames.TYP_STATUSLIST_JWT);
  }

  @Test
  void createThenVerify_goodToken_givesStatuses() throws Exception {
    String token = builder().sign(signer);
    CompactJws jws = CompactJws.parse(token, "t");
    assertEquals("statuslist+jwt", jws.typ());
    assertEquals("k1", jws.kid());
    VerifiedStatusList v =
        assertInstanceOf(StatusListTokenResult.Verified.class, verify(token)).list();
    assertEquals(URI, v.subject());
    assertEquals(IAT, v.iat());
    assertEquals(EXP, v.exp().orElseThrow());
    assertEquals(Duration.ofMinutes(10), v.ttl().orElseThrow());
    assertEquals(2, v.bits());
    assertEquals(
        Status.INVALID, assertInstanceOf(StatusLookup.Found.class, v.statusOf(48213)).status());
    assertEquals(
        Status.SUSPENDED, assertInstanceOf(StatusLookup.Found.class, v.statusOf(7)).status());
    assertEquals(3, assertInstanceOf(StatusLookup.Found.class, v.statusOf(9)).status().value());
    assertEquals(Status.VALID, ((StatusLookup.Found) v.statusOf(0)).status());
  }

  @Test
  void statusOf_indexOutsideList_isIndexOutOfRange() {
    VerifiedStatusList v = ((StatusListTokenResult.Verified) verify(builder().sign(signer))).list();
    for (long index : new long[] {1 << 16, -1, Long.MAX_VALUE}) {
      StatusListFailure.IndexOutOfRange f =
          assertInstanceOf(StatusListFailure.IndexOutOfRange.class, v.statusOf(index));
      assertEquals("status.index_out_of_range", f.code());
    }
  }

  @Test
  void verify_otherKey_badSignature() {
    StatusListTokenResult r =
        verifierAt(IAT).verify(builder().sign(signer), URI, otherKey.getPublic());
    assertEquals("status.bad_signature", code(r));
  }

  @Test
  void verify_tamperedPayload_badSignature() {
    String[] p = builder().sign(signer).split("\\.");
    ObjectNode claims = Json.parseObject(Base64Url.decode(p[1]));
    claims
        .with(StatusListNames.STATUS_LIST)
        .put(StatusListNames.LST, new StatusList(8, 2).encode());
    String forged = p[0] + "." + Base64Url.encode(Json.write(claims)) + "." + p[2];
    assertEquals("status.bad_signature", code(verify(forged)));
  }

  @Test
  void verify_otherUri_subMismatch() {
    StatusListTokenResult r =
        verifierAt(IAT).verify(builder().sign(signer), URI + "0", key.getPublic());
    assertEquals("status.sub_mismatch", code(r));
  }

  @Test
  void verify_afterExpiryPlusSkew_expired() {
    assertEquals(
        "status.expired",
        code(verifierAt(EXP.plusSeconds(61)).verify(builder().sign(signer), URI, key.getPublic())));
    assertInstanceOf(
        StatusListTokenResult.Verified.class,
        verifierAt(EXP.plusSeconds(59)).verify(builder().sign(signer), URI, key.getPublic()));
  }

  @Test
  void verify_issuedInFuture_notYetValid() {
    assertEquals(
        "status.not_yet_valid",
        code(
            verifierAt(IAT.minusSeconds(600))
                .verify(builder().sign(signer), URI, key.getPublic())));
  }

  @Test
  void verify_wrongTyp_wrongType() {
    ObjectNode claims = builder().claims();
    for (String typ : new String[] {"JWT", "dc+sd-jwt", "statuslist+cwt"}) {
      String token = signClaims(signer.header(typ), claims);
      assertEquals("status.wrong_type", code(verify(token)), typ);
    }
    assertEquals("status.wrong_type", code(verify(signClaims(signer.header(null), claims))));
    assertInstanceOf(
        StatusListTokenResult.Verified.class,
        verify(signClaims(signer.header("application/statuslist+jwt"), claims)));
  }

  @Test
  void verify_algorithmNotInPolicy_algorithmNotAllowed() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", CryptoProvider.get());
    g.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair p384 = g.generateKeyPair();
    JwsSigner es384 = new JwsSigner(p384.getPrivate(), JwsAlgorithm.ES384);
    String token = builder().sign(es384);
    StatusListTokenVerifier v =
        StatusListTokenVerifier.builder().clock(Clock.fixed(IAT, ZoneOffset.UTC)).build();
    assertEquals("status.algorithm_not_allowed", code(v.verify(token, URI, p384.getPublic())));
    StatusListTokenVerifier both =
        StatusListTokenVerifier.builder()
            .algorithms(AlgorithmPolicy.of(JwsAlgorithm.ES256, JwsAlgorithm.ES384))
            .clock(Clock.fixed(IAT, ZoneOffset.UTC))
            .build();
    assertInstanceOf(
        StatusListTokenResult.Verified.class, both.verify(token, URI, p384.getPublic()));
  }

  @Test
  void verify_noneAlgorithm_rejected() {
    String h =
        Base64Url.encode(
            "{\"alg\":\"none\",\"typ\":\"statuslist+jwt\"}".getBytes(StandardCharsets.UTF_8));
    String token = h + "." + Base64Url.encode(Json.write(builder().claims())) + ".";
    assertEquals("status.algorithm_not_allowed", code(verify(token)));
    String withSig = h + "." + Base64Url.encode(Json.write(builder().claims())) + ".AA";
    assertEquals("status.algorithm_not_allowed", code(verify(withSig)));
  }

  @Test
  void verify_malformedTokens_malformed() {
    for (String bad : new String[] {"", "abc", "a.b", "a.b.c.d", "!!.e30.AA"}) {
      assertEquals("status.malformed", code(verify(bad)), bad);
    }
  }

  @Test
  void verify_malformedClaims_malformed() {
    String[][] edits = {
      {"remove", "sub"},
      {"remove", "iat"},
      {"remove", "status_list"},
      {"text", "iat"},
      {"text", "exp"},
      {"negative", "ttl"},
      {"zero", "ttl"},
      {"fraction", "ttl"},
      {"text", "status_list"},
      {"bits3", "status_list"},
      {"bitsText", "status_list"},
      {"lstMissing", "status_list"},
      {"lstNumber", "status_list"},
      {"lstNotZlib", "status_list"},
      {"aggregationNumber", "status_list"},
      {"number", "sub"},
    };
    for (String[] edit : edits) {
      ObjectNode claims = builder().claims();
      ObjectNode sl = (ObjectNode) claims.get("status_list");
      switch (edit[0]) {
        case "remove" -> claims.remove(edit[1]);
        case "text" -> claims.put(edit[1], "soon");
        case "number" -> claims.put(edit[1], 5);
        case "negative" -> claims.put(edit[1], -5);
        case "zero" -> claims.put(edit[1], 0);
        case "fraction" -> claims.put(edit[1], 1.5);
        case "bits3" -> sl.put("bits", 3);
        case "bitsText" -> sl.put("bits", "1");
        case "lstMissing" -> sl.remove("lst");
        case "lstNumber" -> sl.put("lst", 1);
        case "lstNotZlib" -> sl.put("lst", "AAAA");
        case "aggregationNumber" -> sl.put("aggregation_uri", 1);
        default -> throw new IllegalStateException(edit[0]);
      }
      assertEquals(
          "status.malformed", code(verify(signClaims(header(), claims))), String.join(" ", edit));
    }
  }

  @Test
  void verify_bombInsideSignedToken_malformedAtCap() {
    ObjectNode claims = builder().claims();
    ((ObjectNode) claims.get("status_list"))
        .put("lst", Base64Url.encode(StatusListTest.zerosBomb(64L << 20)));
    StatusListTokenVerifier v =
        StatusListTokenVerifier.builder()
            .clock(Clock.fixed(IAT, ZoneOffset.UTC))
            .maxDecompressedBytes(1 << 20)
            .build();
    assertEquals(
        "status.malformed", code(v.verify(signClaims(header(), claims), URI, key.getPublic())));
  }

  @Test
  void verify_randomIndices_matchWhatIssuerSet() {
    Random random = new Random(48213);
    for (int bits : new int[] {1, 2, 4, 8}) {
      int size = 50_000;
      StatusList list = new StatusList(size, bits);
      int[] values = new int[size];
      for (int n = 0; n < 500; n++) {
        int i = random.nextInt(size);
        values[i] = random.nextInt(1 << bits);
        list.set(i, values[i]);
      }
      String token = StatusListToken.builder(URI, list).issuedAt(IAT).sign(signer);
      VerifiedStatusList v = ((StatusListTokenResult.Verified) verify(token)).list();
      for (int n = 0; n < 2_000; n++) {
        int i = random.nextInt(size);
        assertEquals(
            values[i], ((StatusLookup.Found) v.statusOf(i)).status().value(), "bits " + bits);
      }
    }
  }

  @Test
  void failure_messages_nameValuesNotToken() {
    StatusListFailure f = new StatusListFailure.SubjectMismatch(URI, "https://x/1");
    assertEquals("status.sub_mismatch", f.code());
    assertEquals(true, f.message().contains("https://x/1"));
  }
}
