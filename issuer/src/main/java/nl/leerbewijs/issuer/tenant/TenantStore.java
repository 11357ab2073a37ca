package nl.leerbewijs.issuer.tenant;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Persistent tenants. Every method takes the {@link SqlClient} to run on (the pool, or a connection
 * inside a transaction) so that a change and its audit entry commit together.
 */
public interface TenantStore {
  /** Inserts a tenant; fails with {@link DuplicateTenantException} when the path is taken. */
  Future<Tenant> create(SqlClient db, NewTenant tenant);

  Future<Optional<Tenant>> findByPath(SqlClient db, String path);

  Future<Optional<Tenant>> findById(SqlClient db, UUID id);

  /** Locks the tenant's row until the transaction ends (serialises key rotation per tenant). */
  Future<Optional<Tenant>> lockByPath(SqlClient db, String path);

  Future<List<Tenant>> list(SqlClient db);
}
