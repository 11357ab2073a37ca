package nl.leerbewijs.issuer.award;

import java.time.Instant;
import java.util.UUID;

/** One award with its offer, as answered to the school (secrets are derived when rendering). */
public record AwardView(
    UUID id,
    int row,
    String type,
    String learnerReference,
    Instant createdAt,
    UUID offerId,
    Instant offerExpiresAt,
    boolean txCode) {}
