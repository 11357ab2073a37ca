package nl.leerbewijs.wallet.issuance;

import static nl.leerbewijs.wallet.issuance.Oid4vciNames.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.leerbewijs.core.http.BoundedHttpClient;
import nl.leerbewijs.core.http.WellKnown;
import nl.leerbewijs.core.jose.JoseHeaderNames;
import nl.leerbewijs.core.jose.JwsSigner;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.sdjwt.EcPublicJwk;
import nl.leerbewijs.wallet.issuance.IssuanceException.Reason;

/**
 * The wallet side of the OpenID4VCI 1.0 pre-authorized code flow: resolve the offer (by value or by
 * reference), read the credential issuer metadata and the authorization server metadata, redeem the
 * pre-authorized code (with the PIN) at the token endpoint, fetch a {@code c_nonce}, and request
 * the credential with a {@code jwt} proof signed by the holder key.
 *
 * <p>Every call goes through a {@link BoundedHttpClient} (timeouts, size cap, no redirects, https
 * or loopback http). Anything the issuer answers is treated as hostile: unexpected answers give
 * {@link Reason#ISSUER_PROTOCOL}, never a crash; server text shown to the learner is sanitised. The
 * credentials returned are NOT verified here: the caller must verify them before storing.
 */
public final class Oid4vciClient {

  /** Longest offer URI accepted. */
  public static final int MAX_OFFER_CHARS = 64 * 1024;

  private static final Pattern ATTEMPTS =
      Pattern.compile(
          "(\\d+)\\s+(?:attempts?|tries|pogingen|poging)\\b|(?:attempts?|tries)\\s*(?:left|remaining)?\\s*[:=]\\s*(\\d+)",
          Pattern.CASE_INSENSITIVE);

  private final BoundedHttpClient http;
  private final Clock clock;

  public Oid4vciClient(BoundedHttpClient http, Clock clock) {
    this.http = Objects.requireNonNull(http, "http");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Parses an {@code openid-credential-offer://} URI and, for {@code credential_offer_uri}, fetches
   * the offer.
   */
  public CredentialOffer resolveOffer(String offerUri) throws IssuanceException {
    if (offerUri == null || offerUri.isBlank()) {
      throw new IssuanceException(Reason.OFFER_INVALID, "empty offer");
    }
    String text = offerUri.strip();
    if (text.length() > MAX_OFFER_CHARS) {
      throw new IssuanceException(Reason.OFFER_INVALID, "offer longer than " + MAX_OFFER_CHARS);
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IssuanceException(Reason.OFFER_INVALID, "not a URI: " + e.getReason());
    }
    if (!OFFER_SCHEME.equalsIgnoreCase(uri.getScheme())) {
      throw new IssuanceException(
          Reason.OFFER_INVALID, "the offer does not start with " + OFFER_SCHEME + "://");
    }
    Map<String, String> query = query(uri.getRawQuery());
    String byValue = query.get(CREDENTIAL_OFFER);
    String byRef = query.get(CREDENTIAL_OFFER_URI);
    if ((byValue == null) == (byRef == null)) {
      throw new IssuanceException(
          Reason.OFFER_INVALID,
          "the offer needs exactly one of credential_offer and credential_offer_uri");
    }
    JsonNode offer;
    if (byValue != null) {
      try {
        offer = Json.parse(byValue.getBytes(StandardCharsets.UTF_8));
      } catch (RuntimeException e) {
        throw new IssuanceException(Reason.OFFER_INVALID, "credential_offer is not JSON");
      }
    } else {
      URI ref;
      try {
        ref = new URI(byRef);
      } catch (URISyntaxException e) {
        throw new IssuanceException(Reason.OFFER_INVALID, "credential_offer_uri is not a URL");
      }
      offer = getJson(ref, "the credential offer");
    }
    return CredentialOffer.fromJson(offer);
  }

  /** What the issuer sent: the credentials (not yet verified) and where they came from. */
  public record Issued(List<String> credentials, String credentialIssuer, String configurationId) {}

  /**
   * Runs the rest of the flow for a resolved offer.
   *
   * @param txCode the PIN, or null when the offer needs none
   */
  public Issued redeem(
      CredentialOffer offer, String txCode, JwsSigner holder, ECPublicKey holderPublicKey)
      throws IssuanceException {
    if (offer.txCode() != null && (txCode == null || txCode.isEmpty())) {
      throw new IssuanceException(Reason.TX_CODE_REQUIRED, "the offer needs a PIN");
    }
    IssuerMetadata meta = issuerMetadata(offer.credentialIssuer());
    String configId = chooseConfiguration(offer, meta);
    String tokenEndpoint = tokenEndpoint(offer, meta);

    Map<String, String> form = new LinkedHashMap<>();
    form.put(GRANT_TYPE, PRE_AUTHORIZED_GRANT);
    form.put(PRE_AUTHORIZED_CODE, offer.preAuthorizedCode());
    if (offer.txCode() != null) {
      form.put(TX_CODE, txCode);
    }
    BoundedHttpClient.Response tr =
        call(() -> http.postForm(uri(tokenEndpoint), form, "application/json"), tokenEndpoint);
    ObjectNode token = jsonObjectOrNull(tr);
    if (!tr.isSuccess()) {
      throw tokenError(tr, token, offer.txCode() != null);
    }
    if (token == null || !token.path(ACCESS_TOKEN).isTextual()) {
      throw protocol("the token endpoint answered without an access_token");
    }
    String tokenType = token.path(TOKEN_TYPE).asText("Bearer");
    if (!tokenType.equalsIgnoreCase("Bearer")) {
      throw new IssuanceException(
          Reason.OFFER_UNSUPPORTED,
          "token type " + Sanitize.text(tokenType, 40) + " is not supported");
    }
    String accessToken = token.get(ACCESS_TOKEN).textValue();
    String credentialIdentifier = credentialIdentifier(token, configId);

    IssuanceException last = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      String nonce = meta.nonceEndpoint() == null ? null : nonce(meta.nonceEndpoint());
      String proof = proof(holder, holderPublicKey, meta.credentialIssuer(), nonce);
      ObjectNode req = Json.object();
      if (credentialIdentifier != null) {
        req.put(CREDENTIAL_IDENTIFIER, credentialIdentifier);
      } else {
        req.put(CREDENTIAL_CONFIGURATION_ID, configId);
      }
      req.putObject(PROOFS).putArray(PROOF_TYPE_JWT).add(proof);
      BoundedHttpClient.Response cr =
          call(
              () -> http.postJson(uri(meta.credentialEndpoint()), Json.write(req), accessToken),
              meta.credentialEndpoint());
      ObjectNode body = jsonObjectOrNull(cr);
      if (cr.isSuccess()) {
        return new Issued(credentials(cr, body), meta.credentialIssuer(), configId);
      }
      String error = body == null ? null : body.path(ERROR).textValue();
      if (INVALID_NONCE.equals(error) && attempt == 0) {
        last = new IssuanceException(Reason.PROOF_REJECTED, "the issuer refused the nonce twice");
        continue; // fetch a fresh nonce once
      }
      throw credentialError(cr, body, error);
    }
    throw last;
  }

  private static List<String> credentials(BoundedHttpClient.Response cr, ObjectNode body)
      throws IssuanceException {
    if (body == null) {
      throw protocol("the credential endpoint did not answer with JSON");
    }
    if (cr.status() == 202 || body.has(TRANSACTION_ID)) {
      throw new IssuanceException(Reason.DEFERRED, "the issuer deferred issuance");
    }
    JsonNode arr = body.get(CREDENTIALS);
    if (arr == null || !arr.isArray() || arr.isEmpty()) {
      throw protocol("the credential response has no credentials");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode c : arr) {
      JsonNode cred = c.path(CREDENTIAL);
      if (!cred.isTextual()) {
        throw protocol("a credential in the response is not a string");
      }
      out.add(cred.textValue());
    }
    return out;
  }

  /** The issuer's answer to the token request as an exception. */
  private static IssuanceException tokenError(
      BoundedHttpClient.Response r, ObjectNode body, boolean pinSent) {
    String error = body == null ? null : body.path(ERROR).textValue();
    String description = body == null ? null : body.path(ERROR_DESCRIPTION).textValue();
    String safe = description == null ? "" : ": " + Sanitize.text(description, 200);
    if (INVALID_GRANT.equals(error)) {
      String d = description == null ? "" : description.toLowerCase(Locale.ROOT);
      boolean aboutPin =
          pinSent
              && (d.contains("tx_code")
                  || d.contains("transaction code")
                  || d.contains("pin")
                  || d.contains("code is wrong")
                  || d.contains("wrong code"));
      if (aboutPin) {
        return new IssuanceException(
            Reason.WRONG_TX_CODE, "invalid_grant" + safe, attemptsLeft(description));
      }
      return new IssuanceException(Reason.OFFER_EXPIRED_OR_USED, "invalid_grant" + safe);
    }
    if (INVALID_REQUEST.equals(error)
        && description != null
        && description.toLowerCase(Locale.ROOT).contains("tx_code")
        && !pinSent) {
      return new IssuanceException(Reason.TX_CODE_REQUIRED, "invalid_request" + safe);
    }
    if (error == null) {
      return new IssuanceException(
          r.status() >= 500 ? Reason.ISSUER_UNREACHABLE : Reason.ISSUER_PROTOCOL,
          "the token endpoint answered HTTP " + r.status());
    }
    return new IssuanceException(Reason.ISSUER_ERROR, Sanitize.text(error, 60) + safe);
  }

  private static IssuanceException credentialError(
      BoundedHttpClient.Response r, ObjectNode body, String error) {
    String description = body == null ? null : body.path(ERROR_DESCRIPTION).textValue();
    String safe = description == null ? "" : ": " + Sanitize.text(description, 200);
    if (INVALID_PROOF.equals(error) || INVALID_NONCE.equals(error)) {
      return new IssuanceException(Reason.PROOF_REJECTED, error + safe);
    }
    if (CREDENTIAL_REQUEST_DENIED.equals(error)) {
      return new IssuanceException(Reason.DENIED, error + safe);
    }
    if (r.status() == 401 || INVALID_TOKEN.equals(error)) {
      return new IssuanceException(Reason.OFFER_EXPIRED_OR_USED, "access token refused" + safe);
    }
    if (error == null) {
      return new IssuanceException(
          r.status() >= 500 ? Reason.ISSUER_UNREACHABLE : Reason.ISSUER_PROTOCOL,
          "the credential endpoint answered HTTP " + r.status());
    }
    return new IssuanceException(Reason.ISSUER_ERROR, Sanitize.text(error, 60) + safe);
  }

  static Integer attemptsLeft(String description) {
    if (description == null) {
      return null;
    }
    Matcher m = ATTEMPTS.matcher(description);
    if (!m.find()) {
      return null;
    }
    String n = m.group(1) != null ? m.group(1) : m.group(2);
    try {
      int v = Integer.parseInt(n);
      return v >= 0 && v < 1000 ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The proof of possession (OpenID4VCI 1.0 appendix F.1): typ, jwk; aud, iat, nonce. */
  String proof(JwsSigner holder, ECPublicKey pub, String audience, String nonce) {
    ObjectNode header = holder.header(PROOF_TYP);
    header.set(JoseHeaderNames.JWK, EcPublicJwk.toJwk(pub));
    ObjectNode claims = Json.object();
    claims.put("aud", audience);
    claims.put("iat", clock.instant().getEpochSecond());
    if (nonce != null) {
      claims.put("nonce", nonce);
    }
    return holder.sign(header, Json.write(claims));
  }

  private String nonce(String endpoint) throws IssuanceException {
    BoundedHttpClient.Response r =
        call(() -> http.postForm(uri(endpoint), Map.of(), "application/json"), endpoint);
    ObjectNode body = jsonObjectOrNull(r);
    if (!r.isSuccess() || body == null || !body.path(C_NONCE).isTextual()) {
      throw protocol("the nonce endpoint did not give a c_nonce (HTTP " + r.status() + ")");
    }
    return body.get(C_NONCE).textValue();
  }

  private static String credentialIdentifier(ObjectNode token, String configId) {
    JsonNode details = token.get(AUTHORIZATION_DETAILS);
    if (details == null || !details.isArray()) {
      return null;
    }
    for (JsonNode d : details) {
      JsonNode ids = d.path(CREDENTIAL_IDENTIFIERS);
      if (configId.equals(d.path(CREDENTIAL_CONFIGURATION_ID).textValue())
          && ids.isArray()
          && !ids.isEmpty()
          && ids.get(0).isTextual()) {
        return ids.get(0).textValue();
      }
    }
    return null;
  }

  /** The parts of the credential issuer metadata the wallet uses. */
  record IssuerMetadata(
      String credentialIssuer,
      List<String> authorizationServers,
      String credentialEndpoint,
      String nonceEndpoint,
      JsonNode configurations) {}

  IssuerMetadata issuerMetadata(String credentialIssuer) throws IssuanceException {
    URI where = wellKnown(credentialIssuer, WellKnown.OPENID_CREDENTIAL_ISSUER);
    JsonNode m = getJson(where, "the issuer metadata");
    if (!credentialIssuer.equals(m.path(CREDENTIAL_ISSUER).textValue())) {
      throw protocol("the issuer metadata names another credential_issuer");
    }
    String credentialEndpoint = m.path(CREDENTIAL_ENDPOINT).textValue();
    if (credentialEndpoint == null) {
      throw protocol("the issuer metadata has no credential_endpoint");
    }
    List<String> servers = new ArrayList<>();
    JsonNode as = m.get(AUTHORIZATION_SERVERS);
    if (as != null && as.isArray()) {
      as.forEach(
          a -> {
            if (a.isTextual()) {
              servers.add(a.textValue());
            }
          });
    }
    JsonNode configs = m.path(CREDENTIAL_CONFIGURATIONS_SUPPORTED);
    if (!configs.isObject()) {
      throw protocol("the issuer metadata has no credential_configurations_supported");
    }
    return new IssuerMetadata(
        credentialIssuer, servers, credentialEndpoint, m.path(NONCE_ENDPOINT).textValue(), configs);
  }

  private static String chooseConfiguration(CredentialOffer offer, IssuerMetadata meta)
      throws IssuanceException {
    for (String id : offer.configurationIds()) {
      JsonNode c = meta.configurations().get(id);
      if (c != null && FORMAT_SD_JWT_VC.equals(c.path(FORMAT).textValue())) {
        return id;
      }
    }
    throw new IssuanceException(
        Reason.OFFER_UNSUPPORTED, "no offered credential configuration has format dc+sd-jwt");
  }

  private String tokenEndpoint(CredentialOffer offer, IssuerMetadata meta)
      throws IssuanceException {
    String as;
    if (meta.authorizationServers().isEmpty()) {
      as = meta.credentialIssuer();
    } else if (offer.authorizationServer() != null) {
      if (!meta.authorizationServers().contains(offer.authorizationServer())) {
        throw protocol("the offer's authorization_server is not in the issuer metadata");
      }
      as = offer.authorizationServer();
    } else {
      as = meta.authorizationServers().get(0);
    }
    JsonNode m =
        getJson(
            wellKnown(as, WellKnown.OAUTH_AUTHORIZATION_SERVER),
            "the authorization server metadata");
    if (!as.equals(m.path(ISSUER).textValue())) {
      throw protocol("the authorization server metadata names another issuer");
    }
    String token = m.path(TOKEN_ENDPOINT).textValue();
    if (token == null) {
      throw protocol("the authorization server metadata has no token_endpoint");
    }
    return token;
  }

  private static URI wellKnown(String id, String name) throws IssuanceException {
    try {
      return WellKnown.uri(id, name);
    } catch (IllegalArgumentException e) {
      throw new IssuanceException(Reason.OFFER_INVALID, "issuer identifier: " + e.getMessage());
    }
  }

  private JsonNode getJson(URI uri, String what) throws IssuanceException {
    BoundedHttpClient.Response r = call(() -> http.get(uri, "application/json"), uri.toString());
    if (!r.isSuccess()) {
      throw new IssuanceException(
          r.status() >= 500 ? Reason.ISSUER_UNREACHABLE : Reason.ISSUER_PROTOCOL,
          what + " could not be fetched: HTTP " + r.status());
    }
    ObjectNode o = jsonObjectOrNull(r);
    if (o == null) {
      throw protocol(what + " is not a JSON object");
    }
    return o;
  }

  private static ObjectNode jsonObjectOrNull(BoundedHttpClient.Response r) {
    if (r.body().length == 0) {
      return null;
    }
    try {
      return Json.parseObject(r.body());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static URI uri(String s) throws IOException {
    try {
      return new URI(s);
    } catch (URISyntaxException e) {
      throw new IOException("not a URL: " + e.getReason());
    }
  }

  @FunctionalInterface
  private interface HttpCall {
    BoundedHttpClient.Response run() throws IOException;
  }

  private static BoundedHttpClient.Response call(HttpCall c, String where)
      throws IssuanceException {
    try {
      return c.run();
    } catch (IOException e) {
      throw new IssuanceException(Reason.ISSUER_UNREACHABLE, String.valueOf(e.getMessage()));
    } catch (IllegalArgumentException e) {
      throw new IssuanceException(Reason.ISSUER_PROTOCOL, "bad URL from the issuer");
    }
  }

  private static IssuanceException protocol(String detail) {
    return new IssuanceException(Reason.ISSUER_PROTOCOL, detail);
  }

  private static Map<String, String> query(String rawQuery) throws IssuanceException {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery == null) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        k = URLDecoder.decode(k, StandardCharsets.UTF_8);
        v = URLDecoder.decode(v, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new IssuanceException(Reason.OFFER_INVALID, "bad percent-encoding in the offer");
      }
      if (out.put(k, v) != null) {
        throw new IssuanceException(
            Reason.OFFER_INVALID, "parameter " + Sanitize.text(k, 40) + " repeated");
      }
    }
    return out;
  }
}
