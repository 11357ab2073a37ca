package nl.leerbewijs.issuer.tenant;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import nl.leerbewijs.issuer.db.Database;

/**
 * Tenants by path for the public OpenID4VCI and status endpoints, cached for {@link #TTL_MILLIS}
 * (tenants change rarely: a new allowed type shows up within seconds).
 */
public final class TenantCache {
  public static final long TTL_MILLIS = 10_000;

  private record Entry(Optional<Tenant> tenant, long at) {}

  private final Database db;
  private final TenantStore store;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  public TenantCache(Database db, TenantStore store) {
    this.db = db;
    this.store = store;
  }

  public Future<Optional<Tenant>> byPath(String path) {
    if (path == null || !NewTenant.PATH.matcher(path).matches()) {
      return Future.succeededFuture(Optional.empty());
    }
    long now = System.currentTimeMillis();
    Entry e = cache.get(path);
    if (e != null && now - e.at() < TTL_MILLIS) {
      return Future.succeededFuture(e.tenant());
    }
    return store
        .findByPath(db.pool(), path)
        .map(
            t -> {
              if (cache.size() > 10_000) {
                cache.clear();
              }
              cache.put(path, new Entry(t, now));
              return t;
            });
  }
}
