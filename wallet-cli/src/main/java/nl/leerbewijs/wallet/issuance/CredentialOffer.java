package nl.leerbewijs.wallet.issuance;

import static nl.leerbewijs.wallet.issuance.Oid4vciNames.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed credential offer (OpenID4VCI 1.0 section 4.1.1) with a pre-authorized code grant. Parsed
 * is not trusted: nothing here has been checked against the issuer yet.
 *
 * @param credentialIssuer the credential issuer identifier
 * @param configurationIds the offered credential configuration ids (non-empty)
 * @param preAuthorizedCode the pre-authorized code (secret: never printed)
 * @param txCode the transaction code (PIN) requirements, or null when no PIN is needed
 * @param authorizationServer the grant's {@code authorization_server}, or null
 */
public record CredentialOffer(
    String credentialIssuer,
    List<String> configurationIds,
    String preAuthorizedCode,
    TxCode txCode,
    String authorizationServer) {

  /** Longest {@code tx_code.description} shown (the spec caps it at 300 characters). */
  public static final int MAX_DESCRIPTION = 300;

  public CredentialOffer {
    Objects.requireNonNull(credentialIssuer);
    configurationIds = List.copyOf(configurationIds);
    Objects.requireNonNull(preAuthorizedCode);
  }

  /**
   * What the PIN looks like.
   *
   * @param numeric whether only digits are expected ({@code input_mode} numeric, the default)
   * @param length the expected length, or null
   * @param description the issuer's hint where to find the PIN (sanitised), or null
   */
  public record TxCode(boolean numeric, Integer length, String description) {}

  public Optional<TxCode> txCodeRequirement() {
    return Optional.ofNullable(txCode);
  }

  @Override
  public String toString() {
    return "CredentialOffer[" + credentialIssuer + ", " + configurationIds + "]";
  }

  /**
   * Parses the offer object.
   *
   * @throws IssuanceException {@code OFFER_INVALID} or {@code OFFER_UNSUPPORTED}
   */
  public static CredentialOffer fromJson(JsonNode offer) throws IssuanceException {
    if (offer == null || !offer.isObject()) {
      throw invalid("the credential offer is not a JSON object");
    }
    String issuer = offer.path(CREDENTIAL_ISSUER).textValue();
    if (issuer == null || issuer.isBlank()) {
      throw invalid("credential_issuer is missing");
    }
    JsonNode ids = offer.get(CREDENTIAL_CONFIGURATION_IDS);
    if (ids == null || !ids.isArray() || ids.isEmpty()) {
      throw invalid("credential_configuration_ids is missing or empty");
    }
    List<String> configIds = new ArrayList<>();
    for (JsonNode id : ids) {
      if (!id.isTextual() || configIds.contains(id.textValue())) {
        throw invalid("credential_configuration_ids holds a non-string or duplicate");
      }
      configIds.add(id.textValue());
    }
    JsonNode grant = offer.path(GRANTS).path(PRE_AUTHORIZED_GRANT);
    if (!grant.isObject()) {
      throw new IssuanceException(
          IssuanceException.Reason.OFFER_UNSUPPORTED,
          "the offer has no pre-authorized code grant (only those are supported)");
    }
    String code = grant.path(PRE_AUTHORIZED_CODE).textValue();
    if (code == null || code.isEmpty()) {
      throw invalid("pre-authorized_code is missing");
    }
    TxCode tx = null;
    JsonNode txNode = grant.get(TX_CODE);
    if (txNode != null && !txNode.isNull()) {
      if (!txNode.isObject()) {
        throw invalid("tx_code is not an object");
      }
      String mode = txNode.path(INPUT_MODE).asText("numeric");
      JsonNode len = txNode.get(LENGTH);
      Integer length = len != null && len.isInt() && len.intValue() > 0 ? len.intValue() : null;
      String description = txNode.path(DESCRIPTION).textValue();
      tx =
          new TxCode(
              !"text".equals(mode),
              length,
              description == null ? null : Sanitize.text(description, MAX_DESCRIPTION));
    }
    String as = grant.path(AUTHORIZATION_SERVER).textValue();
    return new CredentialOffer(issuer, configIds, code, tx, as);
  }

  private static IssuanceException invalid(String detail) {
    return new IssuanceException(IssuanceException.Reason.OFFER_INVALID, detail);
  }
}
