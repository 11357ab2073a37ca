package nl.leerbewijs.issuer.award;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import nl.leerbewijs.issuer.IssuerFixture;
import nl.leerbewijs.issuer.apikey.Scope;
import nl.leerbewijs.issuer.config.IssuerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The awarding API over HTTP against PostgreSQL: JSON, batch, CSV, idempotency, isolation. */
class AwardApiIT {
  private static IssuerFixture f;
  private static String keyA;
  private static String keyB;

  @BeforeAll
  static void start() throws Exception {
    f =
        IssuerFixture.start(
            "award",
            Map.of(IssuerConfig.MAX_BATCH_SIZE, "50", IssuerConfig.MAX_BODY_BYTES, "8192"));
    keyA = f.tenant("school-a", "microcredential", "praktijkverklaring");
    keyB = f.tenant("school-b", "microcredential");
  }

  @AfterAll
  static void stop() {
    if (f != null) {
      f.close();
    }
  }

  private static JsonObject award(Object ects) {
    JsonObject c = IssuerFixture.microcredential().put("ects", ects);
    return new JsonObject()
        .put("type", "microcredential")
        .put("claims", c)
        .put("learner_reference", "s-1");
  }

  private static long count(String table) throws Exception {
    try (Connection c = f.db.connect();
        ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void single_invalidClaims_422WithPointers() throws Exception {
    HttpResponse<String> r =
        f.post("/api/v1/tenants/school-a/awards", keyA, "application/json", award(45).encode());
    assertEquals(422, r.statusCode());
    JsonObject p = new JsonObject(r.body());
    assertEquals("award_rejected", p.getString("code"));
    JsonObject e = p.getJsonArray("errors").getJsonObject(0);
    assertEquals("/claims/ects", e.getString("pointer"));
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElseThrow());
  }

  @Test
  void single_typeNotAllowedForTenant_422() throws Exception {
    JsonObject a = award(5).put("type", "mbo-certificaat");
    HttpResponse<String> r =
        f.post("/api/v1/tenants/school-b/awards", keyB, "application/json", a.encode());
    assertEquals(422, r.statusCode());
    assertEquals(
        "type_not_allowed",
        new JsonObject(r.body()).getJsonArray("errors").getJsonObject(0).getString("code"));
  }

  @Test
  void batch_badRow_rejectsAll_namingRows() throws Exception {
    long before = count("awards");
    JsonArray batch =
        new JsonArray()
            .add(award(5))
            .add(award(99))
            .add(award(6))
            .add(new JsonObject().put("type", "x"));
    HttpResponse<String> r =
        f.post("/api/v1/tenants/school-a/awards/batch", keyA, "application/json", batch.encode());
    assertEquals(422, r.statusCode());
    JsonArray errors = new JsonObject(r.body()).getJsonArray("errors");
    assertEquals(1, errors.getJsonObject(0).getInteger("row"));
    assertEquals("/1/claims/ects", errors.getJsonObject(0).getString("pointer"));
    assertTrue(errors.stream().anyMatch(o -> ((JsonObject) o).getInteger("row") == 3));
    assertEquals(before, count("awards"));
  }

  @Test
  void batch_idempotencyKey_retryReturnsSameOffers_noDuplicates() throws Exception {
    JsonArray batch = new JsonArray().add(award(5)).add(award(6));
    HttpResponse<String> first =
        f.post(
            "/api/v1/tenants/school-a/awards/batch",
            keyA,
            "application/json",
            batch.encode(),
            "Idempotency-Key",
            "batch-1");
    assertEquals(201, first.statusCode(), first.body());
    long awards = count("awards");
    long offers = count("credential_offers");
    HttpResponse<String> retry =
        f.post(
            "/api/v1/tenants/school-a/awards/batch",
            keyA,
            "application/json",
            batch.encode(),
            "Idempotency-Key",
            "batch-1");
    assertEquals(201, retry.statusCode());
    assertEquals("true", retry.headers().firstValue("Idempotent-Replayed").orElseThrow());
    assertEquals(new JsonObject(first.body()), new JsonObject(retry.body()));
    assertEquals(awards, count("awards"));
    assertEquals(offers, count("credential_offers"));
    JsonArray other = new JsonArray().add(award(7));
    HttpResponse<String> misuse =
        f.post(
            "/api/v1/tenants/school-a/awards/batch",
            keyA,
            "application/json",
            other.encode(),
            "Idempotency-Key",
            "batch-1");
    assertEquals(422, misuse.statusCode());
    assertEquals("idempotency_key_reused", new JsonObject(misuse.body()).getString("code"));
    // the same key at another school is another request
    HttpResponse<String> atB =
        f.post(
            "/api/v1/tenants/school-b/awards/batch",
            keyB,
            "application/json",
            batch.encode(),
            "Idempotency-Key",
            "batch-1");
    assertEquals(201, atB.statusCode());
    assertEquals(null, atB.headers().firstValue("Idempotent-Replayed").orElse(null));
  }

  @Test
  void batch_tooMany_413_andBodyTooLarge_413() throws Exception {
    JsonArray batch = new JsonArray();
    for (int i = 0; i < 51; i++) {
      batch.add(award(5));
    }
    HttpResponse<String> r =
        f.post("/api/v1/tenants/school-a/awards/batch", keyA, "application/json", batch.encode());
    assertEquals(413, r.statusCode());
    assertEquals("too_many_awards", new JsonObject(r.body()).getString("code"));
    String big = award(5).put("learner_reference", "x".repeat(10_000)).encode();
    HttpResponse<String> large =
        f.post("/api/v1/tenants/school-a/awards", keyA, "application/json", big);
    assertEquals(413, large.statusCode());
  }

  @Test
  void malformed_400_and_wrongMediaType_415() throws Exception {
    assertEquals(
        400,
        f.post("/api/v1/tenants/school-a/awards", keyA, "application/json", "{\"type\":")
            .statusCode());
    assertEquals(
        415, f.post("/api/v1/tenants/school-a/awards", keyA, "text/plain", "{}").statusCode());
    assertEquals(
        415,
        f.post("/api/v1/tenants/school-a/awards/csv", keyA, "application/json", "{}").statusCode());
  }

  @Test
  void csv_valid_awardsAllRows() throws Exception {
    String csv =
        "type,learner_reference,tx_code,given_name,family_name,student_id,title_nl,title_en,award_date,nlqf,ects,skills\r\n"
            + "microcredential,s-1,true,Anna,de Boer,123,Lassen,Welding,2025-03-14,4,\"3,5\",Lassen|https://esco.example/lassen;Meten\r\n"
            + "microcredential,s-2,false,Bob,Jansen,124,Lassen,,2025-03-14,4,4,\r\n";
    HttpResponse<String> r = f.post("/api/v1/tenants/school-a/awards/csv", keyA, "text/csv", csv);
    assertEquals(201, r.statusCode(), r.body());
    JsonObject out = new JsonObject(r.body());
    assertEquals(2, out.getInteger("count"));
    assertEquals(2, out.getJsonArray("awards").getJsonObject(0).getInteger("row"));
    assertTrue(
        out.getJsonArray("awards").getJsonObject(0).getJsonObject("offer").containsKey("tx_code"));
    JsonObject fetched =
        new JsonObject(
            f.get(
                    "/api/v1/tenants/school-a/awards/"
                        + out.getJsonArray("awards").getJsonObject(0).getString("id"),
                    keyA)
                .body());
    assertEquals(3.5, fetched.getJsonObject("claims").getDouble("ects"));
    assertEquals(
        "School school-a",
        fetched.getJsonObject("claims").getJsonObject("institution").getString("name"));
  }

  @Test
  void csv_badRows_namesRowAndColumn() throws Exception {
    String csv =
        "type,given_name,family_name,title_nl,award_date,nlqf,ects\n"
            + "microcredential,Anna,de Boer,Lassen,2025-03-14,4,5\n"
            + "microcredential,Bob,Jansen,Lassen,2025-13-40,4,veel\n"
            + "diploma,Bob,Jansen,Lassen,2025-01-01,4,5\n"
            + "microcredential,Bob,,Lassen,2025-01-01,9,5\n";
    HttpResponse<String> r = f.post("/api/v1/tenants/school-a/awards/csv", keyA, "text/csv", csv);
    assertEquals(422, r.statusCode(), r.body());
    JsonArray errors = new JsonObject(r.body()).getJsonArray("errors");
    assertTrue(has(errors, 3, "ects"), errors.encodePrettily());
    assertTrue(has(errors, 4, "type"), errors.encodePrettily());
    assertTrue(has(errors, 5, "nlqf"), errors.encodePrettily());
    assertTrue(
        has(errors, 5, "learner.family_name") || has(errors, 5, "family_name"),
        errors.encodePrettily());
    HttpResponse<String> header =
        f.post(
            "/api/v1/tenants/school-a/awards/csv",
            keyA,
            "text/csv",
            "given_name,bogus column\nx,y\n");
    assertEquals(400, header.statusCode());
    HttpResponse<String> quote =
        f.post(
            "/api/v1/tenants/school-a/awards/csv", keyA, "text/csv", "type\n\"microcredential\n");
    assertEquals(400, quote.statusCode());
  }

  private static boolean has(JsonArray errors, int row, String column) {
    return errors.stream()
        .map(o -> (JsonObject) o)
        .anyMatch(e -> e.getInteger("row") == row && column.equals(e.getString("column")));
  }

  @Test
  void tenantIsolation_keyOfACannotSeeAwardForOrRevokeAtB() throws Exception {
    JsonObject atB = f.award("school-b", keyB, false);
    assertEquals(
        404, f.get("/api/v1/tenants/school-b/awards/" + atB.getString("id"), keyA).statusCode());
    assertEquals(
        404, f.get("/api/v1/tenants/school-a/awards/" + atB.getString("id"), keyA).statusCode());
    assertEquals(
        404,
        f.post("/api/v1/tenants/school-b/awards", keyA, "application/json", award(5).encode())
            .statusCode());
    String sd = f.collect("school-b", atB, IssuerFixture.holder());
    assertNotEquals(null, sd);
    String credId =
        new JsonObject(f.get("/api/v1/tenants/school-b/awards/" + atB.getString("id"), keyB).body())
            .getJsonArray("credentials")
            .getJsonObject(0)
            .getString("id");
    assertEquals(
        404,
        f.post(
                "/api/v1/tenants/school-b/credentials/" + credId + "/revoke",
                keyA,
                "application/json",
                "{\"reason\":\"x\"}")
            .statusCode());
    assertEquals(
        404,
        f.post(
                "/api/v1/tenants/school-a/credentials/" + credId + "/revoke",
                keyA,
                "application/json",
                "{\"reason\":\"x\"}")
            .statusCode());
    JsonArray listA =
        new JsonObject(f.get("/api/v1/tenants/school-a/awards?limit=1000", keyA).body())
            .getJsonArray("awards");
    assertTrue(
        listA.stream()
            .noneMatch(o -> ((JsonObject) o).getString("id").equals(atB.getString("id"))));
  }

  @Test
  void scopes_issueOnlyKeyCannotRevoke_revokeOnlyCannotAward() throws Exception {
    String issueOnly = f.apiKey("school-a", Scope.ISSUE);
    String revokeOnly = f.apiKey("school-a", Scope.REVOKE);
    JsonObject a = f.award("school-a", issueOnly, false);
    assertEquals(
        403,
        f.post(
                "/api/v1/tenants/school-a/awards/" + a.getString("id") + "/withdraw",
                issueOnly,
                "application/json",
                "{\"reason\":\"x\"}")
            .statusCode());
    assertEquals(
        403,
        f.post("/api/v1/tenants/school-a/awards", revokeOnly, "application/json", award(5).encode())
            .statusCode());
  }

  @Test
  void listAndSearch_byLearnerReferenceAndName() throws Exception {
    JsonObject a = award(5).put("learner_reference", "zoek-mij");
    assertEquals(
        201,
        f.post("/api/v1/tenants/school-a/awards", keyA, "application/json", a.encode())
            .statusCode());
    JsonArray found =
        new JsonObject(
                f.get("/api/v1/tenants/school-a/awards?learner_reference=zoek-mij", keyA).body())
            .getJsonArray("awards");
    assertEquals(1, found.size());
    JsonArray byName =
        new JsonObject(
                f.get("/api/v1/tenants/school-a/awards?q=VAN%20DEN%20HEUVEL&limit=1", keyA).body())
            .getJsonArray("awards");
    assertEquals(1, byName.size());
  }

  @Test
  void auditLog_recordsAwards() throws Exception {
    JsonObject a = f.award("school-a", keyA, false);
    HttpResponse<String> r = f.get("/api/v1/tenants/school-a/audit-log/export", keyA);
    assertEquals(200, r.statusCode());
    assertEquals("application/x-ndjson", r.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(
        r.body()
            .lines()
            .map(JsonObject::new)
            .anyMatch(
                e ->
                    e.getString("action").equals("award.create")
                        && a.getString("id").equals(e.getString("subject"))));
  }
}
