package nl.leerbewijs.core.jose;

/** JOSE header parameter names (RFC 7515 section 4.1) that leerbewijs reads or writes. */
public final class JoseHeaderNames {
  public static final String ALG = "alg";
  public static final String TYP = "typ";
  public static final String KID = "kid";
  public static final String X5C = "x5c";
  public static final String JWK = "jwk";
  public static final String JKU = "jku";
  public static final String X5U = "x5u";
  public static final String CRIT = "crit";
  public static final String CTY = "cty";

  private JoseHeaderNames() {}
}
