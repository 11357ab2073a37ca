package nl.leerbewijs.issuer.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.List;
import java.util.UUID;
import nl.leerbewijs.issuer.apikey.ApiKeyService;
import nl.leerbewijs.issuer.tenant.TenantNotFoundException;

/**
 * The one failure handler: every failed request, unknown route and wrong method becomes an {@code
 * application/problem+json} response (RFC 9457) with {@code type}, {@code title}, {@code status},
 * {@code detail}, a stable {@code code} and {@code errors: [{pointer, code, message}]}. Unexpected
 * exceptions become a 500 with a reference that is logged next to the stack trace; no stack trace
 * or exception text ever reaches the client.
 */
public final class ProblemHandler implements Handler<RoutingContext> {
  /** Base of the problem {@code type} URIs: {@code urn:leerbewijs:problem:<code>}. */
  public static final String TYPE_PREFIX = "urn:leerbewijs:problem:";

  /** Media type of problem responses. */
  public static final String PROBLEM_JSON = "application/problem+json";

  private static final System.Logger LOG = System.getLogger(ProblemHandler.class.getName());

  private final long maxBodyBytes;

  public ProblemHandler(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.response().ended()) {
      return;
    }
    ProblemException p = toProblem(ctx);
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    JsonArray errors = new JsonArray();
    for (ProblemException.FieldError e : p.errors()) {
      JsonObject err =
          new JsonObject()
              .put("pointer", e.pointer())
              .put("code", e.code())
              .put("message", e.message());
      if (e.row() != null) {
        err.put("row", e.row());
      }
      if (e.column() != null) {
        err.put("column", e.column());
      }
      errors.add(err);
    }
    JsonObject body =
        new JsonObject()
            .put("type", TYPE_PREFIX + p.code())
            .put("title", p.title())
            .put("status", p.status())
            .put("detail", p.getMessage())
            .put("code", p.code())
            .put("errors", errors);
    if (p.status() == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
    }
    ctx.response()
        .setStatusCode(p.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body.encode());
  }

  private ProblemException toProblem(RoutingContext ctx) {
    Throwable f = ctx.failure();
    if (f instanceof ProblemException) {
      return (ProblemException) f;
    }
    if (f instanceof ApiKeyService.AuthenticationException) {
      ApiKeyService.AuthenticationException a = (ApiKeyService.AuthenticationException) f;
      String code =
          a.refusal() == ApiKeyService.Refusal.REVOKED ? "api_key_revoked" : "invalid_api_key";
      return ProblemException.unauthorized(code, a.getMessage());
    }
    if (f instanceof TenantNotFoundException) {
      return ProblemException.notFound("tenant_not_found", "no such tenant");
    }
    int status =
        f instanceof HttpException ? ((HttpException) f).getStatusCode() : ctx.statusCode();
    switch (status) {
      case 400:
        return ProblemException.badRequest("bad_request", "the request could not be understood");
      case 401:
        return ProblemException.unauthorized("unauthorized", "authentication is required");
      case 403:
        return ProblemException.forbidden("forbidden", "not allowed");
      case 404:
        return ProblemException.notFound(
            "not_found", "no resource at " + truncate(ctx.request().path()));
      case 405:
        return new ProblemException(
            405,
            "method_not_allowed",
            "Method not allowed",
            "method "
                + ctx.request().method()
                + " is not allowed on "
                + truncate(ctx.request().path()),
            List.of());
      case 413:
        return new ProblemException(
            413,
            "payload_too_large",
            "Payload too large",
            "the request body is larger than the limit of " + maxBodyBytes + " bytes",
            List.of());
      case 415:
        return new ProblemException(
            415,
            "unsupported_media_type",
            "Unsupported media type",
            "unsupported content type",
            List.of());
      default:
        if (status > 0 && status < 500 && f == null) {
          return new ProblemException(
              status, "http_" + status, "Error", "request failed", List.of());
        }
        String ref = UUID.randomUUID().toString();
        LOG.log(
            System.Logger.Level.ERROR,
            "internal error "
                + ref
                + " on "
                + ctx.request().method()
                + " "
                + truncate(ctx.request().path()),
            f);
        return new ProblemException(
            500,
            "internal_error",
            "Internal server error",
            "internal error, reference " + ref,
            List.of());
    }
  }

  private static String truncate(String path) {
    if (path == null) {
      return "";
    }
    return path.length() > 200 ? path.substring(0, 200) + "..." : path;
  }
}
