package nl.leerbewijs.issuer.apikey;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Persistent API keys: only the SHA-256 of a key's text is stored. */
public interface ApiKeyStore {
  /** A stored key with the hash to compare a presented key against. */
  record StoredApiKey(ApiKey key, byte[] secretHash) {}

  Future<ApiKey> create(
      SqlClient db, UUID tenantId, ApiKeyToken token, Set<Scope> scopes, String description);

  Future<Optional<StoredApiKey>> findByPrefix(SqlClient db, String prefix);

  Future<Optional<ApiKey>> findById(SqlClient db, UUID id);

  /** Marks a key revoked; false when it was already revoked. */
  Future<Boolean> revoke(SqlClient db, UUID id, String reason);

  Future<List<ApiKey>> listByTenant(SqlClient db, UUID tenantId);
}
