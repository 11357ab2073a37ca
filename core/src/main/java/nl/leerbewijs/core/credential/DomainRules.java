package nl.leerbewijs.core.credential;

import static nl.leerbewijs.core.credential.LeerbewijsClaims.ASSESSMENT_DATE;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.BRIN;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.ECTS;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.EQF;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.FROM;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.INSTITUTION;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.KEUZEDEEL_CODE;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.KVK;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.NLQF;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.OIN;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.PART;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.PART_KEUZEDEEL;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.PERIOD;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.TO;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.VALID_UNTIL;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import nl.leerbewijs.core.schema.Violation;
import nl.leerbewijs.core.schema.ViolationCodes;

/**
 * The rules of the Dutch credential domain that a JSON Schema cannot express or that an issuer may
 * configure: the ECTS range of a microcredential, the EQF level derived from NLQF, mbo levels 1–4,
 * the keuzedeel code, an institution identifier, and the order of dates.
 *
 * <p>Rules only look at values of the right JSON type and format; a value of the wrong shape is the
 * JSON Schema's to report. {@link #check} never throws on hostile input. Immutable and thread-safe.
 * Use them through {@code CredentialValidator}, which runs the schema too.
 */
public final class DomainRules {

  /** The rules with national defaults (ECTS 3–30). */
  public static final DomainRules DEFAULT = builder().build();

  private static final int MBO_MIN_LEVEL = 1;
  private static final int MBO_MAX_LEVEL = 4;

  private final EctsRange ectsRange;

  private DomainRules(Builder builder) {
    this.ectsRange = builder.ectsRange;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The allowed ECTS range for microcredentials. */
  public EctsRange ectsRange() {
    return ectsRange;
  }

  /**
   * Checks the claims of a credential of {@code type} and returns every violated domain rule, in a
   * stable order; empty when all hold. Claims that are absent are not checked here (the schema
   * decides what is required).
   */
  public List<Violation> check(CredentialType type, JsonNode claims) {
    Objects.requireNonNull(type, "type");
    List<Violation> out = new ArrayList<>();
    if (claims == null || !claims.isObject()) {
      return out;
    }
    checkInstitution(claims, out);
    checkEqf(claims, out);
    switch (type) {
      case MICROCREDENTIAL -> checkEcts(claims, out);
      case MBO_CERTIFICAAT -> {
        checkMboLevel(claims, out);
        checkKeuzedeel(claims, out);
      }
      case PRAKTIJKVERKLARING -> {
        checkMboLevel(claims, out);
        checkPeriod(claims, out);
      }
      case EVC_ERVARINGSCERTIFICAAT -> checkValidUntil(claims, out);
    }
    return out;
  }

  private static void checkInstitution(JsonNode claims, List<Violation> out) {
    JsonNode institution = claims.get(INSTITUTION);
    if (institution != null
        && institution.isObject()
        && !institution.has(BRIN)
        && !institution.has(OIN)
        && !institution.has(KVK)) {
      out.add(
          new Violation(
              "/" + INSTITUTION,
              ViolationCodes.DOMAIN_INSTITUTION_IDENTIFIER,
              "institution needs at least one identifier: brin, oin or kvk"));
    }
  }

  private static void checkEqf(JsonNode claims, List<Violation> out) {
    JsonNode eqf = claims.get(EQF);
    if (eqf == null || !eqf.isIntegralNumber()) {
      return;
    }
    Optional<NlqfLevel> nlqf = nlqf(claims);
    if (nlqf.isEmpty()) {
      if (!claims.has(NLQF)) {
        out.add(
            new Violation(
                "/" + EQF,
                ViolationCodes.DOMAIN_EQF_MISMATCH,
                "eqf " + eqf.asText() + " is given without an nlqf level to derive it from"));
      }
      return;
    }
    OptionalInt derived = nlqf.get().eqf();
    if (derived.isEmpty()) {
      out.add(
          new Violation(
              "/" + EQF,
              ViolationCodes.DOMAIN_EQF_MISMATCH,
              "eqf " + eqf.asText() + " is given but nlqf entry has no EQF level"));
    } else if (!eqf.canConvertToInt() || eqf.intValue() != derived.getAsInt()) {
      out.add(
          new Violation(
              "/" + EQF,
              ViolationCodes.DOMAIN_EQF_MISMATCH,
              "eqf "
                  + eqf.asText()
                  + " does not match nlqf "
                  + nlqf.get().claimValue()
                  + ", which maps to eqf "
                  + derived.getAsInt()));
    }
  }

  private void checkEcts(JsonNode claims, List<Violation> out) {
    JsonNode ects = claims.get(ECTS);
    if (ects == null || !ects.isNumber()) {
      return;
    }
    if (!ectsRange.contains(ects.decimalValue())) {
      out.add(
          new Violation(
              "/" + ECTS,
              ViolationCodes.DOMAIN_ECTS_RANGE,
              "ects "
                  + EctsRange.plain(ects.decimalValue())
                  + " is outside the allowed range "
                  + ectsRange));
    }
  }

  private static void checkMboLevel(JsonNode claims, List<Violation> out) {
    nlqf(claims)
        .filter(level -> level.rank() < MBO_MIN_LEVEL || level.rank() > MBO_MAX_LEVEL)
        .ifPresent(
            level ->
                out.add(
                    new Violation(
                        "/" + NLQF,
                        ViolationCodes.DOMAIN_MBO_LEVEL,
                        "nlqf "
                            + level.claimValue()
                            + " is not an mbo level: expected "
                            + MBO_MIN_LEVEL
                            + " to "
                            + MBO_MAX_LEVEL)));
  }

  private static void checkKeuzedeel(JsonNode claims, List<Violation> out) {
    JsonNode part = claims.get(PART);
    if (part == null || !part.isTextual()) {
      return;
    }
    boolean keuzedeel = PART_KEUZEDEEL.equals(part.textValue());
    boolean hasCode = claims.has(KEUZEDEEL_CODE);
    if (keuzedeel && !hasCode) {
      out.add(
          new Violation(
              "/" + KEUZEDEEL_CODE,
              ViolationCodes.DOMAIN_KEUZEDEEL_CODE,
              "keuzedeel_code is required when part is keuzedeel"));
    } else if (!keuzedeel && hasCode) {
      out.add(
          new Violation(
              "/" + KEUZEDEEL_CODE,
              ViolationCodes.DOMAIN_KEUZEDEEL_CODE,
              "keuzedeel_code is only allowed when part is keuzedeel, not " + part.textValue()));
    }
  }

  private static void checkPeriod(JsonNode claims, List<Violation> out) {
    JsonNode period = claims.get(PERIOD);
    if (period == null || !period.isObject()) {
      return;
    }
    Optional<LocalDate> from = date(period.get(FROM));
    Optional<LocalDate> to = date(period.get(TO));
    if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
      out.add(
          new Violation(
              "/" + PERIOD,
              ViolationCodes.DOMAIN_PERIOD_ORDER,
              "period from " + from.get() + " is after period to " + to.get()));
    }
  }

  private static void checkValidUntil(JsonNode claims, List<Violation> out) {
    Optional<LocalDate> assessed = date(claims.get(ASSESSMENT_DATE));
    Optional<LocalDate> validUntil = date(claims.get(VALID_UNTIL));
    if (assessed.isPresent()
        && validUntil.isPresent()
        && validUntil.get().isBefore(assessed.get())) {
      out.add(
          new Violation(
              "/" + VALID_UNTIL,
              ViolationCodes.DOMAIN_VALID_UNTIL_ORDER,
              "valid_until " + validUntil.get() + " is before assessment_date " + assessed.get()));
    }
  }

  private static Optional<NlqfLevel> nlqf(JsonNode claims) {
    JsonNode nlqf = claims.get(NLQF);
    return nlqf != null && nlqf.isTextual()
        ? NlqfLevel.fromClaim(nlqf.textValue())
        : Optional.empty();
  }

  private static Optional<LocalDate> date(JsonNode node) {
    if (node == null || !node.isTextual() || node.textValue().length() != 10) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(node.textValue(), DateTimeFormatter.ISO_LOCAL_DATE));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Builder for {@link DomainRules}; defaults are the national rules. */
  public static final class Builder {
    private EctsRange ectsRange = EctsRange.DEFAULT;

    private Builder() {}

    /** The allowed ECTS range for microcredentials; default {@link EctsRange#DEFAULT}. */
    public Builder ectsRange(EctsRange ectsRange) {
      this.ectsRange = Objects.requireNonNull(ectsRange, "ectsRange");
      return this;
    }

    public DomainRules build() {
      return new DomainRules(this);
    }
  }
}
