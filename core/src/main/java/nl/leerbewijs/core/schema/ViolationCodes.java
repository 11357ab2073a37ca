package nl.leerbewijs.core.schema;

/**
 * The stable codes of {@link Violation}s.
 *
 * <p>JSON Schema violations are {@value #SCHEMA_PREFIX} followed by the failing keyword ({@code
 * schema.required}, {@code schema.pattern}, {@code schema.enum}, {@code schema.type}, {@code
 * schema.additionalProperties}, {@code schema.minItems}, {@code schema.format}...). Domain rules
 * (checks across fields or configurable per issuer) and award-input rules have fixed codes below.
 */
public final class ViolationCodes {

  private ViolationCodes() {}

  /** Prefix of every JSON Schema violation code; the JSON Schema keyword follows. */
  public static final String SCHEMA_PREFIX = "schema.";

  public static final String SCHEMA_REQUIRED = "schema.required";
  public static final String SCHEMA_TYPE = "schema.type";
  public static final String SCHEMA_PATTERN = "schema.pattern";
  public static final String SCHEMA_ENUM = "schema.enum";
  public static final String SCHEMA_CONST = "schema.const";
  public static final String SCHEMA_FORMAT = "schema.format";
  public static final String SCHEMA_MIN_ITEMS = "schema.minItems";
  public static final String SCHEMA_MAX_ITEMS = "schema.maxItems";
  public static final String SCHEMA_ADDITIONAL_PROPERTIES = "schema.additionalProperties";

  /** A microcredential's {@code ects} lies outside the issuer's configured range (default 3–30). */
  public static final String DOMAIN_ECTS_RANGE = "domain.ects_range";

  /** {@code eqf} is present but differs from the level derived from {@code nlqf}. */
  public static final String DOMAIN_EQF_MISMATCH = "domain.eqf_mismatch";

  /** An mbo credential's {@code nlqf} is not 1..4. */
  public static final String DOMAIN_MBO_LEVEL = "domain.mbo_level";

  /** A praktijkverklaring's {@code period.from} is after {@code period.to}. */
  public static final String DOMAIN_PERIOD_ORDER = "domain.period_order";

  /**
   * An mbo-certificaat has {@code part} keuzedeel without {@code keuzedeel_code}, or a {@code
   * keuzedeel_code} with another part.
   */
  public static final String DOMAIN_KEUZEDEEL_CODE = "domain.keuzedeel_code";

  /** The institution has none of {@code brin}, {@code oin}, {@code kvk}. */
  public static final String DOMAIN_INSTITUTION_IDENTIFIER = "domain.institution_identifier";

  /** An EVC certificate's {@code valid_until} is before its {@code assessment_date}. */
  public static final String DOMAIN_VALID_UNTIL_ORDER = "domain.valid_until_order";

  /** Award input carries {@code eqf}: it is derived by the issuer, never submitted. */
  public static final String AWARD_EQF_PRESENT = "award.eqf_present";

  /** Award input carries a claim the SD-JWT VC layer sets ({@code vct}, {@code iss}, ...). */
  public static final String AWARD_RESERVED_CLAIM = "award.reserved_claim";

  /** Too many violations: the list was cut at {@link CredentialValidator#MAX_VIOLATIONS}. */
  public static final String VALIDATION_TRUNCATED = "validation.truncated";
}
