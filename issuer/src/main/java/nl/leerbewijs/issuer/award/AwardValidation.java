package nl.leerbewijs.issuer.award;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import nl.leerbewijs.core.credential.DomainRules;
import nl.leerbewijs.core.credential.EctsRange;
import nl.leerbewijs.core.credential.LeerbewijsClaims;
import nl.leerbewijs.core.issuance.AwardRejectedException;
import nl.leerbewijs.core.issuance.CredentialIssuer;
import nl.leerbewijs.core.schema.CredentialValidator;
import nl.leerbewijs.core.schema.Violation;
import nl.leerbewijs.issuer.http.ProblemException.FieldError;
import nl.leerbewijs.issuer.tenant.Tenant;

/**
 * Validates awards for a tenant: the type must be one the tenant may award; the claims go through
 * core's {@link CredentialIssuer#prepare} (schema and domain rules, with the tenant's ECTS range
 * when it has one). When the claims have no {@code institution}, the tenant's name and identifiers
 * are filled in. Validators are cached per ECTS range (they are immutable and thread-safe).
 */
public final class AwardValidation {
  private final Map<EctsRange, CredentialValidator> validators = new ConcurrentHashMap<>();

  /** A validated award ready to store. */
  public record Prepared(AwardInput input, ObjectNode claims) {}

  /**
   * @param claimsPrefix prefix of claim pointers in the request ({@code /claims}, {@code
   *     /3/claims}, or "" for CSV)
   * @param typePointer pointer of the award's type in the request
   * @param columnOf maps a claim pointer to the CSV column reported (null for JSON)
   * @return the prepared claims, or null when errors were added to {@code rej}
   */
  Prepared prepare(
      Tenant tenant,
      AwardInput in,
      Integer row,
      String claimsPrefix,
      String typePointer,
      Function<String, String> columnOf,
      AwardRejection rej) {
    if (!tenant.credentialTypes().contains(in.type().id())) {
      rej.add(
          new FieldError(
              typePointer,
              "type_not_allowed",
              "this school may award " + tenant.credentialTypes() + ", not " + in.type().id(),
              row,
              columnOf == null ? null : "type"));
      return null;
    }
    ObjectNode claims = in.claims().deepCopy();
    if (!claims.has(LeerbewijsClaims.INSTITUTION)) {
      ObjectNode inst = claims.putObject(LeerbewijsClaims.INSTITUTION);
      inst.put("name", tenant.name());
      if (tenant.brin() != null) {
        inst.put(LeerbewijsClaims.BRIN, tenant.brin());
      }
      if (tenant.oin() != null) {
        inst.put(LeerbewijsClaims.OIN, tenant.oin());
      }
      if (tenant.kvk() != null) {
        inst.put(LeerbewijsClaims.KVK, tenant.kvk());
      }
    }
    try {
      return new Prepared(in, CredentialIssuer.prepare(validator(tenant), in.type(), claims));
    } catch (AwardRejectedException e) {
      List<Violation> vs = e.violations();
      for (Violation v : vs) {
        rej.add(
            new FieldError(
                claimsPrefix + v.pointer(),
                v.code(),
                v.message(),
                row,
                columnOf == null ? null : columnOf.apply(v.pointer())));
      }
      return null;
    }
  }

  private CredentialValidator validator(Tenant t) {
    EctsRange def = EctsRange.DEFAULT;
    EctsRange range =
        t.ectsMin() == null && t.ectsMax() == null
            ? def
            : new EctsRange(
                t.ectsMin() == null ? def.min() : t.ectsMin(),
                t.ectsMax() == null ? def.max() : t.ectsMax());
    return validators.computeIfAbsent(
        range, r -> new CredentialValidator(DomainRules.builder().ectsRange(r).build()));
  }
}
