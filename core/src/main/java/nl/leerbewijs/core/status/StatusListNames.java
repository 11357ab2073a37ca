package nl.leerbewijs.core.status;

/**
 * Vocabulary of the IETF Token Status List (draft-ietf-oauth-status-list, sections 4 to 6): the
 * claim names of the Status List Token, of the {@code status_list} object and of the reference a
 * Referenced Token carries, plus the JWT type and media type.
 */
public final class StatusListNames {

  /** Referenced Token claim holding the status mechanisms (section 6.1). */
  public static final String STATUS = "status";

  /** The Status List mechanism member, in a Referenced Token and in a Status List Token. */
  public static final String STATUS_LIST = "status_list";

  /** Index of a Referenced Token in the list (section 6.2). */
  public static final String IDX = "idx";

  /** URI of the Status List Token a Referenced Token points to (section 6.2). */
  public static final String URI = "uri";

  /** Bits per status: 1, 2, 4 or 8 (section 4.2). */
  public static final String BITS = "bits";

  /** base64url of the ZLIB-compressed byte array (section 4.2). */
  public static final String LST = "lst";

  /** Optional URI of a Status List Aggregation (section 4.2). */
  public static final String AGGREGATION_URI = "aggregation_uri";

  /** Status List Token claim: cache lifetime in seconds (section 5.1). */
  public static final String TTL = "ttl";

  /** RFC 7519 claims a Status List Token uses. */
  public static final String SUB = "sub";

  public static final String ISS = "iss";
  public static final String IAT = "iat";
  public static final String EXP = "exp";
  public static final String NBF = "nbf";

  /** JWT {@code typ} header of a Status List Token (section 5.1). */
  public static final String TYP_STATUSLIST_JWT = "statuslist+jwt";

  /** Media type of a Status List Token in JWT form, also the {@code Accept} header value. */
  public static final String MEDIA_TYPE_STATUSLIST_JWT = "application/statuslist+jwt";

  private StatusListNames() {}
}
