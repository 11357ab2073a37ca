package nl.leerbewijs.issuer.oid4vci;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import nl.leerbewijs.issuer.config.IssuerConfig;

/**
 * Credential Offer objects (OpenID4VCI 1.0 section 4.1) and their URIs, by value ({@code
 * credential_offer}) and by reference ({@code credential_offer_uri}).
 */
public final class CredentialOffers {
  private final IssuerConfig config;
  private final OfferSecrets secrets;

  public CredentialOffers(IssuerConfig config, OfferSecrets secrets) {
    this.config = config;
    this.secrets = secrets;
  }

  public OfferSecrets secrets() {
    return secrets;
  }

  /** The Credential Offer object of one offer. */
  public JsonObject offer(String tenantPath, UUID offerId, String typeId, boolean txCode) {
    JsonObject grant =
        new JsonObject().put(Oid4vciNames.PRE_AUTHORIZED_CODE, secrets.preAuthorizedCode(offerId));
    if (txCode) {
      grant.put(
          Oid4vciNames.TX_CODE,
          new JsonObject()
              .put("input_mode", "numeric")
              .put("length", OfferSecrets.TX_CODE_LENGTH)
              .put("description", "Vul de pincode in die je van je school hebt gekregen."));
    }
    return new JsonObject()
        .put(Oid4vciNames.CREDENTIAL_ISSUER, config.issuerIdentifier(tenantPath))
        .put(Oid4vciNames.CREDENTIAL_CONFIGURATION_IDS, new JsonArray().add(typeId))
        .put(Oid4vciNames.GRANTS, new JsonObject().put(Oid4vciNames.PRE_AUTHORIZED_GRANT, grant));
  }

  /** Where the offer is served by reference. */
  public String offerUrl(String tenantPath, UUID offerId) {
    return config.issuerIdentifier(tenantPath) + "/offers/" + secrets.reference(offerId);
  }

  /** {@code openid-credential-offer://?credential_offer_uri=...}. */
  public String byReferenceUri(String tenantPath, UUID offerId) {
    return Oid4vciNames.OFFER_SCHEME
        + "?"
        + Oid4vciNames.CREDENTIAL_OFFER_URI
        + "="
        + enc(offerUrl(tenantPath, offerId));
  }

  /** {@code openid-credential-offer://?credential_offer=...}. */
  public String byValueUri(String tenantPath, UUID offerId, String typeId, boolean txCode) {
    return Oid4vciNames.OFFER_SCHEME
        + "?"
        + Oid4vciNames.CREDENTIAL_OFFER
        + "="
        + enc(offer(tenantPath, offerId, typeId, txCode).encode());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
