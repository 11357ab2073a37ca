package nl.leerbewijs.issuer.status;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import nl.leerbewijs.core.status.StatusList;
import nl.leerbewijs.core.status.StatusListToken;
import nl.leerbewijs.issuer.audit.Actor;
import nl.leerbewijs.issuer.audit.AuditAction;
import nl.leerbewijs.issuer.audit.AuditEntry;
import nl.leerbewijs.issuer.audit.AuditLog;
import nl.leerbewijs.issuer.config.IssuanceSettings;
import nl.leerbewijs.issuer.config.IssuerConfig;
import nl.leerbewijs.issuer.db.Database;
import nl.leerbewijs.issuer.db.Sql;
import nl.leerbewijs.issuer.signingkey.ActiveSigners;

/**
 * A tenant's 2-bit Token Status Lists (draft-ietf-oauth-status-list): random index allocation and
 * the signed status list token.
 *
 * <p>Allocation contract: each list is created with all its indexes in a random order (a random
 * permutation from {@code gen_random_uuid()}) in {@code status_list_free}; an issuance takes the
 * next one with {@code FOR UPDATE SKIP LOCKED} inside its own transaction, so concurrent issuers,
 * on one or several instances, never get the same index and never wait for each other, and an index
 * goes back to the pool when the issuance rolls back. When a list has no free index left a new list
 * is created (in its own transaction; a unique (tenant, list_number) makes concurrent creators
 * agree).
 *
 * <p>Token contract: {@code status_lists.version} is bumped in the transaction that changes a
 * status. A served token is current when it was signed at the current version and is younger than
 * half its validity; otherwise it is re-signed with the tenant's current key from the statuses read
 * after the version, so its content is never older than its version, and stored with a guarded
 * update. Correct with any number of instances.
 */
public final class StatusLists {
  private static final Sql SQL = Sql.load(StatusLists.class, "status.sql");
  private static final int MAX_ATTEMPTS = 8;

  /** Status list bits: valid / invalid / suspended. */
  public static final int BITS = 2;

  private final Database db;
  private final AuditLog audit;
  private final IssuerConfig config;
  private final IssuanceSettings settings;
  private final ActiveSigners signers;

  public StatusLists(Database db, AuditLog audit, IssuerConfig config, ActiveSigners signers) {
    this.db = db;
    this.audit = audit;
    this.config = config;
    this.settings = config.issuance();
    this.signers = signers;
  }

  /** An allocated entry. */
  public record Allocation(UUID listId, int listNumber, int index) {}

  /** The URL of list {@code n} of a tenant (the token's {@code sub}). */
  public String uri(String tenantPath, int listNumber) {
    return config.issuerIdentifier(tenantPath) + "/status/" + listNumber;
  }

  /**
   * The tenant's current list has no free index (or the tenant has no list yet): the caller must
   * roll back its transaction, {@link #createList(UUID, int)} list {@link #nextListNumber()} and
   * try again. Allocation never opens a second connection while the caller holds one, so a pool
   * full of issuances cannot deadlock on list creation.
   */
  public static final class NoFreeIndex extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int nextListNumber;

    NoFreeIndex(int nextListNumber) {
      super("no free status list index; list " + nextListNumber + " is needed", null, false, false);
      this.nextListNumber = nextListNumber;
    }

    public int nextListNumber() {
      return nextListNumber;
    }
  }

  /**
   * Takes a free random index in the tenant's current list, inside {@code conn}'s transaction;
   * fails with {@link NoFreeIndex} when a new list is needed.
   */
  public Future<Allocation> allocate(SqlConnection conn, UUID tenantId) {
    return allocate(conn, tenantId, 0);
  }

  private Future<Allocation> allocate(SqlConnection conn, UUID tenantId, int attempt) {
    return conn.preparedQuery(SQL.get("takeFromCurrent"))
        .execute(Tuple.of(tenantId))
        .compose(
            rows -> {
              if (rows.size() == 0) {
                return Future.failedFuture(new NoFreeIndex(1));
              }
              Row r = rows.iterator().next();
              UUID listId = r.getUUID("id");
              int number = r.getInteger("list_number");
              Integer idx = r.getInteger("idx");
              if (idx != null) {
                return Future.succeededFuture(new Allocation(listId, number, idx));
              }
              if (r.getBoolean("free") && attempt < MAX_ATTEMPTS) {
                // the remaining indexes are held by running issuances: one may roll back
                return allocate(conn, tenantId, attempt + 1);
              }
              return Future.failedFuture(new NoFreeIndex(number + 1));
            });
  }

  /**
   * Creates list {@code number} of a tenant with all indexes free, in its own transaction, unless
   * it exists already (another issuer just created it). Call it while holding no connection.
   */
  public Future<Void> createList(UUID tenantId, int number) {
    return createListTx(tenantId, number);
  }

  private Future<Void> createListTx(UUID tenantId, int number) {
    return db.inTransaction(
        conn ->
            conn.preparedQuery(SQL.get("createList"))
                .execute(Tuple.of(tenantId, number, settings.statusListSize()))
                .compose(
                    rows -> {
                      if (rows.size() == 0) {
                        return Future.succeededFuture();
                      }
                      UUID id = rows.iterator().next().getUUID("id");
                      return conn.preparedQuery(SQL.get("fillFree"))
                          .execute(Tuple.of(id, settings.statusListSize()))
                          .compose(
                              v ->
                                  audit.append(
                                      conn,
                                      AuditEntry.of(
                                          tenantId,
                                          Actor.system(),
                                          AuditAction.STATUS_LIST_CREATE,
                                          Integer.toString(number),
                                          "a new status list (the previous one is full)",
                                          new JsonObject()
                                              .put("size", settings.statusListSize())
                                              .put("bits", BITS))));
                    }));
  }

  /** A signed status list token with its validator. */
  public record Served(String token, String etag) {}

  /** The current token of a list (re-signed when stale); empty when there is no such list. */
  public Future<Optional<Served>> token(String tenantPath, int listNumber) {
    return db.pool()
        .preparedQuery(SQL.get("listForServe"))
        .execute(Tuple.of(tenantPath, listNumber))
        .compose(
            rows -> {
              if (rows.size() == 0) {
                return Future.succeededFuture(Optional.<Served>empty());
              }
              Row l = rows.iterator().next();
              long version = l.getLong("version");
              Long signedVersion = l.getLong("signed_version");
              OffsetDateTime signedAt = l.getOffsetDateTime("signed_at");
              Instant now = Instant.now();
              String token = l.getString("token");
              if (token != null
                  && signedVersion != null
                  && signedVersion == version
                  && signedAt
                      .toInstant()
                      .plusSeconds(settings.statusListValiditySeconds() / 2)
                      .isAfter(now)) {
                return Future.succeededFuture(Optional.of(served(token)));
              }
              return resign(l, tenantPath, listNumber, version, now)
                  .map(t -> Optional.of(served(t)));
            });
  }

  private Future<String> resign(
      Row l, String tenantPath, int listNumber, long version, Instant now) {
    UUID listId = l.getUUID("id");
    UUID tenantId = l.getUUID("tenant_id");
    int size = l.getInteger("size");
    int bits = l.getInteger("bits");
    return db.pool()
        .preparedQuery(SQL.get("nonValid"))
        .execute(Tuple.of(listId))
        .compose(
            rows ->
                signers
                    .current(tenantId)
                    .compose(
                        signer -> {
                          if (signer.isEmpty()) {
                            return Future.failedFuture(
                                new IllegalStateException(
                                    "tenant " + tenantPath + " has no signing key"));
                          }
                          StatusList list = new StatusList(size, bits);
                          for (Row r : rows) {
                            list.set(r.getInteger("status_index"), r.getInteger("status"));
                          }
                          Instant iat = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
                          String token =
                              StatusListToken.builder(uri(tenantPath, listNumber), list)
                                  .keyId(signer.get().kid())
                                  .issuer(config.issuerIdentifier(tenantPath))
                                  .issuedAt(iat)
                                  .expiresAt(iat.plusSeconds(settings.statusListValiditySeconds()))
                                  .ttl(Duration.ofSeconds(settings.statusListTtlSeconds()))
                                  .sign(signer.get().signer());
                          return db.pool()
                              .preparedQuery(SQL.get("storeToken"))
                              .execute(
                                  Tuple.of(listId, token, version, iat.atOffset(ZoneOffset.UTC)))
                              .map(token);
                        }));
  }

  private static Served served(String token) {
    byte[] h = nl.leerbewijs.issuer.oid4vci.Secrets.sha256(token);
    return new Served(
        token, "\"" + nl.leerbewijs.core.json.Base64Url.encode(h).substring(0, 22) + "\"");
  }
}
