package nl.leerbewijs.issuer.audit;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import nl.leerbewijs.issuer.apikey.Scope;
import nl.leerbewijs.issuer.db.Database;
import nl.leerbewijs.issuer.http.ApiGuard;
import nl.leerbewijs.issuer.http.ProblemException;

/**
 * {@code GET /api/v1/tenants/:tenant/audit-log?limit=&before=} (scope {@code admin}): the tenant's
 * audit entries, newest first, paged by id ({@code next_before} for the next page).
 */
public final class AuditRoutes {
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;

  private final ApiGuard guard;
  private final Database db;
  private final AuditLog audit;

  public AuditRoutes(ApiGuard guard, Database db, AuditLog audit) {
    this.guard = guard;
    this.db = db;
    this.audit = audit;
  }

  public void addRoutes(Router router) {
    router
        .get("/api/v1/tenants/:tenant/audit-log")
        .handler(guard.require(Scope.ADMIN))
        .handler(this::list);
    router
        .get("/api/v1/tenants/:tenant/audit-log/export")
        .handler(guard.require(Scope.ADMIN))
        .handler(this::export);
  }

  /** All entries (or those after {@code ?after=<id>}), oldest first, as JSON lines. */
  private void export(RoutingContext ctx) {
    long after = queryNumber(ctx, "after", 0, 0, Long.MAX_VALUE);
    ctx.response()
        .setChunked(true)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/x-ndjson")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .putHeader("Content-Disposition", "attachment; filename=\"audit-log.jsonl\"");
    page(ctx, ApiGuard.principal(ctx).tenant().id(), after);
  }

  private void page(RoutingContext ctx, java.util.UUID tenantId, long after) {
    audit
        .export(db.pool(), tenantId, after, MAX_LIMIT)
        .onFailure(e -> ctx.response().reset())
        .onSuccess(
            entries -> {
              StringBuilder out = new StringBuilder();
              for (AuditEntry e : entries) {
                out.append(toJson(e).encode()).append('\n');
              }
              if (entries.size() < MAX_LIMIT) {
                ctx.response().end(out.toString());
              } else {
                ctx.response()
                    .write(out.toString())
                    .onSuccess(v -> page(ctx, tenantId, entries.get(entries.size() - 1).id()))
                    .onFailure(e -> ctx.response().reset());
              }
            });
  }

  private static JsonObject toJson(AuditEntry e) {
    return new JsonObject()
        .put("id", e.id())
        .put("at", e.at().toString())
        .put(
            "actor",
            new JsonObject().put("type", e.actor().type().code()).put("id", e.actor().id()))
        .put("action", e.action())
        .put("subject", e.subject())
        .put("reason", e.reason())
        .put("details", e.details());
  }

  private void list(RoutingContext ctx) {
    int limit = (int) queryNumber(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    long before = queryNumber(ctx, "before", Long.MAX_VALUE, 1, Long.MAX_VALUE);
    audit
        .list(db.pool(), ApiGuard.principal(ctx).tenant().id(), before, limit)
        .onFailure(ctx::fail)
        .onSuccess(
            entries -> {
              JsonArray out = new JsonArray();
              for (AuditEntry e : entries) {
                out.add(
                    new JsonObject()
                        .put("id", e.id())
                        .put("at", e.at().toString())
                        .put(
                            "actor",
                            new JsonObject()
                                .put("type", e.actor().type().code())
                                .put("id", e.actor().id()))
                        .put("action", e.action())
                        .put("subject", e.subject())
                        .put("reason", e.reason())
                        .put("details", e.details()));
              }
              JsonObject body = new JsonObject().put("entries", out);
              if (entries.size() == limit) {
                body.put("next_before", entries.get(entries.size() - 1).id());
              }
              ctx.response()
                  .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                  .end(body.encode());
            });
  }

  private static long queryNumber(RoutingContext ctx, String name, long dflt, long min, long max) {
    List<String> v = ctx.queryParam(name);
    if (v.isEmpty()) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v.get(0));
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw ProblemException.invalid(
        "query parameter '" + name + "' must be a number from " + min + " to " + max,
        List.of(
            new ProblemException.FieldError(
                "/" + name, "out_of_range", "from " + min + " to " + max)));
  }
}
