package nl.leerbewijs.verifier.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.UUID;

/**
 * The one failure handler: every failed request, unknown route and wrong method becomes an {@code
 * application/problem+json} response (RFC 9457) with {@code type}, {@code title}, {@code status},
 * {@code detail} and a stable {@code code}. Unexpected exceptions become a 500 with a reference
 * that is logged next to the stack trace; no stack trace or exception text reaches the client.
 */
public final class ProblemHandler implements Handler<RoutingContext> {
  /** Base of the problem {@code type} URIs: {@code urn:leerbewijs:problem:<code>}. */
  public static final String TYPE_PREFIX = "urn:leerbewijs:problem:";

  /** Media type of problem responses. */
  public static final String PROBLEM_JSON = "application/problem+json";

  /** Routing context key under which a route states its body limit, for the 413 message. */
  static final String BODY_LIMIT_KEY = "leerbewijs.bodyLimit";

  private static final System.Logger LOG = System.getLogger(ProblemHandler.class.getName());

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
    send(ctx, p);
  }

  /** Writes {@code p} as the response. */
  static void send(RoutingContext ctx, ProblemException p) {
    JsonObject body =
        new JsonObject()
            .put("type", TYPE_PREFIX + p.code())
            .put("title", p.title())
            .put("status", p.status())
            .put("detail", p.getMessage())
            .put("code", p.code());
    if (p.status() == 503) {
      ctx.response().putHeader("Retry-After", "1");
    }
    if (p.status() == 413) {
      // The rest of an oversized body is not read; do not keep the connection.
      ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
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
    int status =
        f instanceof HttpException ? ((HttpException) f).getStatusCode() : ctx.statusCode();
    switch (status) {
      case 400:
        return ProblemException.badRequest(
            ProblemCodes.BAD_REQUEST, "the request could not be understood");
      case 404:
        return new ProblemException(
            404, ProblemCodes.NOT_FOUND, "Not found", "no resource at " + truncate(ctx));
      case 405:
        return new ProblemException(
            405,
            ProblemCodes.METHOD_NOT_ALLOWED,
            "Method not allowed",
            "method " + ctx.request().method() + " is not allowed on " + truncate(ctx));
      case 413:
        Object limit = ctx.get(BODY_LIMIT_KEY);
        return ProblemException.tooLarge(
            ProblemCodes.PAYLOAD_TOO_LARGE,
            "the request body is larger than the limit"
                + (limit == null ? "" : " of " + limit + " bytes"));
      case 415:
        return ProblemException.unsupportedMediaType("unsupported content type");
      default:
        if (status > 0 && status < 500 && f == null) {
          return new ProblemException(status, "http_" + status, "Error", "request failed");
        }
        String ref = UUID.randomUUID().toString();
        LOG.log(
            System.Logger.Level.ERROR,
            "internal error " + ref + " on " + ctx.request().method() + " " + truncate(ctx),
            f);
        return new ProblemException(
            500,
            ProblemCodes.INTERNAL_ERROR,
            "Internal server error",
            "internal error, reference " + ref);
    }
  }

  private static String truncate(RoutingContext ctx) {
    String path = ctx.request().path();
    if (path == null) {
      return "";
    }
    return path.length() > 200 ? path.substring(0, 200) + "..." : path;
  }
}
