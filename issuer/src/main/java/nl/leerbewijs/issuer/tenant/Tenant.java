package nl.leerbewijs.issuer.tenant;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A school or other awarding institution. Its {@code path} is the URL segment under which its
 * issuer lives ({@code <public base url>/t/<path>}).
 *
 * @param credentialTypes the credential type ids this tenant may award (empty: none yet)
 * @param ectsMin lower bound on ECTS credits this tenant awards (null: the type's default)
 * @param ectsMax upper bound on ECTS credits (null: the type's default)
 */
public record Tenant(
    UUID id,
    String path,
    String name,
    String brin,
    String oin,
    String kvk,
    List<String> credentialTypes,
    BigDecimal ectsMin,
    BigDecimal ectsMax,
    Instant createdAt) {

  public Tenant {
    credentialTypes = List.copyOf(credentialTypes);
  }
}
