package nl.leerbewijs.issuer.oid4vci;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.core.issuance.CredentialIssuer;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.core.vc.SdJwtVcIssuer;
import nl.leerbewijs.core.vc.StatusReference;
import nl.leerbewijs.issuer.audit.Actor;
import nl.leerbewijs.issuer.audit.AuditAction;
import nl.leerbewijs.issuer.audit.AuditEntry;
import nl.leerbewijs.issuer.audit.AuditLog;
import nl.leerbewijs.issuer.config.IssuerConfig;
import nl.leerbewijs.issuer.db.Database;
import nl.leerbewijs.issuer.db.Sql;
import nl.leerbewijs.issuer.signingkey.ActiveSigners;
import nl.leerbewijs.issuer.status.StatusLists;
import nl.leerbewijs.issuer.tenant.Tenant;

/**
 * The OpenID4VCI 1.0 pre-authorized code flow: offers by reference, the token, nonce and credential
 * endpoints.
 *
 * <p>Security contract: the pre-authorized code is single use (its offer row is locked and marked
 * used in the token transaction) and expires with the offer; a wrong PIN counts an attempt
 * (committed even though the request fails) and the offer dies at the limit; the access token (256
 * random bits, stored as SHA-256) is bound to its offer, short-lived and redeemable for one
 * credential (a unique index on {@code issued_credentials.offer_id}; a second credential request
 * gets {@code invalid_token}); a {@code c_nonce} is deleted by the credential transaction that uses
 * it, so it is single use across instances. The credential is bound to the proof's key ({@code
 * cnf.jwk}), signed with the tenant's current key and refers to a random index in the tenant's
 * status list.
 */
public final class Oid4vciService {
  private static final Sql SQL = Sql.load(Oid4vciService.class, "oid4vci.sql");

  private final Database db;
  private final AuditLog audit;
  private final IssuerConfig config;
  private final OfferSecrets secrets;
  private final ActiveSigners signers;
  private final StatusLists statusLists;
  private final Map<String, CredentialIssuer> issuers = new ConcurrentHashMap<>();

  public Oid4vciService(
      Database db,
      AuditLog audit,
      IssuerConfig config,
      OfferSecrets secrets,
      ActiveSigners signers,
      StatusLists statusLists) {
    this.db = db;
    this.audit = audit;
    this.config = config;
    this.secrets = secrets;
    this.signers = signers;
    this.statusLists = statusLists;
  }

  /** An offer found by its reference: id, type, PIN or not; empty when unknown, used or dead. */
  public record OfferRef(UUID offerId, String typeId, boolean txCode) {}

  public Future<Optional<OfferRef>> offerByReference(Tenant t, String reference) {
    return db.pool()
        .preparedQuery(SQL.get("offerByReference"))
        .execute(Tuple.of(t.id(), OfferSecrets.storedReference(reference)))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.empty();
              }
              Row r = rows.iterator().next();
              if (r.getValue("locked_at") != null
                  || r.getOffsetDateTime("expires_at").toInstant().isBefore(Instant.now())) {
                return Optional.empty();
              }
              // a redeemed offer is still served: a wallet may fetch it again; its code is spent
              return Optional.of(
                  new OfferRef(
                      r.getUUID("id"), r.getString("credential_type"), r.getBoolean("tx_code")));
            });
  }

  /** A token response. */
  public record AccessToken(String token, long expiresIn) {}

  private record TokenOutcome(AccessToken token, OAuthError error) {}

  /**
   * Trades a pre-authorized code for an access token. An offer without a PIN that is open is
   * redeemed by one guarded {@code UPDATE} (one round trip, atomic like the locking path); anything
   * else (a PIN, or a code that is unknown, used, dead or expired) takes the locking transaction,
   * which checks the PIN, counts wrong attempts and names the error.
   */
  public Future<AccessToken> token(Tenant t, String code, String txCode) {
    byte[] codeHash = Secrets.sha256(code);
    String accessToken = Secrets.random256();
    long ttl = config.issuance().accessTokenTtlSeconds();
    if (txCode != null) {
      return lockedToken(t, codeHash, txCode, accessToken, ttl);
    }
    return db.pool()
        .preparedQuery(SQL.get("redeemOpen"))
        .execute(
            Tuple.of(
                t.id(),
                Buffer.buffer(codeHash),
                Buffer.buffer(Secrets.sha256(accessToken)),
                Instant.now().plusSeconds(ttl).atOffset(ZoneOffset.UTC)))
        .compose(
            rows ->
                rows.size() == 1
                    ? Future.succeededFuture(new AccessToken(accessToken, ttl))
                    : lockedToken(t, codeHash, null, accessToken, ttl));
  }

  private Future<AccessToken> lockedToken(
      Tenant t, byte[] codeHash, String txCode, String accessToken, long ttl) {
    return db.inTransaction(
            conn ->
                conn.preparedQuery(SQL.get("lockOfferByCode"))
                    .execute(Tuple.of(t.id(), Buffer.buffer(codeHash)))
                    .compose(
                        rows -> {
                          if (rows.size() == 0) {
                            return fail(Oid4vciNames.INVALID_GRANT, "unknown pre-authorized code");
                          }
                          Row o = rows.iterator().next();
                          UUID offerId = o.getUUID("id");
                          if (o.getValue("used_at") != null) {
                            return fail(
                                Oid4vciNames.INVALID_GRANT,
                                "the pre-authorized code was already used");
                          }
                          if (o.getValue("locked_at") != null) {
                            return fail(
                                Oid4vciNames.INVALID_GRANT,
                                "the credential offer is no longer valid");
                          }
                          if (o.getOffsetDateTime("expires_at")
                              .toInstant()
                              .isBefore(Instant.now())) {
                            return fail(
                                Oid4vciNames.INVALID_GRANT, "the pre-authorized code has expired");
                          }
                          Buffer txHash = o.getBuffer("tx_code_hash");
                          if (txHash == null && txCode != null) {
                            return fail(
                                Oid4vciNames.INVALID_REQUEST,
                                "this offer has no tx_code; do not send one");
                          }
                          if (txHash != null && txCode == null) {
                            return fail(
                                Oid4vciNames.INVALID_REQUEST, "this offer requires a tx_code");
                          }
                          if (txHash != null
                              && !secrets.txCodeMatches(offerId, txCode, txHash.getBytes())) {
                            return conn.preparedQuery(SQL.get("countAttempt"))
                                .execute(Tuple.of(offerId))
                                .compose(
                                    c -> {
                                      Row counted = c.iterator().next();
                                      boolean locked = counted.getBoolean("locked");
                                      int left = Math.max(0, counted.getInteger("left"));
                                      Future<Void> a =
                                          locked
                                              ? audit.append(
                                                  conn,
                                                  AuditEntry.of(
                                                      t.id(),
                                                      Actor.system(),
                                                      AuditAction.OFFER_LOCK,
                                                      offerId.toString(),
                                                      "too many wrong tx_code attempts",
                                                      new JsonObject()))
                                              : Future.succeededFuture();
                                      return a.map(
                                          v ->
                                              new TokenOutcome(
                                                  null,
                                                  OAuthError.badRequest(
                                                      Oid4vciNames.INVALID_GRANT,
                                                      locked
                                                          ? "wrong tx_code; too many attempts, the offer is no longer valid"
                                                          : "wrong tx_code; "
                                                              + left
                                                              + " attempts left")));
                                    });
                          }
                          return conn.preparedQuery(SQL.get("redeem"))
                              .execute(
                                  Tuple.of(
                                      offerId,
                                      Buffer.buffer(Secrets.sha256(accessToken)),
                                      Instant.now().plusSeconds(ttl).atOffset(ZoneOffset.UTC)))
                              .map(v -> new TokenOutcome(new AccessToken(accessToken, ttl), null));
                        }))
        .compose(
            out ->
                out.error() != null
                    ? Future.failedFuture(out.error())
                    : Future.succeededFuture(out.token()));
  }

  private static Future<TokenOutcome> fail(String error, String description) {
    return Future.succeededFuture(
        new TokenOutcome(null, OAuthError.badRequest(error, description)));
  }

  /** A fresh {@code c_nonce}, stored (as SHA-256) until it is used or expires. */
  public Future<String> nonce() {
    String nonce = Secrets.random256();
    Instant exp = Instant.now().plusSeconds(config.issuance().nonceTtlSeconds());
    Future<?> purge =
        ThreadLocalRandom.current().nextInt(512) == 0
            ? db.pool().preparedQuery(SQL.get("purgeNonces")).execute()
            : Future.succeededFuture();
    return purge.compose(
        v ->
            db.pool()
                .preparedQuery(SQL.get("insertNonce"))
                .execute(
                    Tuple.of(Buffer.buffer(Secrets.sha256(nonce)), exp.atOffset(ZoneOffset.UTC)))
                .map(nonce));
  }

  /**
   * Issues the credential of the offer that {@code accessToken} was granted for.
   *
   * <p>One transaction: the offer row is locked by its token, the nonce deleted and a status index
   * taken in one pipelined round trip, then the credential is signed and its row and audit entry
   * are written in a second one. The proof is checked (CPU only) before the transaction, but its
   * failure is reported only after the token's, so the errors come in the same order as the checks
   * are listed in the README; any failure rolls everything back (the token, the nonce and the index
   * stay unspent).
   *
   * @param proofJwt the one JWT key proof
   */
  public Future<String> credential(
      Tenant t, String accessToken, String configurationId, String proofJwt) {
    String issuerId = config.issuerIdentifier(t.path());
    ProofVerifier.Proof proof = null;
    OAuthError proofError = null;
    try {
      proof = ProofVerifier.verify(proofJwt, issuerId, Instant.now());
    } catch (OAuthError e) {
      proofError = e;
    }
    ProofVerifier.Proof p = proof;
    OAuthError pe = proofError;
    byte[] tokenHash = Secrets.sha256(accessToken);
    return signers
        .current(t.id())
        .compose(active -> issue(t, tokenHash, configurationId, p, pe, active, 0));
  }

  private Future<String> issue(
      Tenant t,
      byte[] tokenHash,
      String configurationId,
      ProofVerifier.Proof proof,
      OAuthError proofError,
      Optional<ActiveSigners.Active> active,
      int attempt) {
    return db.<String>inTransaction(
            conn -> {
              Future<RowSet<Row>> offerRows =
                  conn.preparedQuery(SQL.get("lockOfferByToken"))
                      .execute(Tuple.of(t.id(), Buffer.buffer(tokenHash)));
              Future<RowSet<Row>> nonceRows =
                  proof == null
                      ? Future.succeededFuture()
                      : conn.preparedQuery(SQL.get("consumeNonce"))
                          .execute(Tuple.of(Buffer.buffer(Secrets.sha256(proof.nonce()))));
              Future<StatusLists.Allocation> allocation =
                  proof == null || active.isEmpty()
                      ? Future.succeededFuture()
                      : statusLists.allocate(conn, t.id());
              return Future.all(offerRows, nonceRows, allocation)
                  .compose(
                      all -> {
                        Row o = checkOffer(t, offerRows.result(), configurationId);
                        if (proofError != null) {
                          throw proofError;
                        }
                        if (nonceRows.result().size() == 0) {
                          throw OAuthError.badRequest(
                              Oid4vciNames.INVALID_NONCE,
                              "the proof's nonce is unknown, used or expired; get a new c_nonce");
                        }
                        if (active.isEmpty()) {
                          throw OAuthError.badRequest(
                              Oid4vciNames.CREDENTIAL_REQUEST_DENIED,
                              "the issuer has no signing key yet");
                        }
                        return store(conn, t, o, proof, active.get(), allocation.result());
                      });
            })
        .recover(
            e -> {
              if (e instanceof StatusLists.NoFreeIndex && attempt < 3) {
                // the transaction rolled back (nonce and offer untouched): new list, then again
                return statusLists
                    .createList(t.id(), ((StatusLists.NoFreeIndex) e).nextListNumber())
                    .compose(
                        v ->
                            issue(
                                t,
                                tokenHash,
                                configurationId,
                                proof,
                                proofError,
                                active,
                                attempt + 1));
              }
              if (e instanceof PgException
                  && "23505".equals(((PgException) e).getSqlState())
                  && String.valueOf(((PgException) e).getConstraint()).contains("one_per_offer")) {
                return Future.failedFuture(
                    OAuthError.invalidToken(
                        "the access token was already used for its credential"));
              }
              return Future.failedFuture(e);
            });
  }

  /** The locked offer row of an access token, or the OAuth error that the token earns. */
  private static Row checkOffer(Tenant t, RowSet<Row> rows, String configurationId) {
    if (rows.size() == 0) {
      throw OAuthError.invalidToken("unknown access token");
    }
    Row o = rows.iterator().next();
    if (o.getOffsetDateTime("access_token_expires_at").toInstant().isBefore(Instant.now())) {
      throw OAuthError.invalidToken("the access token has expired");
    }
    if (o.getBoolean("issued")) {
      throw OAuthError.invalidToken("the access token was already used for its credential");
    }
    if (o.getValue("locked_at") != null) {
      throw OAuthError.badRequest(
          Oid4vciNames.CREDENTIAL_REQUEST_DENIED,
          "the offer is no longer valid (the award was withdrawn or re-offered)");
    }
    String type = o.getString("credential_type");
    if (!t.credentialTypes().contains(configurationId)
        || CredentialType.fromId(configurationId).isEmpty()) {
      throw OAuthError.badRequest(
          Oid4vciNames.UNKNOWN_CREDENTIAL_CONFIGURATION,
          "unknown credential_configuration_id '" + truncate(configurationId) + "'");
    }
    if (!type.equals(configurationId)) {
      throw OAuthError.badRequest(
          Oid4vciNames.INVALID_CREDENTIAL_REQUEST,
          "the access token is for credential configuration '" + type + "'");
    }
    return o;
  }

  /** Signs the credential and writes its row and audit entry (pipelined) in {@code conn}. */
  private Future<String> store(
      SqlConnection conn,
      Tenant t,
      Row offer,
      ProofVerifier.Proof proof,
      ActiveSigners.Active key,
      StatusLists.Allocation alloc) {
    UUID offerId = offer.getUUID("id");
    UUID awardId = offer.getUUID("award_id");
    CredentialType type = CredentialType.fromId(offer.getString("credential_type")).orElseThrow();
    ObjectNode claims =
        Json.parseObject(
            offer.getString("claims").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String issuerId = config.issuerIdentifier(t.path());
    CredentialIssuer issuer =
        issuers.computeIfAbsent(
            t.id() + "|" + key.kid(),
            k ->
                new CredentialIssuer(
                    SdJwtVcIssuer.builder(key.signer(), issuerId).kid(key.kid()).build()));
    int days = config.issuance().credentialValidityDays();
    UUID credentialId = UUID.randomUUID();
    Instant exp = days > 0 ? Instant.now().plusSeconds(days * 86400L) : null;
    String sdJwt =
        issuer.issue(
            type,
            claims,
            proof.holderKey(),
            new StatusReference(alloc.index(), statusLists.uri(t.path(), alloc.listNumber())),
            exp);
    String jwt = sdJwt.substring(0, sdJwt.indexOf('~'));
    Future<RowSet<Row>> row =
        conn.preparedQuery(SQL.get("insertIssued"))
            .execute(
                Tuple.of(credentialId, t.id(), awardId, offerId, key.keyId(), alloc.listId())
                    .addValue(alloc.index())
                    .addValue(EcKeys.thumbprint(proof.holderKey()))
                    .addValue(Buffer.buffer(Secrets.sha256(jwt))));
    Future<Void> audited =
        audit.append(
            conn,
            AuditEntry.of(
                t.id(),
                Actor.system(),
                AuditAction.CREDENTIAL_ISSUE,
                credentialId.toString(),
                null,
                new JsonObject()
                    .put("award_id", awardId.toString())
                    .put("offer_id", offerId.toString())
                    .put("kid", key.kid())
                    .put("status_list", alloc.listNumber())
                    .put("idx", alloc.index())));
    return Future.all(row, audited).map(sdJwt);
  }

  private static String truncate(String s) {
    return s == null ? "" : s.length() > 64 ? s.substring(0, 64) : s;
  }
}
