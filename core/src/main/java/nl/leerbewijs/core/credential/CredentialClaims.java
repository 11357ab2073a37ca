package nl.leerbewijs.core.credential;

import static nl.leerbewijs.core.credential.LeerbewijsClaims.AWARD_DATE;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.DESCRIPTION;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.ECTS;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.EQF;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.FAMILY_NAME;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.GIVEN_NAME;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.INSTITUTION;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.LABEL;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.LEARNER;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.NAME;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.NL;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.NLQF;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.SKILLS;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.TITLE;
import static nl.leerbewijs.core.credential.LeerbewijsClaims.URI;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A read-only typed view of a credential's claim document, for display.
 *
 * <p>The view is lenient: the claims may be partial (the holder disclosed only some) or even
 * malformed; an accessor returns empty when its claim is absent or has the wrong shape, and never
 * throws. Being a view says nothing about validity or authenticity: validate with {@code
 * CredentialValidator} and verify the SD-JWT VC before trusting what it shows.
 */
public final class CredentialClaims {

  private final CredentialType type;
  private final ObjectNode claims;

  private CredentialClaims(CredentialType type, ObjectNode claims) {
    this.type = type;
    this.claims = claims;
  }

  /** A view over a copy of {@code claims}. */
  public static CredentialClaims of(CredentialType type, ObjectNode claims) {
    return new CredentialClaims(
        Objects.requireNonNull(type, "type"), Objects.requireNonNull(claims, "claims").deepCopy());
  }

  /** A view whose type comes from the {@code vct} claim; empty when it is not a leerbewijs type. */
  public static Optional<CredentialClaims> fromVct(ObjectNode claims) {
    JsonNode vct = claims.get("vct");
    if (vct == null || !vct.isTextual()) {
      return Optional.empty();
    }
    return CredentialType.fromVct(vct.textValue()).map(type -> of(type, claims));
  }

  public CredentialType type() {
    return type;
  }

  /** A copy of the underlying claims. */
  public ObjectNode json() {
    return claims.deepCopy();
  }

  /** The title in {@code locale}'s language ({@code nl} or {@code en}), else the Dutch title. */
  public Optional<String> title(Locale locale) {
    return localized(claims.get(TITLE), locale);
  }

  /** The description in {@code locale}'s language, else Dutch; empty when not disclosed. */
  public Optional<String> description(Locale locale) {
    return localized(claims.get(DESCRIPTION), locale);
  }

  /** "given_name family_name" of the learner; empty when the learner was not disclosed. */
  public Optional<String> learnerName() {
    JsonNode learner = claims.get(LEARNER);
    if (learner == null || !learner.isObject()) {
      return Optional.empty();
    }
    Optional<String> given = text(learner.get(GIVEN_NAME));
    Optional<String> family = text(learner.get(FAMILY_NAME));
    if (given.isEmpty() && family.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of((given.orElse("") + " " + family.orElse("")).trim());
  }

  public Optional<String> institutionName() {
    JsonNode institution = claims.get(INSTITUTION);
    return institution != null && institution.isObject()
        ? text(institution.get(NAME))
        : Optional.empty();
  }

  public Optional<LocalDate> awardDate() {
    Optional<String> value = text(claims.get(AWARD_DATE));
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(value.get(), DateTimeFormatter.ISO_LOCAL_DATE));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  public Optional<NlqfLevel> nlqf() {
    return text(claims.get(NLQF)).flatMap(NlqfLevel::fromClaim);
  }

  /**
   * The EQF level as derived from {@link #nlqf()}; an {@code eqf} claim is not trusted for display
   * (the validator checks that it agrees).
   */
  public OptionalInt eqf() {
    Optional<NlqfLevel> nlqf = nlqf();
    if (nlqf.isPresent()) {
      return nlqf.get().eqf();
    }
    JsonNode eqf = claims.get(EQF);
    return eqf != null && eqf.isIntegralNumber() && eqf.canConvertToInt()
        ? OptionalInt.of(eqf.intValue())
        : OptionalInt.empty();
  }

  public Optional<BigDecimal> ects() {
    JsonNode ects = claims.get(ECTS);
    return ects != null && ects.isNumber() ? Optional.of(ects.decimalValue()) : Optional.empty();
  }

  /** The disclosed skills in order; malformed entries are skipped. */
  public List<Skill> skills() {
    JsonNode skills = claims.get(SKILLS);
    List<Skill> out = new ArrayList<>();
    if (skills == null || !skills.isArray()) {
      return out;
    }
    for (JsonNode skill : skills) {
      if (skill.isObject()) {
        text(skill.get(LABEL))
            .ifPresent(label -> out.add(new Skill(label, text(skill.get(URI)).orElse(null))));
      }
    }
    return List.copyOf(out);
  }

  private static Optional<String> localized(JsonNode text, Locale locale) {
    if (text == null || !text.isObject()) {
      return Optional.empty();
    }
    if (locale != null) {
      Optional<String> wanted = text(text.get(locale.getLanguage()));
      if (wanted.isPresent()) {
        return wanted;
      }
    }
    return text(text.get(NL));
  }

  private static Optional<String> text(JsonNode node) {
    return node != null && node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
  }

  /**
   * A skill: its label and optionally an ESCO or other https URI.
   *
   * @param label the skill's label
   * @param uri the URI as written in the claim, or {@code null}
   */
  public record Skill(String label, String uri) {
    public Skill {
      Objects.requireNonNull(label, "label");
    }

    public Optional<String> uriValue() {
      return Optional.ofNullable(uri);
    }
  }
}
