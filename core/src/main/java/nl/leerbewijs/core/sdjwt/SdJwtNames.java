package nl.leerbewijs.core.sdjwt;

/** Names and values defined by RFC 9901 (SD-JWT) and the RFC 7800 {@code cnf} claim it uses. */
public final class SdJwtNames {
  /** Array of digests of selectively disclosable object properties (RFC 9901 section 4.2.4.1). */
  public static final String SD = "_sd";

  /** Key of the object that stands for a selectively disclosable array element (4.2.4.2). */
  public static final String ARRAY_ELEMENT_DIGEST = "...";

  /** Top-level claim naming the disclosure hash algorithm (4.1.1). */
  public static final String SD_ALG = "_sd_alg";

  /** The only hash algorithm we implement, and the default when {@code _sd_alg} is absent. */
  public static final String SHA_256 = "sha-256";

  /** Confirmation claim (RFC 7800) carrying the holder key. */
  public static final String CNF = "cnf";

  /** Member of {@code cnf} holding the holder's public JWK. */
  public static final String JWK = "jwk";

  /** Key binding JWT claim: hash over the presented SD-JWT (4.3.1). */
  public static final String SD_HASH = "sd_hash";

  /** Key binding JWT {@code typ} header value (4.3). */
  public static final String KB_JWT_TYP = "kb+jwt";

  /** Separator between the parts of the compact serialization (4). */
  public static final char SEPARATOR = '~';

  /** JWT claims used by the key binding JWT and validity checks (RFC 7519). */
  public static final String IAT = "iat";

  public static final String AUD = "aud";
  public static final String NONCE = "nonce";
  public static final String EXP = "exp";
  public static final String NBF = "nbf";

  /** JWK members (RFC 7517, RFC 7518 section 6.2). */
  public static final String KTY = "kty";

  public static final String CRV = "crv";
  public static final String X = "x";
  public static final String Y = "y";
  public static final String D = "d";
  public static final String KTY_EC = "EC";
  public static final String CRV_P256 = "P-256";

  private SdJwtNames() {}
}
