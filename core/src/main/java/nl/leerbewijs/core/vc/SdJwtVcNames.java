package nl.leerbewijs.core.vc;

import java.util.Set;

/**
 * Names defined or profiled by draft-ietf-oauth-sd-jwt-vc (-14) and the Token Status List draft
 * (draft-ietf-oauth-status-list) for its {@code status} claim.
 */
public final class SdJwtVcNames {
  /** Header {@code typ} of an SD-JWT VC (media type {@code application/dc+sd-jwt}). */
  public static final String TYP = "dc+sd-jwt";

  /** The {@code typ} of earlier drafts and deployments; accepted only when a verifier opts in. */
  public static final String LEGACY_TYP = "vc+sd-jwt";

  public static final String VCT = "vct";
  public static final String ISS = "iss";
  public static final String IAT = "iat";
  public static final String NBF = "nbf";
  public static final String EXP = "exp";
  public static final String SUB = "sub";
  public static final String CNF = "cnf";
  public static final String STATUS = "status";
  public static final String STATUS_LIST = "status_list";
  public static final String IDX = "idx";
  public static final String URI = "uri";

  /**
   * Claims that must never be selectively disclosed (SD-JWT VC section 3.2.2.2): the verifier needs
   * them to decide validity before any disclosure.
   */
  public static final Set<String> NEVER_DISCLOSABLE = Set.of(ISS, NBF, EXP, CNF, VCT, STATUS);

  private SdJwtVcNames() {}
}
