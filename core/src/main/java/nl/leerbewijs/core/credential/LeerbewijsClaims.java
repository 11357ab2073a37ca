package nl.leerbewijs.core.credential;

import java.util.Set;

/**
 * Claim names of the leerbewijs claim document (snake_case), and the names the SD-JWT VC layer adds
 * on top of it. The JSON Schemas in {@code leerbewijs-schemas} are the normative definition.
 */
public final class LeerbewijsClaims {

  private LeerbewijsClaims() {}

  // Common to all four types.
  public static final String LEARNER = "learner";
  public static final String GIVEN_NAME = "given_name";
  public static final String FAMILY_NAME = "family_name";
  public static final String BIRTHDATE = "birthdate";
  public static final String STUDENT_ID = "student_id";
  public static final String INSTITUTION = "institution";
  public static final String NAME = "name";
  public static final String BRIN = "brin";
  public static final String OIN = "oin";
  public static final String KVK = "kvk";
  public static final String TITLE = "title";
  public static final String DESCRIPTION = "description";
  public static final String NL = "nl";
  public static final String EN = "en";
  public static final String AWARD_DATE = "award_date";
  public static final String NLQF = "nlqf";
  public static final String EQF = "eqf";
  public static final String SKILLS = "skills";
  public static final String LABEL = "label";
  public static final String URI = "uri";

  // microcredential
  public static final String ECTS = "ects";
  public static final String STUDY_LOAD_HOURS = "study_load_hours";
  public static final String PARTICIPATION = "participation";
  public static final String ASSESSMENT = "assessment";
  public static final String IDENTITY_VERIFIED = "identity_verified";
  public static final String SUPERVISED = "supervised";
  public static final String QUALITY_FRAMEWORK = "quality_framework";
  public static final String LEARNING_OUTCOMES = "learning_outcomes";
  public static final String STACKABLE = "stackable";

  // mbo-certificaat and praktijkverklaring
  public static final String CREBO = "crebo";
  public static final String PART = "part";
  public static final String PART_KEUZEDEEL = "keuzedeel";
  public static final String PART_BEROEPSGERICHT_DEEL = "beroepsgericht_deel";
  public static final String KEUZEDEEL_CODE = "keuzedeel_code";
  public static final String QUALIFICATION_NAME = "qualification_name";
  public static final String WERKPROCESSEN = "werkprocessen";
  public static final String CODE = "code";
  public static final String LEERBEDRIJF = "leerbedrijf";
  public static final String PRAKTIJKOPLEIDER = "praktijkopleider";
  public static final String PERIOD = "period";
  public static final String FROM = "from";
  public static final String TO = "to";

  // evc-ervaringscertificaat
  public static final String STANDARD = "standard";
  public static final String KIND = "kind";
  public static final String COMPETENCES = "competences";
  public static final String ASSESSMENT_DATE = "assessment_date";
  public static final String ASSESSOR = "assessor";
  public static final String VALID_UNTIL = "valid_until";

  /**
   * Top-level names the SD-JWT VC layer (draft-ietf-oauth-sd-jwt-vc, RFC 7519, RFC 9901) puts next
   * to the claim document. The schemas allow them so that processed credential payloads validate;
   * award input must not carry them.
   */
  public static final Set<String> SD_JWT_VC_LAYER =
      Set.of("vct", "iss", "iat", "nbf", "exp", "sub", "cnf", "status", "_sd_alg");
}
