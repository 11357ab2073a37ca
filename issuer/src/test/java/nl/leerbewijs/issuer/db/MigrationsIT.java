package nl.leerbewijs.issuer.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import nl.leerbewijs.issuer.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MigrationsIT {
  private static TestDatabase db;

  @BeforeAll
  static void createDatabase() {
    db = TestDatabase.create("migrations");
  }

  @AfterAll
  static void dropDatabase() {
    db.close();
  }

  @Test
  void migrate_emptyThenAgain_appliesOnceThenNothing() throws Exception {
    assertTrue(Migrations.migrate(db.url()) >= 1);
    assertEquals(0, Migrations.migrate(db.url()));
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN"
                    + " ('tenants','api_keys','signing_keys','award_requests','awards','credential_offers',"
                    + "'nonces','status_lists','issued_credentials','audit_log')")) {
      rs.next();
      assertEquals(10, rs.getInt(1));
    }
  }

  @Test
  void auditLog_updateDeleteTruncate_refusedByDatabase() throws Exception {
    Migrations.migrate(db.url());
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO audit_log (actor_type, actor_id, action, reason) VALUES ('admin', 'root', 'test.append', 'x')");
      SQLException update =
          assertThrows(
              SQLException.class, () -> s.execute("UPDATE audit_log SET reason = 'rewritten'"));
      assertEquals("42501", update.getSQLState());
      SQLException delete =
          assertThrows(SQLException.class, () -> s.execute("DELETE FROM audit_log"));
      assertEquals("42501", delete.getSQLState());
      SQLException truncate =
          assertThrows(SQLException.class, () -> s.execute("TRUNCATE audit_log"));
      assertEquals("42501", truncate.getSQLState());
    }
  }

  @Test
  void signingKeys_twoCurrentForOneTenant_refused() throws Exception {
    Migrations.migrate(db.url());
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO tenants (path, name) VALUES ('two-current', 'T')");
      String insert =
          "INSERT INTO signing_keys (tenant_id, kid, alg, public_jwk, private_key_ciphertext, private_key_nonce,"
              + " kek_id, status) SELECT id, '%s', 'ES256', '{\"kty\":\"EC\"}', '\\x00', '\\x000000000000000000000000',"
              + " '0123456789abcdef', 'current' FROM tenants WHERE path = 'two-current'";
      s.execute(String.format(insert, "k1"));
      SQLException e =
          assertThrows(SQLException.class, () -> s.execute(String.format(insert, "k2")));
      assertEquals("23505", e.getSQLState());
    }
  }

  @Test
  void signingKeys_publicJwkWithPrivateMember_refused() throws Exception {
    Migrations.migrate(db.url());
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO tenants (path, name) VALUES ('jwk-d', 'T')");
      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  s.execute(
                      "INSERT INTO signing_keys (tenant_id, kid, alg, public_jwk, private_key_ciphertext,"
                          + " private_key_nonce, kek_id, status) SELECT id, 'k', 'ES256', '{\"d\":\"x\"}', '\\x00',"
                          + " '\\x000000000000000000000000', '0123456789abcdef', 'current' FROM tenants WHERE"
                          + " path = 'jwk-d'"));
      assertEquals("23514", e.getSQLState());
    }
  }
}
