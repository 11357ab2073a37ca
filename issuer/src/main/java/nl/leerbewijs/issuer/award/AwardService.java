package nl.leerbewijs.issuer.award;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.issuer.apikey.ApiKeyPrincipal;
import nl.leerbewijs.issuer.audit.AuditAction;
import nl.leerbewijs.issuer.audit.AuditLog;
import nl.leerbewijs.issuer.config.IssuanceSettings;
import nl.leerbewijs.issuer.db.Database;
import nl.leerbewijs.issuer.db.Sql;
import nl.leerbewijs.issuer.http.ProblemException;
import nl.leerbewijs.issuer.oid4vci.OfferSecrets;
import nl.leerbewijs.issuer.oid4vci.Secrets;

/**
 * Stores validated awards with their credential offers, all-or-nothing, in one transaction with
 * their audit entries.
 *
 * <p>Idempotency contract: with an {@code Idempotency-Key}, the request row is inserted with {@code
 * ON CONFLICT DO NOTHING} on the unique (tenant, key); a concurrent retry waits for the first
 * transaction and then finds its row. A retry with the same body (SHA-256 of kind and bytes) gets
 * the awards and offers of the first request, none new; another body with the same key is refused
 * (422 {@code idempotency_key_reused}). A request cut off by a crash never committed, so its retry
 * starts afresh: nothing is lost or duplicated.
 */
public final class AwardService {
  private static final Sql SQL = Sql.load(AwardService.class, "award.sql");

  private final Database db;
  private final AuditLog audit;
  private final OfferSecrets secrets;
  private final IssuanceSettings settings;

  public AwardService(
      Database db, AuditLog audit, OfferSecrets secrets, IssuanceSettings settings) {
    this.db = db;
    this.audit = audit;
    this.secrets = secrets;
    this.settings = settings;
  }

  /** The awards of a request, and whether they are those of an earlier identical request. */
  public record Created(boolean replayed, UUID requestId, List<AwardView> awards) {}

  /** SHA-256 of the request kind and body: two requests are "the same" when these are equal. */
  public static byte[] requestHash(String kind, byte[] body) {
    byte[] k = (kind + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] all = new byte[k.length + body.length];
    System.arraycopy(k, 0, all, 0, k.length);
    System.arraycopy(body, 0, all, k.length, body.length);
    return Secrets.sha256(all);
  }

  public Future<Created> create(
      ApiKeyPrincipal who,
      String kind,
      String idempotencyKey,
      byte[] requestHash,
      List<AwardValidation.Prepared> awards) {
    UUID tenantId = who.tenant().id();
    return db.inTransaction(
        conn ->
            conn.preparedQuery(SQL.get("insertRequest"))
                .execute(
                    Tuple.of(
                        tenantId,
                        who.apiKeyId(),
                        idempotencyKey,
                        Buffer.buffer(requestHash),
                        kind,
                        awards.size(),
                        new JsonObject().put("awards", awards.size())))
                .compose(
                    rows -> {
                      if (rows.size() == 0) {
                        return replay(conn, tenantId, idempotencyKey, kind, requestHash);
                      }
                      Row r = rows.iterator().next();
                      return insert(
                          conn,
                          who,
                          r.getUUID("id"),
                          r.getOffsetDateTime("created_at").toInstant(),
                          awards);
                    }));
  }

  private Future<Created> replay(
      SqlConnection conn, UUID tenantId, String key, String kind, byte[] hash) {
    return conn.preparedQuery(SQL.get("findRequest"))
        .execute(Tuple.of(tenantId, key))
        .compose(
            rows -> {
              Row r = rows.iterator().next();
              if (!kind.equals(r.getString("kind"))
                  || !MessageDigest.isEqual(hash, r.getBuffer("request_hash").getBytes())) {
                return Future.failedFuture(
                    new ProblemException(
                        422,
                        "idempotency_key_reused",
                        "Idempotency key reused",
                        "this Idempotency-Key was used for a different request; use a new key"
                            + " for a new request",
                        List.of()));
              }
              UUID requestId = r.getUUID("id");
              return conn.preparedQuery(SQL.get("requestAwards"))
                  .execute(Tuple.of(requestId))
                  .map(a -> new Created(true, requestId, views(a)));
            });
  }

  static List<AwardView> views(RowSet<Row> rows) {
    List<AwardView> out = new ArrayList<>();
    for (Row a : rows) {
      out.add(
          new AwardView(
              a.getUUID("id"),
              a.getInteger("request_row"),
              a.getString("credential_type"),
              a.getString("learner_reference"),
              a.getOffsetDateTime("created_at").toInstant(),
              a.getUUID("offer_id"),
              a.getOffsetDateTime("expires_at").toInstant(),
              a.getBoolean("tx_code")));
    }
    return out;
  }

  private Future<Created> insert(
      SqlConnection conn,
      ApiKeyPrincipal who,
      UUID requestId,
      Instant createdAt,
      List<AwardValidation.Prepared> awards) {
    int n = awards.size();
    UUID[] ids = new UUID[n];
    Integer[] rows = new Integer[n];
    String[] types = new String[n];
    String[] refs = new String[n];
    String[] claims = new String[n];
    UUID[] offerIds = new UUID[n];
    Buffer[] codeHashes = new Buffer[n];
    String[] references = new String[n];
    Buffer[] txHashes = new Buffer[n];
    List<AwardView> views = new ArrayList<>(n);
    List<String> subjects = new ArrayList<>(n);
    List<JsonObject> details = new ArrayList<>(n);
    Instant expires =
        createdAt
            .plusSeconds(settings.offerTtlSeconds())
            .truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    for (int i = 0; i < n; i++) {
      AwardValidation.Prepared p = awards.get(i);
      ids[i] = UUID.randomUUID();
      rows[i] = p.input().row();
      types[i] = p.input().type().id();
      refs[i] = p.input().learnerReference();
      claims[i] = new String(Json.write(p.claims()), java.nio.charset.StandardCharsets.UTF_8);
      offerIds[i] = UUID.randomUUID();
      codeHashes[i] = Buffer.buffer(Secrets.sha256(secrets.preAuthorizedCode(offerIds[i])));
      references[i] = OfferSecrets.storedReference(secrets.reference(offerIds[i]));
      txHashes[i] =
          p.input().txCode()
              ? Buffer.buffer(secrets.txCodeHash(offerIds[i], secrets.txCode(offerIds[i])))
              : null;
      views.add(
          new AwardView(
              ids[i],
              rows[i],
              types[i],
              refs[i],
              createdAt,
              offerIds[i],
              expires,
              p.input().txCode()));
      subjects.add(ids[i].toString());
      details.add(
          new JsonObject()
              .put("type", types[i])
              .put("request_id", requestId.toString())
              .put("row", rows[i])
              .put("offer_id", offerIds[i].toString())
              .put("tx_code", p.input().txCode()));
    }
    UUID tenantId = who.tenant().id();
    java.time.OffsetDateTime created = createdAt.atOffset(java.time.ZoneOffset.UTC);
    return conn.preparedQuery(SQL.get("insertAwards"))
        .execute(
            Tuple.of(tenantId, requestId, ids, rows, types, refs)
                .addValue(claims)
                .addValue(created))
        .compose(
            v ->
                conn.preparedQuery(SQL.get("insertOffers"))
                    .execute(
                        Tuple.of(tenantId, offerIds, ids, codeHashes, references, txHashes)
                            .addValue((short) OfferSecrets.TX_CODE_LENGTH)
                            .addValue((short) settings.txCodeAttempts())
                            .addValue(expires.atOffset(java.time.ZoneOffset.UTC))))
        .compose(
            v ->
                audit.appendAll(
                    conn, tenantId, who.actor(), AuditAction.AWARD_CREATE, null, subjects, details))
        .map(v -> new Created(false, requestId, views));
  }

  /**
   * A new credential offer for an award whose learner lost (or let expire) the previous one: every
   * earlier offer of the award dies (its code, reference and any access token stop working), a new
   * one is made with the offer lifetime from now. Refused for an unknown award (404), a withdrawn
   * one (409 {@code award_withdrawn}) and one whose credential was already issued (409 {@code
   * award_already_issued}: one credential per award; revoke it and award again). Audited as {@code
   * credential_offer.reissue}.
   *
   * @param txCode whether the new offer has a PIN; null: as the previous offer
   */
  public Future<AwardView> reoffer(
      ApiKeyPrincipal who, UUID awardId, Boolean txCode, String reason) {
    UUID tenantId = who.tenant().id();
    return db.inTransaction(
        conn ->
            conn.preparedQuery(SQL.get("lockAwardForOffer"))
                .execute(Tuple.of(tenantId, awardId))
                .compose(
                    rows -> {
                      if (rows.size() == 0) {
                        throw ProblemException.notFound(
                            "award_not_found", "no award " + awardId + " at this school");
                      }
                      Row a = rows.iterator().next();
                      if (a.getValue("withdrawn_at") != null) {
                        throw ProblemException.conflict(
                            "award_withdrawn", "award " + awardId + " was withdrawn");
                      }
                      if (a.getBoolean("issued")) {
                        throw ProblemException.conflict(
                            "award_already_issued",
                            "the credential of award "
                                + awardId
                                + " was already issued; revoke it and award again");
                      }
                      boolean pin =
                          txCode != null
                              ? txCode
                              : Boolean.TRUE.equals(a.getBoolean("last_tx_code"));
                      return conn.preparedQuery(SQL.get("killOffers"))
                          .execute(Tuple.of(tenantId, awardId))
                          .compose(killed -> newOffer(conn, who, a, pin, killed, reason));
                    }));
  }

  private Future<AwardView> newOffer(
      SqlConnection conn,
      ApiKeyPrincipal who,
      Row award,
      boolean pin,
      RowSet<Row> killed,
      String reason) {
    UUID tenantId = who.tenant().id();
    UUID awardId = award.getUUID("id");
    UUID offerId = UUID.randomUUID();
    Instant expires =
        Instant.now()
            .plusSeconds(settings.offerTtlSeconds())
            .truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    io.vertx.core.json.JsonArray dead = new io.vertx.core.json.JsonArray();
    killed.forEach(r -> dead.add(r.getUUID("id").toString()));
    return conn.preparedQuery(SQL.get("insertOffers"))
        .execute(
            Tuple.of(
                    tenantId,
                    new UUID[] {offerId},
                    new UUID[] {awardId},
                    new Buffer[] {
                      Buffer.buffer(Secrets.sha256(secrets.preAuthorizedCode(offerId)))
                    },
                    new String[] {OfferSecrets.storedReference(secrets.reference(offerId))},
                    new Buffer[] {
                      pin
                          ? Buffer.buffer(secrets.txCodeHash(offerId, secrets.txCode(offerId)))
                          : null
                    })
                .addValue((short) OfferSecrets.TX_CODE_LENGTH)
                .addValue((short) settings.txCodeAttempts())
                .addValue(expires.atOffset(java.time.ZoneOffset.UTC)))
        .compose(
            v ->
                audit.append(
                    conn,
                    nl.leerbewijs.issuer.audit.AuditEntry.of(
                        tenantId,
                        who.actor(),
                        AuditAction.OFFER_REISSUE,
                        offerId.toString(),
                        reason,
                        new JsonObject()
                            .put("award_id", awardId.toString())
                            .put("replaced", dead)
                            .put("tx_code", pin))))
        .map(
            v ->
                new AwardView(
                    awardId,
                    award.getInteger("request_row"),
                    award.getString("credential_type"),
                    award.getString("learner_reference"),
                    award.getOffsetDateTime("created_at").toInstant(),
                    offerId,
                    expires,
                    pin));
  }
}
