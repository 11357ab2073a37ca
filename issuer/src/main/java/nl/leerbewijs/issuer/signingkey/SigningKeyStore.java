package nl.leerbewijs.issuer.signingkey;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Persistent signing keys. At most one key per tenant is current (a unique index enforces it). */
public interface SigningKeyStore {
  Future<SigningKey> insert(SqlClient db, SigningKey key);

  /** Retires the tenant's current key, if any; returns it. */
  Future<Optional<SigningKey>> retireCurrent(SqlClient db, UUID tenantId);

  Future<Optional<SigningKey>> current(SqlClient db, UUID tenantId);

  /** The ids of every key-encryption key that some stored private key is sealed under. */
  Future<List<String>> kekIdsInUse(SqlClient db);

  /** All keys of a tenant, current first, then retired ones newest first. */
  Future<List<SigningKey>> list(SqlClient db, UUID tenantId);
}
