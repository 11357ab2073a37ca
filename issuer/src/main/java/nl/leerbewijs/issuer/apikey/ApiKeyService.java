package nl.leerbewijs.issuer.apikey;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.leerbewijs.issuer.audit.Actor;
import nl.leerbewijs.issuer.audit.AuditAction;
import nl.leerbewijs.issuer.audit.AuditEntry;
import nl.leerbewijs.issuer.audit.AuditLog;
import nl.leerbewijs.issuer.db.Database;
import nl.leerbewijs.issuer.tenant.TenantNotFoundException;
import nl.leerbewijs.issuer.tenant.TenantStore;

/**
 * Creating, revoking and checking API keys. A key belongs to exactly one tenant; authentication
 * yields that tenant, so a caller can never name another.
 */
public final class ApiKeyService {
  private final Database db;
  private final ApiKeyStore store;
  private final TenantStore tenants;
  private final AuditLog audit;
  private final ApiKeyCache cache;

  public ApiKeyService(Database db, ApiKeyStore store, TenantStore tenants, AuditLog audit) {
    this(db, store, tenants, audit, new ApiKeyCache());
  }

  /** With the cache of authenticated keys (see {@link ApiKeyCache} for how long they live). */
  public ApiKeyService(
      Database db, ApiKeyStore store, TenantStore tenants, AuditLog audit, ApiKeyCache cache) {
    this.db = db;
    this.store = store;
    this.tenants = tenants;
    this.audit = audit;
    this.cache = cache;
  }

  /** A new key with its text, which exists only in this object: show it once. */
  public record CreatedApiKey(ApiKey key, ApiKeyToken token) {}

  /** Why a presented key was refused. */
  public enum Refusal {
    MALFORMED,
    UNKNOWN,
    REVOKED
  }

  /** Authentication failed; {@link #refusal()} says why (safe to tell the key's holder). */
  public static final class AuthenticationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Refusal refusal;

    AuthenticationException(Refusal refusal, String message) {
      super(message);
      this.refusal = refusal;
    }

    public Refusal refusal() {
      return refusal;
    }
  }

  public Future<CreatedApiKey> create(
      String tenantPath, Set<Scope> scopes, String description, Actor actor, String reason) {
    if (scopes.isEmpty()) {
      return Future.failedFuture(
          new IllegalArgumentException("an API key needs at least one scope"));
    }
    ApiKeyToken token = ApiKeyToken.generate();
    return db.inTransaction(
        conn ->
            tenants
                .findByPath(conn, tenantPath)
                .compose(
                    t ->
                        t.isEmpty()
                            ? Future.failedFuture(new TenantNotFoundException(tenantPath))
                            : store.create(conn, t.get().id(), token, scopes, description))
                .compose(
                    key ->
                        audit
                            .append(
                                conn,
                                AuditEntry.of(
                                    key.tenantId(),
                                    actor,
                                    AuditAction.API_KEY_CREATE,
                                    key.id().toString(),
                                    reason,
                                    new JsonObject()
                                        .put("prefix", key.prefix())
                                        .put(
                                            "scopes",
                                            new JsonArray(
                                                key.scopes().stream()
                                                    .map(Scope::code)
                                                    .sorted()
                                                    .toList()))))
                            .map(new CreatedApiKey(key, token))));
  }

  /**
   * Revokes a key by id; fails with {@link IllegalArgumentException} when there is no such key and
   * {@link IllegalStateException} when it was already revoked. This instance refuses the key at
   * once; other processes within {@link ApiKeyCache#TTL_SECONDS} seconds.
   */
  public Future<ApiKey> revoke(UUID keyId, Actor actor, String reason) {
    return db.<ApiKey>inTransaction(
            conn ->
                store
                    .findById(conn, keyId)
                    .compose(
                        k -> {
                          if (k.isEmpty()) {
                            return Future.failedFuture(
                                new IllegalArgumentException("no API key with id " + keyId));
                          }
                          return store
                              .revoke(conn, keyId, reason)
                              .compose(
                                  done ->
                                      done
                                          ? audit.append(
                                              conn,
                                              AuditEntry.of(
                                                  k.get().tenantId(),
                                                  actor,
                                                  AuditAction.API_KEY_REVOKE,
                                                  keyId.toString(),
                                                  reason,
                                                  new JsonObject().put("prefix", k.get().prefix())))
                                          : Future.failedFuture(
                                              new IllegalStateException(
                                                  "API key " + keyId + " is already revoked")))
                              .compose(v -> store.findById(conn, keyId))
                              .map(r -> r.orElseThrow());
                        }))
        .onSuccess(k -> cache.invalidate(keyId));
  }

  public Future<List<ApiKey>> list(String tenantPath) {
    return tenants
        .findByPath(db.pool(), tenantPath)
        .compose(
            t ->
                t.isEmpty()
                    ? Future.failedFuture(new TenantNotFoundException(tenantPath))
                    : store.listByTenant(db.pool(), t.get().id()));
  }

  /**
   * Checks a presented key text: from the cache of recently authenticated keys, else against the
   * database (see {@link ApiKeyCache} for the revocation delay).
   *
   * @return the principal, or a failed future with {@link AuthenticationException}
   */
  public Future<ApiKeyPrincipal> authenticate(String presented) {
    var parsed = ApiKeyToken.parse(presented);
    if (parsed.isEmpty()) {
      return Future.failedFuture(
          new AuthenticationException(
              Refusal.MALFORMED, "the API key is not of the form lbk_<prefix>_<secret>"));
    }
    ApiKeyToken token = parsed.get();
    byte[] hash = token.hash();
    var cached = cache.get(hash);
    if (cached.isPresent()) {
      return Future.succeededFuture(cached.get());
    }
    return store
        .findByPrefix(db.pool(), token.prefix())
        .compose(
            found -> {
              if (found.isEmpty() || !token.matches(found.get().secretHash())) {
                return Future.failedFuture(
                    new AuthenticationException(Refusal.UNKNOWN, "the API key is not valid"));
              }
              ApiKey key = found.get().key();
              if (key.revoked()) {
                return Future.failedFuture(
                    new AuthenticationException(
                        Refusal.REVOKED, "API key " + key.prefix() + " was revoked"));
              }
              return tenants
                  .findById(db.pool(), key.tenantId())
                  .map(
                      t -> {
                        ApiKeyPrincipal p =
                            new ApiKeyPrincipal(key.id(), t.orElseThrow(), key.scopes());
                        cache.put(hash, p);
                        return p;
                      });
            });
  }
}
