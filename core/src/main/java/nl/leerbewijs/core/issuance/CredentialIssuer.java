package nl.leerbewijs.core.issuance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.core.credential.LeerbewijsClaims;
import nl.leerbewijs.core.credential.NlqfLevel;
import nl.leerbewijs.core.credential.TypeMetadata;
import nl.leerbewijs.core.schema.CredentialValidator;
import nl.leerbewijs.core.schema.ValidationMode;
import nl.leerbewijs.core.schema.Violation;
import nl.leerbewijs.core.sdjwt.DisclosurePlan;
import nl.leerbewijs.core.vc.SdJwtVcIssuer;
import nl.leerbewijs.core.vc.StatusReference;

/**
 * Turns a school's award into a signed leerbewijs SD-JWT VC.
 *
 * <p>Two steps, because they happen at different moments in the issuer service: {@link #prepare}
 * validates the award (schema and domain rules, {@link ValidationMode#AWARD}) and derives the EQF
 * level from the NLQF level when the school submits it; {@link #issue} signs the prepared claims
 * when the learner's wallet collects the credential, with the claims the type metadata marks {@code
 * sd: always} made selectively disclosable.
 */
public final class CredentialIssuer {

  private static final Map<CredentialType, Set<List<Object>>> SD_PATHS = new ConcurrentHashMap<>();
  private static final Map<CredentialType, DisclosurePlan> PLANS = new ConcurrentHashMap<>();

  private final SdJwtVcIssuer issuer;

  public CredentialIssuer(SdJwtVcIssuer issuer) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
  }

  /**
   * Validates an award and returns the credential claims to sign later.
   *
   * @throws AwardRejectedException listing every violation, each with its JSON pointer
   */
  public static ObjectNode prepare(
      CredentialValidator validator, CredentialType type, JsonNode award) {
    List<Violation> violations = validator.validate(type, award, ValidationMode.AWARD);
    if (!violations.isEmpty()) {
      throw new AwardRejectedException(type, violations);
    }
    ObjectNode claims = ((ObjectNode) award).deepCopy();
    JsonNode nlqf = claims.get(LeerbewijsClaims.NLQF);
    if (nlqf != null) {
      OptionalInt eqf =
          NlqfLevel.fromClaim(nlqf.asText()).map(NlqfLevel::eqf).orElse(OptionalInt.empty());
      if (eqf.isPresent()) {
        claims.put(LeerbewijsClaims.EQF, eqf.getAsInt());
      }
    }
    return claims;
  }

  /** The claim paths made selectively disclosable for a type (from its type metadata). */
  public static Set<List<Object>> selectivelyDisclosablePaths(CredentialType type) {
    return SD_PATHS.computeIfAbsent(
        type,
        t -> Set.copyOf(new HashSet<>(TypeMetadata.forType(t).selectivelyDisclosablePaths())));
  }

  /**
   * Signs prepared claims as an SD-JWT VC of the given type.
   *
   * @param holderKey the wallet's key for {@code cnf}, or null for an unbound credential
   * @param status the credential's status list entry, or null
   * @param expiresAt {@code exp}, or null
   */
  public String issue(
      CredentialType type,
      ObjectNode preparedClaims,
      ECPublicKey holderKey,
      StatusReference status,
      Instant expiresAt) {
    return issuer.issue(
        type.vct(),
        preparedClaims,
        PLANS.computeIfAbsent(type, t -> DisclosurePlan.of(selectivelyDisclosablePaths(t))),
        holderKey,
        status,
        expiresAt);
  }
}
