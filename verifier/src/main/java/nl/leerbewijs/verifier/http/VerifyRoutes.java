package nl.leerbewijs.verifier.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.qr.QrImageException;
import nl.leerbewijs.core.verify.VerificationReport;
import nl.leerbewijs.verifier.ImageFormat;
import nl.leerbewijs.verifier.Verifier;

/**
 * {@code POST /api/verify} (a presentation as {@code text/plain}, or JSON {@code {"presentation":
 * "...", "nonce": "..."}}) and {@code POST /api/verify/image} (a PNG, JPEG, GIF or BMP picture of
 * the QR code).
 *
 * <p>Contract: every well-formed request gets 200 with the report JSON ({@link
 * VerificationReport#toJson()}), whatever the verdict, including a QR code that holds no credential
 * (verdict {@code malformed}). A request that cannot be processed gets a 4xx problem: empty body
 * (400 {@code empty_body}), body over the limit (413 {@code payload_too_large}), wrong content type
 * (415), not an image (400 {@code not_an_image}), too many pixels (413 {@code image_too_large}), no
 * QR code in the image (422 {@code no_qr_code}). A text verification that needs no network I/O runs
 * on the event loop; one that must fetch a status list or issuer metadata, and every image
 * decoding, runs on the worker pool; when too many requests wait for it, 503 {@code busy}.
 */
public final class VerifyRoutes {

  /** Media types {@code POST /api/verify} accepts (besides none at all, read as text). */
  public static final String TEXT_PLAIN = "text/plain";

  public static final String APPLICATION_JSON = "application/json";
  public static final String OCTET_STREAM = "application/octet-stream";

  private final Verifier verifier;
  private final WorkerExecutor workers;
  private final int maxInFlight;
  private final AtomicInteger inFlight = new AtomicInteger();

  /**
   * @param maxInFlight how many verifications may run or wait at once before 503
   */
  public VerifyRoutes(Verifier verifier, WorkerExecutor workers, int maxInFlight) {
    this.verifier = verifier;
    this.workers = workers;
    this.maxInFlight = maxInFlight;
  }

  public void addRoutes(Router router) {
    int maxBody = verifier.config().maxBodyBytes();
    int maxImage = verifier.config().maxImageBytes();
    router
        .post("/api/verify")
        .handler((PlatformHandler) ctx -> checkType(ctx, maxBody, this::textType))
        .handler(bodyHandler(maxBody))
        .handler(this::verifyText);
    router
        .post("/api/verify/image")
        .handler((PlatformHandler) ctx -> checkType(ctx, maxImage, this::imageType))
        .handler(bodyHandler(maxImage))
        .handler(this::verifyImage);
  }

  private static BodyHandler bodyHandler(int limit) {
    // Preallocation sizes the body buffer from Content-Length (Vert.x caps it at 64 KiB) instead
    // of growing it chunk by chunk; the limit is enforced as before.
    return BodyHandler.create(false)
        .setBodyLimit(limit)
        .setHandleFileUploads(false)
        .setPreallocateBodyBuffer(true);
  }

  /**
   * Refuses a wrong content type before the body is read. Registered as a {@link PlatformHandler}
   * because Vert.x Web only allows those to run before the {@link BodyHandler}.
   */
  private void checkType(RoutingContext ctx, int limit, java.util.function.Predicate<String> ok) {
    ctx.put(ProblemHandler.BODY_LIMIT_KEY, limit);
    String type = mediaType(ctx);
    if (!ok.test(type)) {
      ctx.fail(
          ProblemException.unsupportedMediaType(
              "content type '"
                  + truncate(type)
                  + "' is not accepted here; "
                  + (ctx.request().path().endsWith("/image")
                      ? "send a PNG, JPEG, GIF or BMP image"
                      : "send text/plain or application/json")));
      return;
    }
    ctx.next();
  }

  private boolean textType(String type) {
    return type.isEmpty() || type.equals(TEXT_PLAIN) || type.equals(APPLICATION_JSON);
  }

  private boolean imageType(String type) {
    return type.equals(OCTET_STREAM) || ImageFormat.ofMediaType(type).isPresent();
  }

  private void verifyText(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      ctx.fail(ProblemException.badRequest(ProblemCodes.EMPTY_BODY, "the request body is empty"));
      return;
    }
    String presentation;
    String nonce = null;
    if (mediaType(ctx).equals(APPLICATION_JSON)) {
      ObjectNode json;
      try {
        json = Json.parseObject(body.getBytes());
      } catch (Json.JsonParseFailure e) {
        ctx.fail(
            ProblemException.badRequest(
                ProblemCodes.INVALID_JSON, "the body is not a JSON object: " + e.getMessage()));
        return;
      }
      JsonNode p = json.get("presentation");
      if (p == null || !p.isTextual()) {
        ctx.fail(
            ProblemException.badRequest(
                ProblemCodes.INVALID_JSON,
                "the JSON body must have a string member 'presentation'"));
        return;
      }
      JsonNode n = json.get("nonce");
      if (n != null && !n.isNull()) {
        if (!n.isTextual()) {
          ctx.fail(
              ProblemException.badRequest(
                  ProblemCodes.INVALID_JSON, "'nonce' must be a string when present"));
          return;
        }
        nonce = n.textValue();
      }
      presentation = p.textValue();
    } else {
      Optional<String> text = utf8(body);
      if (text.isEmpty()) {
        ctx.fail(ProblemException.badRequest(ProblemCodes.NOT_TEXT, "the body is not UTF-8 text"));
        return;
      }
      presentation = text.get();
    }
    if (presentation.isBlank()) {
      ctx.fail(ProblemException.badRequest(ProblemCodes.EMPTY_BODY, "the presentation is empty"));
      return;
    }
    // Most verifications need no network (the issuer's keys are on the trust list, its status
    // list is cached): they run here on the event loop, without the two thread hand-offs of the
    // worker pool, which cost about a fifth of the service's CPU per request (verifier README).
    // Only a verification that has to fetch goes to a worker.
    Optional<VerificationReport> report = verifier.verifyWithoutFetching(presentation, nonce);
    if (report.isPresent()) {
      respond(ctx, Buffer.buffer(report.get().toJsonBytes()));
      return;
    }
    String expectedNonce = nonce;
    run(ctx, () -> verifier.verify(presentation, expectedNonce));
  }

  private void verifyImage(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      ctx.fail(ProblemException.badRequest(ProblemCodes.EMPTY_BODY, "the request body is empty"));
      return;
    }
    byte[] bytes = body.getBytes();
    if (ImageFormat.sniff(bytes).isEmpty()) {
      ctx.fail(
          ProblemException.badRequest(
              ProblemCodes.NOT_AN_IMAGE, "the body is not a PNG, JPEG, GIF or BMP image"));
      return;
    }
    run(
        ctx,
        () -> {
          String text;
          try {
            text = verifier.readQr(bytes);
          } catch (QrImageException e) {
            throw problem(e);
          }
          return verifier.verify(text);
        });
  }

  private static ProblemException problem(QrImageException e) {
    switch (e.reason()) {
      case NO_QR_CODE:
        return ProblemException.unprocessable(
            ProblemCodes.NO_QR_CODE, "no QR code was found in the image");
      case IMAGE_TOO_LARGE:
        return ProblemException.tooLarge(ProblemCodes.IMAGE_TOO_LARGE, e.getMessage());
      default:
        return ProblemException.badRequest(ProblemCodes.NOT_AN_IMAGE, e.getMessage());
    }
  }

  private void run(RoutingContext ctx, Callable<VerificationReport> work) {
    if (inFlight.incrementAndGet() > maxInFlight) {
      inFlight.decrementAndGet();
      ctx.fail(ProblemException.busy("too many verifications are waiting; try again shortly"));
      return;
    }
    // The report is encoded on the worker too: the event loop only writes the bytes.
    workers
        .executeBlocking(() -> Buffer.buffer(work.call().toJsonBytes()), false)
        .onComplete(
            r -> {
              inFlight.decrementAndGet();
              if (r.failed()) {
                ctx.fail(r.cause());
                return;
              }
              respond(ctx, r.result());
            });
  }

  private static void respond(RoutingContext ctx, Buffer report) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(report);
  }

  /** The request's media type, lower case, without parameters; empty when absent. */
  static String mediaType(RoutingContext ctx) {
    String ct = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (ct == null) {
      return "";
    }
    int semi = ct.indexOf(';');
    return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  private static Optional<String> utf8(Buffer body) {
    if (ascii(body)) {
      // The common case (a presentation is base64url, '~' and '.'): the string straight from the
      // body buffer, without a byte[] copy first.
      return Optional.of(body.toString(StandardCharsets.US_ASCII));
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body.getBytes()))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static boolean ascii(Buffer body) {
    for (int i = 0, n = body.length(); i < n; i++) {
      if (body.getByte(i) < 0) {
        return false;
      }
    }
    return true;
  }

  private static String truncate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
