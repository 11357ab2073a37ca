package nl.leerbewijs.wallet.trust;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.core.http.BoundedHttpClient;
import nl.leerbewijs.core.trust.IssuerIdentifiers;
import nl.leerbewijs.core.trust.IssuerMetadataException;
import nl.leerbewijs.core.trust.IssuerMetadataKeys;
import nl.leerbewijs.core.trust.TrustList;
import nl.leerbewijs.core.trust.TrustedIssuer;

/**
 * Trusts an issuer's keys as published in its SD-JWT VC issuer metadata, {@code
 * <origin>/.well-known/jwt-vc-issuer<issuer path>}, fetched and checked by core's {@link
 * IssuerMetadataKeys} (the same code the verifier uses): {@code issuer} must equal {@code iss},
 * exactly one of {@code jwks} and {@code jwks_uri} (the latter on the issuer's own origin).
 *
 * <p>Security contract: this proves that the credential was signed by whoever controls the web
 * address in {@code iss} (over https; plain http only for loopback addresses). It does not say that
 * this address belongs to a recognised school: that is what a trust list adds ({@link
 * ConfiguredTrust}). Only public EC P-256 signing keys are taken; status lists are fetched only
 * under {@code iss + "/"}.
 */
public final class IssuerMetadataTrust implements TrustSource {

  private static final List<String> ALL_TYPES =
      List.of(
          CredentialType.MICROCREDENTIAL.id(),
          CredentialType.MBO_CERTIFICAAT.id(),
          CredentialType.PRAKTIJKVERKLARING.id(),
          CredentialType.EVC_ERVARINGSCERTIFICAAT.id());

  private final IssuerMetadataKeys keys;

  public IssuerMetadataTrust(BoundedHttpClient http) {
    this.keys = IssuerMetadataKeys.builder(Objects.requireNonNull(http, "http")).build();
  }

  @Override
  public void explainUnavailableKeys(String iss) throws IssuerMetadataException {
    TrustSource.explainUnavailableKeys(keys, iss);
  }

  @Override
  public String describe() {
    return "issuer metadata";
  }

  @Override
  public TrustList trustListFor(String iss) throws IOException, IssuerMetadataException {
    // Fetch now, so that an unreachable issuer or unusable metadata is reported as such rather
    // than as an untrusted credential; the verification below then finds the keys in the cache.
    keys.keys(iss);
    TrustedIssuer issuer =
        new TrustedIssuer(
            iss,
            Map.of(),
            IssuerIdentifiers.NONE,
            ALL_TYPES,
            List.of(),
            List.of(),
            List.of(iss + "/"),
            true);
    return TrustList.of("issuer metadata of " + iss, List.of(issuer)).withIssuerMetadata(keys);
  }
}
