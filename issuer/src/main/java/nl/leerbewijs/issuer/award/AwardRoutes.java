package nl.leerbewijs.issuer.award;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.issuer.apikey.ApiKeyPrincipal;
import nl.leerbewijs.issuer.apikey.Scope;
import nl.leerbewijs.issuer.config.IssuerConfig;
import nl.leerbewijs.issuer.db.Database;
import nl.leerbewijs.issuer.db.Sql;
import nl.leerbewijs.issuer.http.ApiGuard;
import nl.leerbewijs.issuer.http.ProblemException;
import nl.leerbewijs.issuer.oid4vci.CredentialOffers;
import nl.leerbewijs.issuer.tenant.Tenant;

/**
 * The school's awarding API under {@code /api/v1/tenants/:tenant/awards} (scope {@code issue}): one
 * award (JSON object), a batch (JSON array) or a CSV upload; listing, search and fetch. A request
 * is all-or-nothing: one bad row rejects the whole request with a 422 naming every bad row, field
 * and expectation, so a corrected retry is simple. See {@link AwardService} for {@code
 * Idempotency-Key}.
 */
public final class AwardRoutes {
  /** Header making a retried award request return the first result. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private static final Sql SQL = Sql.load(AwardService.class, "award.sql");
  private static final java.util.regex.Pattern KEY =
      java.util.regex.Pattern.compile("^[\\x21-\\x7e]{1,255}$");

  private final ApiGuard guard;
  private final IssuerConfig config;
  private final Database db;
  private final AwardService service;
  private final AwardValidation validation;
  private final CredentialOffers offers;

  public AwardRoutes(
      ApiGuard guard,
      IssuerConfig config,
      Database db,
      AwardService service,
      AwardValidation validation,
      CredentialOffers offers) {
    this.guard = guard;
    this.config = config;
    this.db = db;
    this.service = service;
    this.validation = validation;
    this.offers = offers;
  }

  public void addRoutes(Router router) {
    String base = "/api/v1/tenants/:tenant/awards";
    router
        .post(base)
        .handler(guard.jsonBody())
        .handler(guard.require(Scope.ISSUE))
        .handler(this::single);
    router
        .post(base + "/batch")
        .handler(guard.body(config.maxCsvBytes()))
        .handler(guard.require(Scope.ISSUE))
        .handler(this::batch);
    router
        .post(base + "/csv")
        .handler(guard.body(config.maxCsvBytes()))
        .handler(guard.require(Scope.ISSUE))
        .handler(this::csv);
    router
        .post(base + "/:id/offer")
        .handler(guard.jsonBody())
        .handler(guard.require(Scope.ISSUE))
        .handler(this::reoffer);
    router.get(base).handler(guard.authenticated()).handler(this::list);
    router.get(base + "/:id").handler(guard.authenticated()).handler(this::get);
  }

  private void single(RoutingContext ctx) {
    byte[] body = jsonBytes(ctx);
    JsonNode node = parse(body);
    AwardRejection rej = new AwardRejection();
    Optional<AwardInput> in = AwardJson.parse(node, "", null, rej);
    Tenant t = ApiGuard.principal(ctx).tenant();
    AwardValidation.Prepared p =
        in.map(a -> validation.prepare(t, a, null, "/claims", "/type", null, rej)).orElse(null);
    if (!rej.isEmpty() || p == null) {
      throw rej.toProblem("award");
    }
    store(ctx, "single", body, List.of(p), true);
  }

  private void batch(RoutingContext ctx) {
    byte[] body = jsonBytes(ctx);
    JsonNode node = parse(body);
    if (!node.isArray()) {
      throw ProblemException.badRequest("malformed_json", "a batch is a JSON array of awards");
    }
    if (node.size() == 0) {
      throw ProblemException.invalid("the batch is empty", List.of());
    }
    if (node.size() > config.maxBatchSize()) {
      throw tooMany(node.size());
    }
    Tenant t = ApiGuard.principal(ctx).tenant();
    ctx.vertx()
        .executeBlocking(
            () -> {
              AwardRejection rej = new AwardRejection();
              List<AwardValidation.Prepared> out = new ArrayList<>();
              for (int i = 0; i < node.size(); i++) {
                String prefix = "/" + i;
                int row = i;
                AwardJson.parse(node.get(i), prefix, i, rej)
                    .map(
                        a ->
                            validation.prepare(
                                t, a, row, prefix + "/claims", prefix + "/type", null, rej))
                    .ifPresent(out::add);
              }
              if (!rej.isEmpty()) {
                throw rej.toProblem("batch");
              }
              return out;
            },
            false)
        .onFailure(ctx::fail)
        .onSuccess(list -> store(ctx, "batch", body, list, false));
  }

  private void csv(RoutingContext ctx) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String baseType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!baseType.equals("text/csv")) {
      throw new ProblemException(
          415,
          "unsupported_media_type",
          "Unsupported media type",
          "expected Content-Type text/csv, got '" + (type == null ? "" : type) + "'",
          List.of());
    }
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    Tenant t = ApiGuard.principal(ctx).tenant();
    ctx.vertx()
        .executeBlocking(
            () -> {
              AwardRejection rej = new AwardRejection();
              CsvAwards.Parsed parsed = CsvAwards.parse(body, config.maxBatchSize(), rej);
              Map<String, String> cols = parsed.columnByPointer();
              List<AwardValidation.Prepared> out = new ArrayList<>();
              for (AwardInput a : parsed.awards()) {
                AwardValidation.Prepared p =
                    validation.prepare(t, a, a.row(), "", "/type", ptr -> column(cols, ptr), rej);
                if (p != null) {
                  out.add(p);
                }
              }
              if (!rej.isEmpty()) {
                throw rej.toProblem("CSV file");
              }
              return out;
            },
            false)
        .onFailure(ctx::fail)
        .onSuccess(list -> store(ctx, "csv", body, list, false));
  }

  /** The CSV column a claim pointer came from (the longest matching column), or its path. */
  private static String column(Map<String, String> cols, String pointer) {
    String best = null;
    int len = -1;
    for (Map.Entry<String, String> e : cols.entrySet()) {
      String p = e.getKey();
      if ((pointer.equals(p) || pointer.startsWith(p + "/")) && p.length() > len) {
        best = e.getValue();
        len = p.length();
      }
    }
    return best != null ? best : pointer.substring(pointer.isEmpty() ? 0 : 1).replace('/', '.');
  }

  private void store(
      RoutingContext ctx,
      String kind,
      byte[] body,
      List<AwardValidation.Prepared> list,
      boolean one) {
    String key = ctx.request().getHeader(IDEMPOTENCY_KEY);
    if (key != null && !KEY.matcher(key).matches()) {
      ctx.fail(
          ProblemException.badRequest(
              "invalid_idempotency_key",
              "Idempotency-Key must be 1 to 255 visible ASCII characters"));
      return;
    }
    ApiKeyPrincipal who = ApiGuard.principal(ctx);
    service
        .create(who, kind, key, AwardService.requestHash(kind, body), list)
        .onFailure(ctx::fail)
        .onSuccess(
            created -> {
              String tenant = who.tenant().path();
              JsonObject out;
              if (one) {
                out = render(tenant, created.awards().get(0));
              } else {
                JsonArray arr = new JsonArray();
                created.awards().forEach(a -> arr.add(render(tenant, a)));
                out =
                    new JsonObject()
                        .put("request_id", created.requestId().toString())
                        .put("count", created.awards().size())
                        .put("awards", arr);
              }
              if (created.replayed()) {
                ctx.response().putHeader("Idempotent-Replayed", "true");
              }
              ctx.response()
                  .setStatusCode(201)
                  .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                  .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                  .end(out.encode());
            });
  }

  /**
   * {@code POST .../awards/:id/offer}: a new offer for the award, the earlier ones die (see {@link
   * AwardService#reoffer}). Optional JSON body {@code {"tx_code": bool, "reason": "..."}}.
   */
  private void reoffer(RoutingContext ctx) {
    UUID id = uuid(ctx.pathParam("id"));
    byte[] body =
        ctx.body() == null || ctx.body().buffer() == null
            ? new byte[0]
            : ctx.body().buffer().getBytes();
    Boolean txCode = null;
    String reason = null;
    if (body.length > 0) {
      JsonNode node = parse(jsonBytes(ctx));
      if (!node.isObject()) {
        throw ProblemException.badRequest("malformed_json", "the body must be a JSON object");
      }
      List<ProblemException.FieldError> errors = new ArrayList<>();
      for (java.util.Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!name.equals("tx_code") && !name.equals("reason")) {
          errors.add(new ProblemException.FieldError("/" + name, "unknown", "not a member"));
        }
      }
      JsonNode tx = node.get("tx_code");
      if (tx != null && !tx.isBoolean()) {
        errors.add(new ProblemException.FieldError("/tx_code", "type", "true or false"));
      }
      JsonNode r = node.get("reason");
      if (r != null && (!r.isTextual() || r.textValue().length() > 500)) {
        errors.add(
            new ProblemException.FieldError("/reason", "type", "text of at most 500 characters"));
      }
      if (!errors.isEmpty()) {
        throw ProblemException.invalid("invalid re-offer request", errors);
      }
      txCode = tx == null ? null : tx.booleanValue();
      reason = r == null ? null : r.textValue();
    }
    ApiKeyPrincipal who = ApiGuard.principal(ctx);
    service
        .reoffer(who, id, txCode, reason)
        .onFailure(ctx::fail)
        .onSuccess(
            a ->
                ctx.response()
                    .setStatusCode(201)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end(render(who.tenant().path(), a).encode()));
  }

  /** An award with its offer: by value, by reference, QR image URL and PIN (when set). */
  JsonObject render(String tenant, AwardView a) {
    JsonObject offer =
        new JsonObject()
            .put("id", a.offerId().toString())
            .put("expires_at", a.offerExpiresAt().toString())
            .put("credential_offer_uri", offers.offerUrl(tenant, a.offerId()))
            .put("uri", offers.byReferenceUri(tenant, a.offerId()))
            .put("uri_by_value", offers.byValueUri(tenant, a.offerId(), a.type(), a.txCode()))
            .put("qr_png", offers.offerUrl(tenant, a.offerId()) + "/qr.png");
    if (a.txCode()) {
      offer.put("tx_code", offers.secrets().txCode(a.offerId()));
    }
    return new JsonObject()
        .put("id", a.id().toString())
        .put("row", a.row())
        .put("type", a.type())
        .put("learner_reference", a.learnerReference())
        .put("created_at", a.createdAt().toString())
        .put("offer", offer);
  }

  private void list(RoutingContext ctx) {
    Tenant t = ApiGuard.principal(ctx).tenant();
    int limit = intParam(ctx, "limit", 100, 1, 1000);
    int offset = intParam(ctx, "offset", 0, 0, 10_000_000);
    db.pool()
        .preparedQuery(SQL.get("list"))
        .execute(
            Tuple.of(
                t.id(),
                param(ctx, "type"),
                param(ctx, "learner_reference"),
                param(ctx, "q"),
                limit,
                offset))
        .onFailure(ctx::fail)
        .onSuccess(
            rows -> {
              JsonArray arr = new JsonArray();
              for (Row r : rows) {
                arr.add(
                    new JsonObject()
                        .put("id", r.getUUID("id").toString())
                        .put("type", r.getString("credential_type"))
                        .put("learner_reference", r.getString("learner_reference"))
                        .put("given_name", r.getString("given_name"))
                        .put("family_name", r.getString("family_name"))
                        .put("title_nl", r.getString("title_nl"))
                        .put("created_at", r.getOffsetDateTime("created_at").toInstant().toString())
                        .put("withdrawn", r.getValue("withdrawn_at") != null)
                        .put("credentials_issued", r.getLong("issued")));
              }
              JsonObject out = new JsonObject().put("awards", arr);
              if (rows.size() == limit) {
                out.put("next_offset", offset + limit);
              }
              json(ctx, out);
            });
  }

  private void get(RoutingContext ctx) {
    Tenant t = ApiGuard.principal(ctx).tenant();
    UUID id = uuid(ctx.pathParam("id"));
    Future<io.vertx.sqlclient.RowSet<Row>> award =
        db.pool().preparedQuery(SQL.get("get")).execute(Tuple.of(t.id(), id));
    Future<io.vertx.sqlclient.RowSet<Row>> offerRows =
        db.pool().preparedQuery(SQL.get("offersOfAward")).execute(Tuple.of(t.id(), id));
    Future<io.vertx.sqlclient.RowSet<Row>> creds =
        db.pool().preparedQuery(SQL.get("credentialsOfAward")).execute(Tuple.of(t.id(), id));
    Future.all(award, offerRows, creds)
        .onFailure(ctx::fail)
        .onSuccess(
            v -> {
              if (award.result().size() == 0) {
                ctx.fail(
                    ProblemException.notFound(
                        "award_not_found", "no award " + id + " at this school"));
                return;
              }
              Row a = award.result().iterator().next();
              JsonArray os = new JsonArray();
              java.time.Instant now = java.time.Instant.now();
              for (Row o : offerRows.result()) {
                String state =
                    o.getValue("locked_at") != null
                        ? "dead"
                        : o.getValue("used_at") != null
                            ? "redeemed"
                            : o.getOffsetDateTime("expires_at").toInstant().isBefore(now)
                                ? "expired"
                                : "open";
                os.add(
                    new JsonObject()
                        .put("id", o.getUUID("id").toString())
                        .put("state", state)
                        .put("expires_at", o.getOffsetDateTime("expires_at").toInstant().toString())
                        .put("tx_code", o.getBoolean("tx_code"))
                        .put("tx_code_attempts", o.getInteger("tx_code_attempts"))
                        .put("credential_offer_uri", offers.offerUrl(t.path(), o.getUUID("id"))));
              }
              JsonArray cs = new JsonArray();
              for (Row c : creds.result()) {
                cs.add(
                    new JsonObject()
                        .put("id", c.getUUID("id").toString())
                        .put("status", statusName(c.getInteger("status")))
                        .put("status_reason", c.getString("status_reason"))
                        .put("issued_at", c.getOffsetDateTime("issued_at").toInstant().toString())
                        .put("kid", c.getString("kid"))
                        .put(
                            "status_list",
                            new JsonObject()
                                .put(
                                    "uri",
                                    config.issuerIdentifier(t.path())
                                        + "/status/"
                                        + c.getInteger("list_number"))
                                .put("idx", c.getInteger("status_index"))));
              }
              JsonObject out =
                  new JsonObject()
                      .put("id", a.getUUID("id").toString())
                      .put("type", a.getString("credential_type"))
                      .put("learner_reference", a.getString("learner_reference"))
                      .put("created_at", a.getOffsetDateTime("created_at").toInstant().toString())
                      .put("request_id", a.getUUID("request_id").toString())
                      .put("row", a.getInteger("request_row"))
                      .put("claims", a.getJsonObject("claims"))
                      .put(
                          "withdrawn_at",
                          a.getValue("withdrawn_at") == null
                              ? null
                              : a.getOffsetDateTime("withdrawn_at").toInstant().toString())
                      .put("withdrawn_reason", a.getString("withdrawn_reason"))
                      .put("offers", os)
                      .put("credentials", cs);
              json(ctx, out);
            });
  }

  public static String statusName(int status) {
    return switch (status) {
      case 0 -> "valid";
      case 1 -> "revoked";
      case 2 -> "suspended";
      default -> "unknown";
    };
  }

  private static void json(RoutingContext ctx, JsonObject out) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(out.encode());
  }

  public static UUID uuid(String s) {
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ProblemException.notFound(
          "not_found",
          "not a valid id: '" + (s == null ? "" : s.length() > 40 ? s.substring(0, 40) : s) + "'");
    }
  }

  private static String param(RoutingContext ctx, String name) {
    List<String> v = ctx.queryParam(name);
    return v.isEmpty() || v.get(0).isBlank() ? null : v.get(0);
  }

  private static int intParam(RoutingContext ctx, String name, int dflt, int min, int max) {
    String v = param(ctx, name);
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
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

  private ProblemException tooMany(int n) {
    return new ProblemException(
        413,
        "too_many_awards",
        "Payload too large",
        "the batch has " + n + " awards; at most " + config.maxBatchSize() + " per request",
        List.of());
  }

  private static byte[] jsonBytes(RoutingContext ctx) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String base = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!base.equals("application/json")) {
      throw new ProblemException(
          415,
          "unsupported_media_type",
          "Unsupported media type",
          "expected Content-Type application/json, got '" + (type == null ? "" : type) + "'",
          List.of());
    }
    byte[] b =
        ctx.body() == null || ctx.body().buffer() == null
            ? new byte[0]
            : ctx.body().buffer().getBytes();
    if (b.length == 0) {
      throw ProblemException.badRequest("malformed_json", "the request body is empty");
    }
    return b;
  }

  private static JsonNode parse(byte[] body) {
    try {
      return Json.parse(body);
    } catch (Json.JsonParseFailure e) {
      throw ProblemException.badRequest(
          "malformed_json", "the request body is not valid JSON: " + e.getMessage());
    }
  }
}
