package nl.leerbewijs.issuer.tenant;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an administrator supplies to create a tenant; the constructor checks every field and names
 * the first one that is wrong.
 */
public record NewTenant(
    String path,
    String name,
    String brin,
    String oin,
    String kvk,
    List<String> credentialTypes,
    BigDecimal ectsMin,
    BigDecimal ectsMax) {

  /** Lower-case letters, digits and inner hyphens, 1 to 63 characters (a DNS label). */
  public static final Pattern PATH = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");

  /** BRIN: 2 digits and 2 letters or digits, optionally a 2-digit location suffix. */
  public static final Pattern BRIN = Pattern.compile("^[0-9]{2}[A-Z0-9]{2}([0-9]{2})?$");

  /** OIN: 20 digits. */
  public static final Pattern OIN = Pattern.compile("^[0-9]{20}$");

  /** KvK number: 8 digits. */
  public static final Pattern KVK = Pattern.compile("^[0-9]{8}$");

  /** A credential type id: lower-case words separated by hyphens or dots. */
  public static final Pattern CREDENTIAL_TYPE = Pattern.compile("^[a-z0-9]+([.-][a-z0-9]+)*$");

  public NewTenant {
    require(
        path != null && PATH.matcher(path).matches(),
        "path must be 1-63 lower-case letters, digits or inner hyphens, got '" + path + "'");
    require(
        name != null && !name.isBlank() && name.length() <= 200, "name must be 1-200 characters");
    require(
        brin == null || BRIN.matcher(brin).matches(),
        "brin must be 2 digits and 2 capitals or digits (optionally 2 more digits), got '"
            + brin
            + "'");
    require(oin == null || OIN.matcher(oin).matches(), "oin must be 20 digits, got '" + oin + "'");
    require(kvk == null || KVK.matcher(kvk).matches(), "kvk must be 8 digits, got '" + kvk + "'");
    List<String> types = new ArrayList<>();
    for (String t : credentialTypes == null ? List.<String>of() : credentialTypes) {
      require(
          t != null && CREDENTIAL_TYPE.matcher(t).matches(),
          "credential type '" + t + "' is not a valid type id");
      if (!types.contains(t)) {
        types.add(t);
      }
    }
    credentialTypes = List.copyOf(types);
    require(ectsMin == null || ectsMin.signum() >= 0, "ects min must not be negative");
    require(ectsMax == null || ectsMax.signum() > 0, "ects max must be positive");
    require(
        ectsMin == null || ectsMax == null || ectsMin.compareTo(ectsMax) <= 0,
        "ects min must not exceed ects max");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("tenant: " + message);
    }
  }
}
