package nl.leerbewijs.issuer.signingkey;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.issuer.audit.Actor;
import nl.leerbewijs.issuer.audit.AuditAction;
import nl.leerbewijs.issuer.audit.AuditEntry;
import nl.leerbewijs.issuer.audit.AuditLog;
import nl.leerbewijs.issuer.db.Database;
import nl.leerbewijs.issuer.tenant.Tenant;
import nl.leerbewijs.issuer.tenant.TenantNotFoundException;
import nl.leerbewijs.issuer.tenant.TenantStore;

/**
 * A tenant's signing keys: generation, rotation and unlocking for signing.
 *
 * <p>Security contract: private keys are generated with core's JCA provider and leave this class
 * only sealed under the KEK (AES-256-GCM, bound to tenant and kid) or as an {@link
 * UnlockedSigningKey} in memory. Rotation retires the current key but keeps it published, so
 * credentials signed earlier still verify. Key operations of one tenant are serialised by locking
 * the tenant's row.
 */
public final class SigningKeyService {
  private final Database db;
  private final SigningKeyStore store;
  private final TenantStore tenants;
  private final AuditLog audit;
  private final KeyEncryptionKey kek;

  public SigningKeyService(
      Database db,
      SigningKeyStore store,
      TenantStore tenants,
      AuditLog audit,
      KeyEncryptionKey kek) {
    this.db = db;
    this.store = store;
    this.tenants = tenants;
    this.audit = audit;
    this.kek = kek;
  }

  /**
   * Generates the tenant's first ES256 key. Fails with {@link IllegalStateException} when the
   * tenant already has a current key (use {@link #rotate}).
   */
  public Future<SigningKey> generate(String tenantPath, Actor actor, String reason) {
    return db.inTransaction(
        conn ->
            lock(conn, tenantPath)
                .compose(
                    t ->
                        store
                            .current(conn, t.id())
                            .compose(
                                cur ->
                                    cur.isPresent()
                                        ? Future.failedFuture(
                                            new IllegalStateException(
                                                "tenant '"
                                                    + tenantPath
                                                    + "' already has current key "
                                                    + cur.get().kid()
                                                    + "; use rotate"))
                                        : insertNew(
                                            conn,
                                            t,
                                            actor,
                                            reason,
                                            AuditAction.SIGNING_KEY_GENERATE,
                                            null))));
  }

  /** Makes a new ES256 key current and retires the previous one (which stays published). */
  public Future<SigningKey> rotate(String tenantPath, Actor actor, String reason) {
    return db.inTransaction(
        conn ->
            lock(conn, tenantPath)
                .compose(
                    t ->
                        store
                            .retireCurrent(conn, t.id())
                            .compose(
                                old ->
                                    insertNew(
                                        conn,
                                        t,
                                        actor,
                                        reason,
                                        AuditAction.SIGNING_KEY_ROTATE,
                                        old.map(SigningKey::kid).orElse(null)))));
  }

  /**
   * Fails (with {@link KeyDecryptionException}) when stored private keys are sealed under a KEK
   * other than the configured one, so that a lost or changed {@code LEERBEWIJS_KEK} is reported at
   * start rather than at the first signature.
   */
  public Future<Void> checkKek() {
    return store
        .kekIdsInUse(db.pool())
        .compose(
            ids -> {
              List<String> other = ids.stream().filter(id -> !id.equals(kek.id())).toList();
              return other.isEmpty()
                  ? Future.succeededFuture()
                  : Future.failedFuture(
                      new KeyDecryptionException(
                          "stored signing keys are encrypted under key-encryption key(s) "
                              + other
                              + " but the configured LEERBEWIJS_KEK is "
                              + kek.id()
                              + "; configure the KEK they were created with"));
            });
  }

  /** The tenant and all its keys (current first), for publication and listing. */
  public Future<TenantKeys> list(String tenantPath) {
    return tenants
        .findByPath(db.pool(), tenantPath)
        .compose(
            t ->
                t.isEmpty()
                    ? Future.failedFuture(new TenantNotFoundException(tenantPath))
                    : store
                        .list(db.pool(), t.get().id())
                        .map(keys -> new TenantKeys(t.get(), keys)));
  }

  /** A tenant with its keys. */
  public record TenantKeys(Tenant tenant, List<SigningKey> keys) {}

  /**
   * Decrypts the tenant's current key for signing; empty when it has none.
   *
   * @throws KeyDecryptionException (as the future's failure) when the KEK is wrong
   */
  public Future<Optional<UnlockedSigningKey>> unlockCurrent(UUID tenantId) {
    return store.current(db.pool(), tenantId).map(k -> k.map(this::unlock));
  }

  /** The current key's row id with the key decrypted; empty when the tenant has none. */
  public Future<Optional<CurrentKey>> unlockCurrentWithId(UUID tenantId) {
    return store
        .current(db.pool(), tenantId)
        .map(k -> k.map(key -> new CurrentKey(key.id(), unlock(key))));
  }

  /** A tenant's current key: its row id (for {@code issued_credentials}) and the unlocked key. */
  public record CurrentKey(UUID id, UnlockedSigningKey key) {}

  /** Decrypts one stored key. */
  public UnlockedSigningKey unlock(SigningKey k) {
    byte[] pkcs8 =
        kek.open(
            k.sealedPrivateKey(),
            SigningKey.aad(k.tenantId(), k.kid()),
            "signing key " + k.kid() + " of tenant " + k.tenantId());
    try {
      return new UnlockedSigningKey(k.kid(), k.alg(), privateKeyFromPkcs8(pkcs8), k.x5c());
    } finally {
      java.util.Arrays.fill(pkcs8, (byte) 0);
    }
  }

  private Future<Tenant> lock(SqlConnection conn, String tenantPath) {
    return tenants
        .lockByPath(conn, tenantPath)
        .compose(
            t ->
                t.isPresent()
                    ? Future.succeededFuture(t.get())
                    : Future.failedFuture(new TenantNotFoundException(tenantPath)));
  }

  private Future<SigningKey> insertNew(
      SqlConnection conn, Tenant t, Actor actor, String reason, String action, String retiredKid) {
    KeyPair pair = EcKeys.generateP256();
    return insertKey(
        conn,
        t,
        actor,
        reason,
        action,
        retiredKid,
        (ECPublicKey) pair.getPublic(),
        pair.getPrivate(),
        List.of());
  }

  private Future<SigningKey> insertKey(
      SqlConnection conn,
      Tenant t,
      Actor actor,
      String reason,
      String action,
      String retiredKid,
      ECPublicKey pub,
      PrivateKey priv,
      List<String> x5c) {
    String kid = EcKeys.thumbprint(pub);
    JsonObject jwk =
        new JsonObject(
            new String(
                nl.leerbewijs.core.json.Json.write(EcKeys.toPublicJwk(pub, kid)),
                java.nio.charset.StandardCharsets.UTF_8));
    byte[] pkcs8 = priv.getEncoded();
    KeyEncryptionKey.Sealed sealed;
    try {
      sealed = kek.seal(pkcs8, SigningKey.aad(t.id(), kid));
    } finally {
      java.util.Arrays.fill(pkcs8, (byte) 0);
    }
    SigningKey key =
        new SigningKey(
            null,
            t.id(),
            kid,
            EcKeys.ES256,
            jwk,
            sealed,
            x5c,
            SigningKey.Status.CURRENT,
            null,
            null);
    JsonObject details = new JsonObject().put("alg", EcKeys.ES256).put("kek_id", kek.id());
    if (retiredKid != null) {
      details.put("retired_kid", retiredKid);
    }
    if (!x5c.isEmpty()) {
      details.put("x5c_length", x5c.size());
    }
    return store
        .insert(conn, key)
        .compose(
            k ->
                audit
                    .append(conn, AuditEntry.of(t.id(), actor, action, kid, reason, details))
                    .map(k));
  }

  /**
   * Imports a key (read with core's {@code KeyLoader} from PEM, JWK or PKCS#12, with its optional
   * certificate chain) as the tenant's current key; a current key is retired but stays published.
   * Fails with {@link IllegalStateException} when the tenant already has this key.
   */
  public Future<SigningKey> importKey(
      String tenantPath, nl.leerbewijs.core.keys.SigningKey imported, Actor actor, String reason) {
    return db.inTransaction(
        conn ->
            lock(conn, tenantPath)
                .compose(
                    t ->
                        store
                            .list(conn, t.id())
                            .compose(
                                existing -> {
                                  if (existing.stream()
                                      .anyMatch(k -> k.kid().equals(imported.kid()))) {
                                    return Future.failedFuture(
                                        new IllegalStateException(
                                            "tenant '"
                                                + tenantPath
                                                + "' already has key "
                                                + imported.kid()));
                                  }
                                  return store
                                      .retireCurrent(conn, t.id())
                                      .compose(
                                          old ->
                                              insertKey(
                                                  conn,
                                                  t,
                                                  actor,
                                                  reason,
                                                  AuditAction.SIGNING_KEY_IMPORT,
                                                  old.map(SigningKey::kid).orElse(null),
                                                  imported.issuerKey().publicKey(),
                                                  imported.privateKey(),
                                                  imported.issuerKey().x5c()));
                                })));
  }

  private static PrivateKey privateKeyFromPkcs8(byte[] der) {
    try {
      return KeyFactory.getInstance("EC", CryptoProvider.get())
          .generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new KeyDecryptionException("stored private key is not a valid PKCS#8 EC key");
    }
  }
}
