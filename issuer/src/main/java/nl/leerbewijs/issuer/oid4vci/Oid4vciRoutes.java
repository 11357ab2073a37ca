package nl.leerbewijs.issuer.oid4vci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import nl.leerbewijs.core.credential.ClaimMetadata;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.core.credential.TypeMetadata;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.qr.QrImages;
import nl.leerbewijs.issuer.config.IssuerConfig;
import nl.leerbewijs.issuer.http.ProblemException;
import nl.leerbewijs.issuer.tenant.Tenant;
import nl.leerbewijs.issuer.tenant.TenantCache;

/**
 * The public OpenID4VCI 1.0 endpoints of each tenant (issuer identifier {@code <base>/t/<tenant>}):
 * credential issuer metadata, authorization server metadata (RFC 8414), the credential offer by
 * reference and as a QR image, and the token, nonce and credential endpoints. Errors of the token
 * and credential endpoints are OAuth error objects ({@link OAuthError}), everything else
 * problem+json.
 */
public final class Oid4vciRoutes {
  private static final long MAX_TOKEN_BODY = 8 * 1024;
  private static final long MAX_CREDENTIAL_BODY = 64 * 1024;
  private static final int QR_MODULE_SIZE = 8;
  private static final Set<String> CREDENTIAL_REQUEST_MEMBERS =
      Set.of(
          Oid4vciNames.CREDENTIAL_CONFIGURATION_ID,
          Oid4vciNames.CREDENTIAL_IDENTIFIER,
          Oid4vciNames.PROOFS,
          Oid4vciNames.PROOF,
          "credential_response_encryption");

  private final IssuerConfig config;
  private final TenantCache tenants;
  private final Oid4vciService service;
  private final CredentialOffers offers;

  public Oid4vciRoutes(
      IssuerConfig config, TenantCache tenants, Oid4vciService service, CredentialOffers offers) {
    this.config = config;
    this.tenants = tenants;
    this.service = service;
    this.offers = offers;
  }

  public void addRoutes(Router router) {
    router.get(Oid4vciNames.WELL_KNOWN_ISSUER + "/t/:tenant").handler(tenant(this::issuerMetadata));
    router.get(Oid4vciNames.WELL_KNOWN_AS + "/t/:tenant").handler(tenant(this::asMetadata));
    router.get("/t/:tenant/offers/:ref").handler(tenant(this::offer));
    router.get("/t/:tenant/offers/:ref/qr.png").handler(tenant(this::qr));
    router
        .post("/t/:tenant/token")
        .handler(BodyHandler.create(false).setBodyLimit(MAX_TOKEN_BODY))
        .handler(tenant(this::token));
    router.post("/t/:tenant/nonce").handler(tenant(this::nonce));
    router
        .post("/t/:tenant/credential")
        .handler(BodyHandler.create(false).setBodyLimit(MAX_CREDENTIAL_BODY))
        .handler(tenant(this::credential));
  }

  private io.vertx.core.Handler<RoutingContext> tenant(BiConsumer<RoutingContext, Tenant> h) {
    return ctx ->
        tenants
            .byPath(ctx.pathParam("tenant"))
            .onFailure(ctx::fail)
            .onSuccess(
                t -> {
                  if (t.isEmpty()) {
                    ctx.fail(ProblemException.notFound("tenant_not_found", "no such tenant"));
                    return;
                  }
                  try {
                    h.accept(ctx, t.get());
                  } catch (RuntimeException e) {
                    OAuthError.respond(ctx, e);
                  }
                });
  }

  private void issuerMetadata(RoutingContext ctx, Tenant t) {
    String iss = config.issuerIdentifier(t.path());
    JsonObject configs = new JsonObject();
    for (String id : t.credentialTypes()) {
      Optional<CredentialType> type = CredentialType.fromId(id);
      if (type.isEmpty()) {
        continue;
      }
      TypeMetadata md = TypeMetadata.forType(type.get());
      JsonArray display = new JsonArray();
      for (String locale : new String[] {"nl", "en"}) {
        JsonObject d =
            new JsonObject().put("name", md.displayName(locale).orElse(id)).put("locale", locale);
        md.displayDescription(locale).ifPresent(x -> d.put("description", x));
        display.add(d);
      }
      JsonArray claims = new JsonArray();
      for (ClaimMetadata c : md.claims()) {
        JsonArray labels = new JsonArray();
        for (String locale : new String[] {"nl", "en"}) {
          c.label(locale)
              .ifPresent(l -> labels.add(new JsonObject().put("name", l).put("locale", locale)));
        }
        JsonObject claim = new JsonObject().put("path", new JsonArray(c.path()));
        if (c.mandatory()) {
          claim.put("mandatory", true);
        }
        if (!labels.isEmpty()) {
          claim.put("display", labels);
        }
        claims.add(claim);
      }
      configs.put(
          id,
          new JsonObject()
              .put("format", Oid4vciNames.FORMAT_SD_JWT_VC)
              .put("vct", type.get().vct())
              .put("scope", id)
              .put("cryptographic_binding_methods_supported", new JsonArray().add("jwk"))
              .put("credential_signing_alg_values_supported", new JsonArray().add("ES256"))
              .put(
                  "proof_types_supported",
                  new JsonObject()
                      .put(
                          "jwt",
                          new JsonObject()
                              .put(
                                  "proof_signing_alg_values_supported",
                                  new JsonArray().add("ES256"))))
              .put(
                  "credential_metadata",
                  new JsonObject().put("display", display).put("claims", claims)));
    }
    JsonObject body =
        new JsonObject()
            .put(Oid4vciNames.CREDENTIAL_ISSUER, iss)
            .put("credential_endpoint", iss + "/credential")
            .put("nonce_endpoint", iss + "/nonce")
            .put(
                "display",
                new JsonArray()
                    .add(new JsonObject().put("name", t.name()).put("locale", "nl"))
                    .add(new JsonObject().put("name", t.name()).put("locale", "en")))
            .put("credential_configurations_supported", configs);
    publicJson(ctx, body);
  }

  private void asMetadata(RoutingContext ctx, Tenant t) {
    String iss = config.issuerIdentifier(t.path());
    publicJson(
        ctx,
        new JsonObject()
            .put("issuer", iss)
            .put("token_endpoint", iss + "/token")
            .put("response_types_supported", new JsonArray())
            .put("grant_types_supported", new JsonArray().add(Oid4vciNames.PRE_AUTHORIZED_GRANT))
            .put("token_endpoint_auth_methods_supported", new JsonArray().add("none"))
            .put("pre-authorized_grant_anonymous_access_supported", true));
  }

  private void offer(RoutingContext ctx, Tenant t) {
    service
        .offerByReference(t, ctx.pathParam("ref"))
        .onFailure(ctx::fail)
        .onSuccess(
            o -> {
              if (o.isEmpty()) {
                ctx.fail(
                    ProblemException.notFound(
                        "offer_not_found", "no such credential offer, or it has expired"));
                return;
              }
              ctx.response()
                  .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                  .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                  .end(
                      offers
                          .offer(t.path(), o.get().offerId(), o.get().typeId(), o.get().txCode())
                          .encode());
            });
  }

  private void qr(RoutingContext ctx, Tenant t) {
    service
        .offerByReference(t, ctx.pathParam("ref"))
        .onFailure(ctx::fail)
        .onSuccess(
            o -> {
              if (o.isEmpty()) {
                ctx.fail(
                    ProblemException.notFound(
                        "offer_not_found", "no such credential offer, or it has expired"));
                return;
              }
              String uri = offers.byReferenceUri(t.path(), o.get().offerId());
              ctx.vertx()
                  .executeBlocking(
                      () -> QrImages.png(QrImages.render(uri, QR_MODULE_SIZE).image()), false)
                  .onFailure(ctx::fail)
                  .onSuccess(
                      png ->
                          ctx.response()
                              .putHeader(HttpHeaders.CONTENT_TYPE, "image/png")
                              .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                              .end(io.vertx.core.buffer.Buffer.buffer(png)));
            });
  }

  private void token(RoutingContext ctx, Tenant t) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null
        || !type.split(";", 2)[0]
            .trim()
            .toLowerCase(Locale.ROOT)
            .equals("application/x-www-form-urlencoded")) {
      throw OAuthError.badRequest(
          Oid4vciNames.INVALID_REQUEST, "expected application/x-www-form-urlencoded");
    }
    var form = ctx.request().formAttributes();
    for (String name : form.names()) {
      if (form.getAll(name).size() > 1) {
        throw OAuthError.badRequest(
            Oid4vciNames.INVALID_REQUEST, "parameter '" + name + "' is repeated");
      }
    }
    String grant = form.get(Oid4vciNames.GRANT_TYPE);
    if (grant == null) {
      throw OAuthError.badRequest(Oid4vciNames.INVALID_REQUEST, "grant_type is required");
    }
    if (!Oid4vciNames.PRE_AUTHORIZED_GRANT.equals(grant)) {
      throw OAuthError.badRequest(
          Oid4vciNames.UNSUPPORTED_GRANT_TYPE,
          "only " + Oid4vciNames.PRE_AUTHORIZED_GRANT + " is supported");
    }
    String code = form.get(Oid4vciNames.PRE_AUTHORIZED_CODE);
    if (code == null || code.isEmpty() || code.length() > 512) {
      throw OAuthError.badRequest(Oid4vciNames.INVALID_REQUEST, "pre-authorized_code is required");
    }
    String tx = form.get(Oid4vciNames.TX_CODE);
    if (tx != null && tx.length() > 64) {
      throw OAuthError.badRequest(Oid4vciNames.INVALID_REQUEST, "tx_code is too long");
    }
    service
        .token(t, code, tx)
        .onFailure(e -> OAuthError.respond(ctx, e))
        .onSuccess(
            at ->
                noStoreJson(
                    ctx,
                    new JsonObject()
                        .put("access_token", at.token())
                        .put("token_type", "Bearer")
                        .put("expires_in", at.expiresIn())));
  }

  private void nonce(RoutingContext ctx, Tenant t) {
    service
        .nonce()
        .onFailure(ctx::fail)
        .onSuccess(n -> noStoreJson(ctx, new JsonObject().put(Oid4vciNames.C_NONCE, n)));
  }

  private void credential(RoutingContext ctx, Tenant t) {
    String auth = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.length() > 600) {
      throw OAuthError.invalidToken("send the access token as 'Authorization: Bearer <token>'");
    }
    String token = auth.substring(7).trim();
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null
        || !type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals("application/json")) {
      throw OAuthError.badRequest(
          Oid4vciNames.INVALID_CREDENTIAL_REQUEST, "expected Content-Type application/json");
    }
    ObjectNode body;
    try {
      byte[] bytes = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
      body = Json.parseObject(bytes);
    } catch (Json.JsonParseFailure e) {
      throw OAuthError.badRequest(
          Oid4vciNames.INVALID_CREDENTIAL_REQUEST,
          "the body is not a JSON object: " + e.getMessage());
    }
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!CREDENTIAL_REQUEST_MEMBERS.contains(name)) {
        throw OAuthError.badRequest(
            Oid4vciNames.INVALID_CREDENTIAL_REQUEST, "unsupported parameter '" + name + "'");
      }
    }
    if (body.has(Oid4vciNames.CREDENTIAL_IDENTIFIER)) {
      throw OAuthError.badRequest(
          Oid4vciNames.INVALID_CREDENTIAL_REQUEST,
          "this issuer does not issue credential identifiers; use credential_configuration_id");
    }
    if (body.has("credential_response_encryption")) {
      throw OAuthError.badRequest(
          "invalid_encryption_parameters", "credential response encryption is not supported");
    }
    JsonNode id = body.get(Oid4vciNames.CREDENTIAL_CONFIGURATION_ID);
    if (id == null || !id.isTextual()) {
      throw OAuthError.badRequest(
          Oid4vciNames.INVALID_CREDENTIAL_REQUEST, "credential_configuration_id is required");
    }
    if (body.has(Oid4vciNames.PROOF)) {
      throw OAuthError.badRequest(
          Oid4vciNames.INVALID_CREDENTIAL_REQUEST,
          "'proof' is not part of OpenID4VCI 1.0; send 'proofs'");
    }
    JsonNode proofs = body.get(Oid4vciNames.PROOFS);
    if (proofs == null) {
      throw OAuthError.badRequest(Oid4vciNames.INVALID_PROOF, "proofs is required");
    }
    if (!proofs.isObject() || proofs.size() != 1 || !proofs.has(Oid4vciNames.JWT)) {
      throw OAuthError.badRequest(
          Oid4vciNames.INVALID_CREDENTIAL_REQUEST,
          "proofs must be {\"jwt\": [\"<proof>\"]} (only the jwt proof type)");
    }
    JsonNode jwts = proofs.get(Oid4vciNames.JWT);
    if (!jwts.isArray() || jwts.size() != 1 || !jwts.get(0).isTextual()) {
      throw OAuthError.badRequest(
          Oid4vciNames.INVALID_CREDENTIAL_REQUEST,
          "proofs.jwt must be an array of exactly one JWT (no batch issuance)");
    }
    service
        .credential(t, token, id.textValue(), jwts.get(0).textValue())
        .onFailure(e -> OAuthError.respond(ctx, e))
        .onSuccess(
            sdJwt ->
                noStoreJson(
                    ctx,
                    new JsonObject()
                        .put(
                            Oid4vciNames.CREDENTIALS,
                            new JsonArray()
                                .add(new JsonObject().put(Oid4vciNames.CREDENTIAL, sdJwt)))));
  }

  private static void publicJson(RoutingContext ctx, JsonObject body) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=300")
        .end(body.encode());
  }

  private static void noStoreJson(RoutingContext ctx, JsonObject body) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body.encode());
  }
}
