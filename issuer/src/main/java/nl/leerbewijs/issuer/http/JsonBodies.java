package nl.leerbewijs.issuer.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import nl.leerbewijs.core.json.Json;

/**
 * Reading JSON request bodies with core's bounded parser (depth, length, duplicate keys). Throws
 * {@link ProblemException}s: 415 for another media type, 400 {@code malformed_json} naming the
 * problem for bytes that are not one JSON object.
 */
public final class JsonBodies {
  private JsonBodies() {}

  /** The body as a Vert.x JSON object (after core's strict parse). */
  public static JsonObject object(RoutingContext ctx) {
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
    byte[] bytes =
        ctx.body() == null || ctx.body().buffer() == null
            ? new byte[0]
            : ctx.body().buffer().getBytes();
    if (bytes.length == 0) {
      throw ProblemException.badRequest(
          "malformed_json", "the request body is empty; expected a JSON object");
    }
    ObjectNode node;
    try {
      node = Json.parseObject(bytes);
    } catch (Json.JsonParseFailure e) {
      throw ProblemException.badRequest(
          "malformed_json", "the request body is not valid JSON: " + e.getMessage());
    }
    return new JsonObject(Buffer.buffer(Json.write(node)));
  }

  /** A required non-blank string member, else a 422 naming its pointer. */
  public static String requiredString(JsonObject body, String member, int maxLength) {
    Object v = body.getValue(member);
    if (!(v instanceof String) || ((String) v).isBlank()) {
      throw ProblemException.invalid(
          "member '" + member + "' is required",
          List.of(
              new ProblemException.FieldError(
                  "/" + member, "required", "a non-empty string is required")));
    }
    String s = (String) v;
    if (s.length() > maxLength) {
      throw ProblemException.invalid(
          "member '" + member + "' is too long",
          List.of(
              new ProblemException.FieldError(
                  "/" + member, "too_long", "at most " + maxLength + " characters")));
    }
    return s;
  }
}
