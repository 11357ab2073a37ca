package nl.leerbewijs.core.qr;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.jose.JwsAlgorithm;
import nl.leerbewijs.core.jose.JwsSigner;
import nl.leerbewijs.core.json.Base64Url;
import nl.leerbewijs.core.json.Json;

/**
 * Builds a realistic microcredential SD-JWT VC presentation by hand (RFC 9901 layout, real ES256
 * signatures, random salts and digests), independent of the SD-JWT issuance code.
 */
final class RealisticPresentation {

  static final String[][] SKILLS = {
    {"Python (programmeren)", "ccd0a1d9-afda-43d9-b901-96344886e14d"},
    {"SQL", "598de5b0-5b58-4ea7-8058-a4bc4d18c742"},
    {"Datamining", "25f0ea33-b4a2-4f31-b7b4-7d20e827b180"},
    {"Statistiek", "7ee4c2ea-b349-4bd2-81a3-ec31475d4833"},
    {"Gegevens visualiseren", "0a5c3d1e-4f2b-4c8d-9e7f-1b2c3d4e5f60"},
  };

  private RealisticPresentation() {}

  static String build(boolean keyBinding, long seed) throws Exception {
    Random random = new Random(seed);
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", CryptoProvider.get());
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair issuer = g.generateKeyPair();
    KeyPair holder = g.generateKeyPair();

    List<String> disclosures = new ArrayList<>();
    ObjectNode learner = Json.object();
    learner.put("given_name", "Fatima");
    learner.put("family_name", "El Amrani");
    ArrayNode learnerSd = learner.putArray("_sd");
    learnerSd.add(digest(disclosure(random, "birthdate", "\"1991-04-17\"")));
    learnerSd.add(digest(disclosure(random, "student_id", "\"2087731\"")));
    String learnerDisclosure =
        disclosure(random, "learner", new String(Json.write(learner), StandardCharsets.UTF_8));
    disclosures.add(learnerDisclosure);

    ObjectNode header = Json.object();
    header.put("alg", "ES256");
    header.put("typ", "dc+sd-jwt");
    header.put("kid", Base64Url.encode(bytes(random, 32)));

    ObjectNode payload = Json.object();
    payload.put("vct", "https://leerbewijs.nl/vct/microcredential");
    payload.put("iss", "https://issuer.leerbewijs.test/t/hs-voorbeeld");
    payload.put("iat", 1751011200L);
    payload.put("exp", 1908777600L);
    ObjectNode jwk = payload.putObject("cnf").putObject("jwk");
    ECPublicKey hk = (ECPublicKey) holder.getPublic();
    jwk.put("kty", "EC");
    jwk.put("crv", "P-256");
    jwk.put("x", Base64Url.encode(coordinate(hk.getW().getAffineX())));
    jwk.put("y", Base64Url.encode(coordinate(hk.getW().getAffineY())));
    ObjectNode sl = payload.putObject("status").putObject("status_list");
    sl.put("idx", 48213);
    sl.put("uri", "https://issuer.leerbewijs.test/t/hs-voorbeeld/status/1");
    payload.put("_sd_alg", "sha-256");
    ArrayNode sd = payload.putArray("_sd");
    sd.add(digest(learnerDisclosure));
    sd.add(digest(disclosure(random, "description", "{\"nl\":\"Je leert data analyseren.\"}")));
    sd.add(Base64Url.encode(bytes(random, 32)));
    sd.add(Base64Url.encode(bytes(random, 32)));
    ObjectNode institution = payload.putObject("institution");
    institution.put("name", "Hogeschool Voorbeeld");
    institution.put("brin", "99XX");
    ObjectNode title = payload.putObject("title");
    title.put("nl", "Data-analyse met Python");
    title.put("en", "Data analysis with Python");
    payload.put("award_date", "2025-06-27");
    payload.put("nlqf", "6");
    payload.put("eqf", 6);
    payload.put("ects", new BigDecimal("7.5"));
    ArrayNode skills = payload.putArray("skills");
    for (String[] s : SKILLS) {
      ObjectNode skill = Json.object();
      skill.put("label", s[0]);
      skill.put("uri", "http://data.europa.eu/esco/skill/" + s[1]);
      String d =
          Base64Url.encode(
              ("[\""
                      + Base64Url.encode(bytes(random, 16))
                      + "\","
                      + new String(Json.write(skill), StandardCharsets.UTF_8)
                      + "]")
                  .getBytes(StandardCharsets.UTF_8));
      disclosures.add(d);
      skills.addObject().put("...", digest(d));
    }

    JwsSigner issuerSigner = new JwsSigner(issuer.getPrivate(), JwsAlgorithm.ES256);
    String jwt = issuerSigner.sign(header, Json.write(payload));
    StringBuilder sdJwt = new StringBuilder(jwt).append('~');
    for (String d : disclosures) {
      sdJwt.append(d).append('~');
    }
    if (!keyBinding) {
      return sdJwt.toString();
    }
    JwsSigner holderSigner = new JwsSigner(holder.getPrivate(), JwsAlgorithm.ES256);
    ObjectNode kb = Json.object();
    kb.put("iat", 1767225600L);
    kb.put("aud", "https://verifier.leerbewijs.test");
    kb.put("nonce", Base64Url.encode(bytes(random, 16)));
    kb.put("sd_hash", digest(sdJwt.toString()));
    return sdJwt + holderSigner.sign(holderSigner.header("kb+jwt"), Json.write(kb));
  }

  private static String disclosure(Random random, String name, String valueJson) {
    String json =
        "[\"" + Base64Url.encode(bytes(random, 16)) + "\",\"" + name + "\"," + valueJson + "]";
    return Base64Url.encode(json.getBytes(StandardCharsets.UTF_8));
  }

  static String digest(String ascii) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256", CryptoProvider.get());
      return Base64Url.encode(md.digest(ascii.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static byte[] coordinate(java.math.BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(32, raw.length);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }

  static String randomUuid(Random random) {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }
}
