package nl.leerbewijs.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.jose.JwsAlgorithm;
import nl.leerbewijs.core.jose.JwsSigner;
import nl.leerbewijs.core.json.Base64Url;
import nl.leerbewijs.core.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A trusted issuer that signs nonsense (a bug in a school's system, a stolen key used carelessly)
 * must still get a report, never an exception: the signature gate is passed, so every later stage
 * (disclosure resolution, validity dates, schema, status, key binding, the report's JSON) meets the
 * hostile values. Each case takes the valid presentation, damages the signed payload or one
 * disclosure (keeping its digest in the payload in step), signs again with the trusted key and adds
 * a correct key-binding JWT, so nothing but the damage stands between the input and a valid
 * verdict.
 */
class SignedHostileCredentialTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final VerificationEngineTest fixture = new VerificationEngineTest();
  private String[] parts; // issuer-signed JWT, disclosures..., key-binding JWT (last)

  @BeforeEach
  void setUp() throws Exception {
    fixture.setUp();
    parts = fixture.present(fixture.credential(), "n").split("~", -1);
  }

  @Test
  void resigned_unchanged_valid() {
    // The harness itself: re-signing without damage must give a valid verdict.
    VerificationReport r = fixture.engine().verify(resign(payload(), disclosures()));
    assertEquals(Verdict.VALID, r.verdict(), () -> r.toJson().toPrettyString());
  }

  @Test
  void damagedPayload_signedByTrustedIssuer_reportNeverThrows() {
    Random random = new Random(7);
    VerificationEngine engine = fixture.engine();
    int notValid = 0;
    for (int i = 0; i < 400; i++) {
      ObjectNode payload = payload();
      List<Slot> slots = new ArrayList<>();
      collect(payload, slots);
      slots.get(random.nextInt(slots.size())).set(hostile(random));
      notValid += check(engine, resign(payload, disclosures()), "payload case " + i);
    }
    assertNotEquals(0, notValid, "some damage must be noticed");
  }

  @Test
  void damagedDisclosure_digestKeptInStep_reportNeverThrows() {
    Random random = new Random(11);
    VerificationEngine engine = fixture.engine();
    for (int i = 0; i < 300; i++) {
      String[] disclosures = disclosures();
      int d = random.nextInt(disclosures.length);
      JsonNode array = Json.parse(Base64Url.decode(disclosures[d]));
      List<Slot> slots = new ArrayList<>();
      collect(array, slots);
      if (random.nextInt(4) == 0 && array instanceof ArrayNode a) {
        // Wrong shapes: too short, too long, not an array at all.
        JsonNode replacement =
            switch (random.nextInt(3)) {
              case 0 -> NODES.arrayNode().add(a.get(0));
              case 1 -> a.deepCopy().add("extra");
              default -> hostile(random);
            };
        array = replacement;
      } else {
        slots.get(random.nextInt(slots.size())).set(hostile(random));
      }
      String damaged = Base64Url.encode(Json.write(array));
      ObjectNode payload = payload();
      String text = payload.toString().replace(digest(disclosures[d]), digest(damaged));
      disclosures[d] = damaged;
      check(engine, resign((ObjectNode) Json.parse(text), disclosures), "disclosure case " + i);
    }
  }

  @Test
  void reservedAndStructuralDamage_signedByTrustedIssuer_reportNeverThrows() {
    VerificationEngine engine = fixture.engine();
    List<Supplier<ObjectNode>> cases =
        List.of(
            () -> with(payload(), p -> p.put("_sd", "not an array")),
            () -> with(payload(), p -> p.putArray("_sd").add(5).addNull().addObject()),
            () -> with(payload(), p -> p.put("_sd_alg", "md5")),
            () -> with(payload(), p -> p.put("...", "loose")),
            () -> with(payload(), p -> p.putArray("skills").addObject().put("...", 42)),
            () -> with(payload(), p -> p.putArray("skills").addObject().putArray("...")),
            () -> with(payload(), p -> p.putObject("cnf").putObject("jwk").put("kty", "RSA")),
            () -> with(payload(), p -> p.putObject("cnf").put("jwk", "x")),
            () -> with(payload(), p -> p.remove("cnf")),
            () -> with(payload(), p -> p.putObject("status").put("status_list", 3)),
            () -> with(payload(), p -> p.withObject("/status/status_list").put("idx", -1)),
            () -> with(payload(), p -> p.withObject("/status/status_list").put("idx", 1L << 40)),
            () -> with(payload(), p -> p.withObject("/status/status_list").put("uri", "file:///")),
            () -> with(payload(), p -> p.put("iat", "yesterday")),
            () -> with(payload(), p -> p.put("exp", new BigDecimal("1e400"))),
            () -> with(payload(), p -> p.put("nbf", -1e300)),
            () -> with(payload(), p -> p.put("vct", "")),
            () -> with(payload(), p -> p.put("iss", 7)),
            () -> with(payload(), p -> p.set("eqf", deep(60))));
    for (int i = 0; i < cases.size(); i++) {
      assertEquals(1, check(engine, resign(cases.get(i).get(), disclosures()), "case " + i));
    }
  }

  /** Verifies, requiring a report whose JSON can be written; 1 when the verdict is not valid. */
  private static int check(VerificationEngine engine, String presentation, String what) {
    VerificationReport r;
    try {
      r = engine.verify(presentation);
    } catch (RuntimeException e) {
      throw new AssertionError(what + ": the engine threw " + e, e);
    }
    assertNotNull(r.verdict(), what);
    try {
      // Jackson's own limits, not core's: the report carries the claims a level or two deeper
      // than they were signed, so a credential nested near core's input limit gives a report
      // just past it, which the web page's JSON.parse reads without trouble.
      assertNotNull(new ObjectMapper().readTree(r.toJsonBytes()), what);
    } catch (java.io.IOException e) {
      throw new AssertionError(what + ": the report is not JSON", e);
    }
    return r.verdict() == Verdict.VALID ? 0 : 1;
  }

  private ObjectNode payload() {
    return Json.parseObject(Base64Url.decode(parts[0].split("\\.")[1]));
  }

  private String[] disclosures() {
    return Arrays.copyOfRange(parts, 1, parts.length - 1);
  }

  /**
   * The issuer-signed JWT with this payload, signed by the trusted key with the original header,
   * the disclosures, and a fresh key-binding JWT over them (written here, not by core's presenter,
   * so that it does not refuse what it is given).
   */
  private String resign(ObjectNode payload, String[] disclosures) {
    String input = parts[0].split("\\.")[0] + "." + Base64Url.encode(Json.write(payload));
    byte[] signature = fixture.issuerSigner.signRaw(input.getBytes(StandardCharsets.US_ASCII));
    StringBuilder sdJwt =
        new StringBuilder(input).append('.').append(Base64Url.encode(signature)).append('~');
    for (String d : disclosures) {
      sdJwt.append(d).append('~');
    }
    ObjectNode kb = Json.object();
    kb.put("iat", VerificationEngineTest.NOW.minusSeconds(5).getEpochSecond());
    kb.put("aud", "https://verifier.example");
    kb.put("nonce", "n");
    kb.put("sd_hash", digest(sdJwt.toString()));
    JwsSigner holder = new JwsSigner(fixture.holderKeys.getPrivate(), JwsAlgorithm.ES256);
    return sdJwt + holder.sign(holder.header("kb+jwt"), Json.write(kb));
  }

  private static String digest(String ascii) {
    return Base64Url.encode(
        CryptoProvider.sha256().digest(ascii.getBytes(StandardCharsets.US_ASCII)));
  }

  /** A place in a tree that can take another value. */
  private interface Slot {
    void set(JsonNode value);
  }

  private static void collect(JsonNode node, List<Slot> slots) {
    if (node instanceof ObjectNode o) {
      for (String name : iterable(o)) {
        slots.add(v -> o.set(name, v));
        collect(o.get(name), slots);
      }
      slots.add(v -> o.set("added", v));
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        int at = i;
        slots.add(v -> a.set(at, v));
        collect(a.get(i), slots);
      }
      slots.add(a::add);
    }
  }

  private static List<String> iterable(ObjectNode o) {
    List<String> names = new ArrayList<>();
    o.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode hostile(Random random) {
    switch (random.nextInt(16)) {
      case 0:
        return NODES.nullNode();
      case 1:
        return NODES.booleanNode(random.nextBoolean());
      case 2:
        return NODES.numberNode(-1);
      case 3:
        return NODES.numberNode(Long.MAX_VALUE);
      case 4:
        return DecimalNode.valueOf(new BigDecimal("1e400"));
      case 5:
        return NODES.numberNode(0.5);
      case 6:
        return NODES.textNode("");
      case 7:
        return NODES.textNode("x".repeat(100_000));
      case 8:
        return NODES.textNode("\u202e\u0000\u001b[31m<script>\ud800");
      case 9:
        return NODES.arrayNode();
      case 10:
        return NODES.objectNode();
      case 11:
        return deep(60);
      case 12:
        return NODES.objectNode().put("...", "AAAA");
      case 13:
        return NODES.objectNode().put("_sd", "AAAA");
      case 14:
        return NODES.arrayNode().add(NODES.objectNode().putArray("_sd").add(1));
      default:
        return NODES.textNode("https://attacker.example/" + random.nextInt());
    }
  }

  /** Arrays nested {@code depth} deep. */
  private static JsonNode deep(int depth) {
    ArrayNode root = NODES.arrayNode();
    ArrayNode a = root;
    for (int i = 1; i < depth; i++) {
      a = a.addArray();
    }
    return root;
  }

  private static ObjectNode with(ObjectNode payload, Consumer<ObjectNode> c) {
    c.accept(payload);
    return payload;
  }
}
