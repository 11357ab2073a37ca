package nl.leerbewijs.issuer.tenant;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import nl.leerbewijs.issuer.audit.Actor;
import nl.leerbewijs.issuer.audit.AuditAction;
import nl.leerbewijs.issuer.audit.AuditEntry;
import nl.leerbewijs.issuer.audit.AuditLog;
import nl.leerbewijs.issuer.db.Database;

/** Creating and finding tenants; every change is audited in the same transaction. */
public final class TenantService {
  private final Database db;
  private final TenantStore store;
  private final AuditLog audit;

  public TenantService(Database db, TenantStore store, AuditLog audit) {
    this.db = db;
    this.store = store;
    this.audit = audit;
  }

  public Future<Tenant> create(NewTenant tenant, Actor actor, String reason) {
    return db.inTransaction(
        conn ->
            store
                .create(conn, tenant)
                .compose(
                    t ->
                        audit
                            .append(
                                conn,
                                AuditEntry.of(
                                    t.id(),
                                    actor,
                                    AuditAction.TENANT_CREATE,
                                    t.path(),
                                    reason,
                                    new JsonObject()
                                        .put("name", t.name())
                                        .put("credential_types", t.credentialTypes())))
                            .map(t)));
  }

  public Future<Optional<Tenant>> findByPath(String path) {
    return store.findByPath(db.pool(), path);
  }

  /** The tenant with this path, or a failed future with {@link TenantNotFoundException}. */
  public Future<Tenant> require(String path) {
    return findByPath(path)
        .compose(
            t ->
                t.isPresent()
                    ? Future.succeededFuture(t.get())
                    : Future.failedFuture(new TenantNotFoundException(path)));
  }

  public Future<List<Tenant>> list() {
    return store.list(db.pool());
  }
}
