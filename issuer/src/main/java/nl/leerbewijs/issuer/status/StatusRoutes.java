package nl.leerbewijs.issuer.status;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import nl.leerbewijs.issuer.apikey.Scope;
import nl.leerbewijs.issuer.award.AwardRoutes;
import nl.leerbewijs.issuer.config.IssuerConfig;
import nl.leerbewijs.issuer.db.Database;
import nl.leerbewijs.issuer.db.Sql;
import nl.leerbewijs.issuer.http.ApiGuard;
import nl.leerbewijs.issuer.http.JsonBodies;
import nl.leerbewijs.issuer.http.ProblemException;
import nl.leerbewijs.issuer.tenant.NewTenant;

/**
 * Status list tokens ({@code GET /t/:tenant/status/:n}, public, {@code application/statuslist+jwt}
 * with {@code Cache-Control: max-age=<ttl>} and an ETag) and the school's revocation API (scope
 * {@code revoke}): revoke, suspend, reinstate a credential, withdraw an award.
 */
public final class StatusRoutes {
  /** Media type of status list tokens. */
  public static final String STATUSLIST_JWT = "application/statuslist+jwt";

  private static final Sql SQL = Sql.load(StatusLists.class, "status.sql");
  private static final int MAX_REASON = 1000;

  private final ApiGuard guard;
  private final IssuerConfig config;
  private final Database db;
  private final StatusLists lists;
  private final StatusService service;

  public StatusRoutes(
      ApiGuard guard, IssuerConfig config, Database db, StatusLists lists, StatusService service) {
    this.guard = guard;
    this.config = config;
    this.db = db;
    this.lists = lists;
    this.service = service;
  }

  public void addRoutes(Router router) {
    router.get("/t/:tenant/status/:n").handler(this::token);
    String creds = "/api/v1/tenants/:tenant/credentials";
    router.get(creds).handler(guard.authenticated()).handler(this::list);
    router.get(creds + "/:id").handler(guard.authenticated()).handler(this::list);
    for (StatusChange c : StatusChange.values()) {
      router
          .post(creds + "/:id/" + c.name().toLowerCase(java.util.Locale.ROOT))
          .handler(guard.jsonBody())
          .handler(guard.require(Scope.REVOKE))
          .handler(ctx -> change(ctx, c));
    }
    router
        .post("/api/v1/tenants/:tenant/awards/:id/withdraw")
        .handler(guard.jsonBody())
        .handler(guard.require(Scope.REVOKE))
        .handler(this::withdraw);
  }

  private void token(RoutingContext ctx) {
    String tenant = ctx.pathParam("tenant");
    int n;
    try {
      n = Integer.parseInt(ctx.pathParam("n"));
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (!NewTenant.PATH.matcher(tenant).matches() || n < 1) {
      ctx.fail(ProblemException.notFound("status_list_not_found", "no such status list"));
      return;
    }
    lists
        .token(tenant, n)
        .onFailure(ctx::fail)
        .onSuccess(
            served -> {
              if (served.isEmpty()) {
                ctx.fail(ProblemException.notFound("status_list_not_found", "no such status list"));
                return;
              }
              String etag = served.get().etag();
              ctx.response()
                  .putHeader(
                      HttpHeaders.CACHE_CONTROL,
                      "public, max-age=" + config.issuance().statusListTtlSeconds())
                  .putHeader(HttpHeaders.ETAG, etag);
              if (etag.equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
                ctx.response().setStatusCode(304).end();
                return;
              }
              ctx.response()
                  .putHeader(HttpHeaders.CONTENT_TYPE, STATUSLIST_JWT)
                  .end(served.get().token());
            });
  }

  private void change(RoutingContext ctx, StatusChange change) {
    String reason = JsonBodies.requiredString(JsonBodies.object(ctx), "reason", MAX_REASON);
    UUID id = AwardRoutes.uuid(ctx.pathParam("id"));
    service
        .change(ApiGuard.principal(ctx), id, change, reason)
        .onFailure(ctx::fail)
        .onSuccess(
            c ->
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(
                        new JsonObject()
                            .put("id", c.credentialId().toString())
                            .put("status", AwardRoutes.statusName(c.status()))
                            .put("reason", c.reason())
                            .encode()));
  }

  private void withdraw(RoutingContext ctx) {
    String reason = JsonBodies.requiredString(JsonBodies.object(ctx), "reason", MAX_REASON);
    UUID id = AwardRoutes.uuid(ctx.pathParam("id"));
    service
        .withdraw(ApiGuard.principal(ctx), id, reason)
        .onFailure(ctx::fail)
        .onSuccess(
            revoked -> {
              JsonArray ids = new JsonArray();
              revoked.forEach(r -> ids.add(r.toString()));
              ctx.response()
                  .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                  .end(
                      new JsonObject()
                          .put("id", id.toString())
                          .put("withdrawn", true)
                          .put("revoked_credentials", ids)
                          .encode());
            });
  }

  private void list(RoutingContext ctx) {
    var t = ApiGuard.principal(ctx).tenant();
    String idParam = ctx.pathParam("id");
    UUID id = idParam == null ? null : AwardRoutes.uuid(idParam);
    db.pool()
        .preparedQuery(SQL.get("listCredentials"))
        .execute(Tuple.of(t.id(), id, 1000, 0))
        .onFailure(ctx::fail)
        .onSuccess(
            rows -> {
              JsonArray arr = new JsonArray();
              for (Row c : rows) {
                arr.add(
                    new JsonObject()
                        .put("id", c.getUUID("id").toString())
                        .put("award_id", c.getUUID("award_id").toString())
                        .put("status", AwardRoutes.statusName(c.getInteger("status")))
                        .put("status_reason", c.getString("status_reason"))
                        .put("issued_at", c.getOffsetDateTime("issued_at").toInstant().toString())
                        .put("kid", c.getString("kid"))
                        .put(
                            "status_list",
                            new JsonObject()
                                .put("uri", lists.uri(t.path(), c.getInteger("list_number")))
                                .put("idx", c.getInteger("status_index"))));
              }
              if (id != null && arr.isEmpty()) {
                ctx.fail(
                    ProblemException.notFound(
                        "credential_not_found", "no issued credential " + id + " at this school"));
                return;
              }
              ctx.response()
                  .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                  .end(
                      id != null
                          ? arr.getJsonObject(0).encode()
                          : new JsonObject().put("credentials", arr).encode());
            });
  }
}
