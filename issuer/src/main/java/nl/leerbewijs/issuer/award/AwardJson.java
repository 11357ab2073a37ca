package nl.leerbewijs.issuer.award;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.issuer.http.ProblemException.FieldError;

/**
 * Reads the JSON form of an award: {@code {"type", "claims", "learner_reference"?, "tx_code"?}}.
 * Problems are added to an {@link AwardRejection} with pointers into the request.
 */
final class AwardJson {
  static final String TYPE = "type";
  static final String CLAIMS = "claims";
  static final String LEARNER_REFERENCE = "learner_reference";
  static final String TX_CODE = "tx_code";
  static final int MAX_LEARNER_REFERENCE = 200;
  private static final Set<String> MEMBERS = Set.of(TYPE, CLAIMS, LEARNER_REFERENCE, TX_CODE);

  private AwardJson() {}

  /**
   * @param prefix JSON pointer of the award in the request ("" for a single award, "/3" in a batch)
   * @param row the row to report (null for a single award)
   * @return the award, or empty when it had errors (added to {@code rej})
   */
  static Optional<AwardInput> parse(JsonNode node, String prefix, Integer row, AwardRejection rej) {
    if (node == null || !node.isObject()) {
      rej.add(
          new FieldError(
              prefix.isEmpty() ? "/" : prefix,
              "type",
              "an award must be a JSON object {\"type\", \"claims\", ...}",
              row,
              null));
      return Optional.empty();
    }
    boolean ok = true;
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!MEMBERS.contains(name)) {
        rej.add(
            new FieldError(
                prefix + "/" + name,
                "unknown_member",
                "unknown member '" + name + "'; expected type, claims, learner_reference, tx_code",
                row,
                null));
        ok = false;
      }
    }
    JsonNode type = node.get(TYPE);
    Optional<CredentialType> t =
        type != null && type.isTextual()
            ? CredentialType.fromId(type.textValue())
            : Optional.empty();
    if (t.isEmpty()) {
      rej.add(
          new FieldError(
              prefix + "/" + TYPE,
              "unknown_type",
              "type must be one of microcredential, mbo-certificaat, praktijkverklaring,"
                  + " evc-ervaringscertificaat",
              row,
              null));
      ok = false;
    }
    JsonNode claims = node.get(CLAIMS);
    if (claims == null || !claims.isObject()) {
      rej.add(
          new FieldError(
              prefix + "/" + CLAIMS,
              "required",
              "claims must be a JSON object with the credential's claims",
              row,
              null));
      ok = false;
    }
    JsonNode ref = node.get(LEARNER_REFERENCE);
    String learnerReference = null;
    if (ref != null && !ref.isNull()) {
      if (!ref.isTextual()
          || ref.textValue().isBlank()
          || ref.textValue().length() > MAX_LEARNER_REFERENCE) {
        rej.add(
            new FieldError(
                prefix + "/" + LEARNER_REFERENCE,
                "invalid",
                "learner_reference must be a string of 1 to "
                    + MAX_LEARNER_REFERENCE
                    + " characters",
                row,
                null));
        ok = false;
      } else {
        learnerReference = ref.textValue();
      }
    }
    JsonNode tx = node.get(TX_CODE);
    if (tx != null && !tx.isNull() && !tx.isBoolean()) {
      rej.add(
          new FieldError(
              prefix + "/" + TX_CODE, "invalid", "tx_code must be true or false", row, null));
      ok = false;
    }
    if (!ok) {
      return Optional.empty();
    }
    return Optional.of(
        new AwardInput(
            row == null ? 0 : row,
            t.get(),
            (ObjectNode) claims,
            learnerReference,
            tx != null && tx.asBoolean(false)));
  }
}
