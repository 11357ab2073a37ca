package nl.leerbewijs.issuer.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.leerbewijs.issuer.IssuerFixture;
import nl.leerbewijs.issuer.config.IssuerConfig;
import org.junit.jupiter.api.Test;

/**
 * Two issuer instances on one database issue credentials concurrently: every credential gets its
 * own status index, and a new list starts when one is full.
 */
class StatusAllocationIT {
  private static final int LIST_SIZE = 64;
  private static final int CREDENTIALS = 150;

  @Test
  void twoInstances_concurrentIssuance_noDuplicateIndexes() throws Exception {
    Map<String, String> env = Map.of(IssuerConfig.STATUS_LIST_SIZE, Integer.toString(LIST_SIZE));
    try (IssuerFixture a = IssuerFixture.start("alloc", env);
        IssuerFixture b = a.second(env)) {
      String key = a.tenant("school-a", "microcredential");
      JsonArray batch = new JsonArray();
      for (int i = 0; i < CREDENTIALS; i++) {
        batch.add(
            new JsonObject()
                .put("type", "microcredential")
                .put("claims", IssuerFixture.microcredential()));
      }
      HttpResponse<String> r =
          a.post("/api/v1/tenants/school-a/awards/batch", key, "application/json", batch.encode());
      assertEquals(201, r.statusCode(), r.body());
      JsonArray awards = new JsonObject(r.body()).getJsonArray("awards");
      ExecutorService pool = Executors.newFixedThreadPool(12);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < awards.size(); i++) {
        IssuerFixture via = i % 2 == 0 ? a : b;
        JsonObject award = awards.getJsonObject(i);
        results.add(pool.submit(() -> via.collect("school-a", award, IssuerFixture.holder())));
      }
      for (Future<String> f : results) {
        assertTrue(f.get().contains("~"));
      }
      pool.shutdown();
      try (Connection c = a.db.connect();
          ResultSet rs =
              c.createStatement()
                  .executeQuery(
                      "SELECT count(*), count(DISTINCT (status_list_id, status_index)),"
                          + " count(DISTINCT status_list_id), max(status_index) FROM issued_credentials")) {
        rs.next();
        assertEquals(CREDENTIALS, rs.getInt(1));
        assertEquals(CREDENTIALS, rs.getInt(2));
        assertEquals((CREDENTIALS + LIST_SIZE - 1) / LIST_SIZE, rs.getInt(3));
        assertTrue(rs.getInt(4) < LIST_SIZE);
      }
    }
  }
}
