package nl.leerbewijs.issuer.award;

import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.leerbewijs.core.credential.CredentialType;

/**
 * One award as submitted (before validation).
 *
 * @param row position in its request: 0 for a single award, the array index of a batch, the line
 *     number of a CSV row (header = 1)
 * @param claims the credential claims (validated later with core's {@code CredentialIssuer})
 * @param learnerReference the school's own reference to the learner, for search (may be null)
 * @param txCode whether the offer is protected by a PIN
 */
public record AwardInput(
    int row, CredentialType type, ObjectNode claims, String learnerReference, boolean txCode) {}
