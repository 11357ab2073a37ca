package nl.leerbewijs.keys.example;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.core.issuance.CredentialIssuer;
import nl.leerbewijs.core.jose.JwsAlgorithm;
import nl.leerbewijs.core.jose.JwsSigner;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.schema.CredentialValidator;
import nl.leerbewijs.core.sdjwt.SdJwt;
import nl.leerbewijs.core.sdjwt.SdJwtParseException;
import nl.leerbewijs.core.sdjwt.SdJwtPresenter;
import nl.leerbewijs.core.status.StatusList;
import nl.leerbewijs.core.status.StatusListToken;
import nl.leerbewijs.core.vc.SdJwtVcIssuer;
import nl.leerbewijs.core.vc.StatusReference;

/**
 * DEVELOPMENT ONLY: example credentials of every type, issued with the example school keys from the
 * schemas module's valid examples, and presentations of them. Used by the demo, the benchmarks and
 * the QR size measurements, so that all three talk about the same credentials.
 */
public final class ExampleCredentials {

  /** One example per type: the award example file and the school that issues it. */
  public enum Example {
    MICROCREDENTIAL(
        CredentialType.MICROCREDENTIAL,
        "microcredential-data-analyse-python.json",
        ExampleKeys.HS_VOORBEELD),
    MBO_CERTIFICAAT(
        CredentialType.MBO_CERTIFICAAT,
        "mbo-certificaat-keuzedeel-ondernemerschap.json",
        ExampleKeys.ROC_VOORBEELD),
    PRAKTIJKVERKLARING(
        CredentialType.PRAKTIJKVERKLARING,
        "praktijkverklaring-logistiek-medewerker.json",
        ExampleKeys.ROC_VOORBEELD),
    EVC_ERVARINGSCERTIFICAAT(
        CredentialType.EVC_ERVARINGSCERTIFICAAT,
        "evc-ervaringscertificaat-kinderopvang.json",
        ExampleKeys.HS_VOORBEELD);

    private final CredentialType type;
    private final String file;
    private final String school;

    Example(CredentialType type, String file, String school) {
      this.type = type;
      this.file = file;
      this.school = school;
    }

    public CredentialType type() {
      return type;
    }

    public String school() {
      return school;
    }

    /** The award as a school would submit it. */
    public ObjectNode award() {
      String resource = "/leerbewijs/examples/valid/" + file;
      try (InputStream in = ExampleCredentials.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing example " + resource);
        }
        return (ObjectNode) Json.parse(in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The status list every example credential points at: index {@value #STATUS_INDEX}. */
  public static final long STATUS_INDEX = 4711;

  private ExampleCredentials() {}

  /** The status list URI of an example school's first list. */
  public static String statusListUri(String school) {
    return ExampleKeys.school(school).issuerId() + "/status/1";
  }

  /** An issuer for an example school, signing with its example key and naming {@code kid}. */
  public static CredentialIssuer issuer(String school, Clock clock) {
    ExampleKeys.School s = ExampleKeys.school(school);
    return new CredentialIssuer(
        SdJwtVcIssuer.builder(new JwsSigner(s.privateKey(), JwsAlgorithm.ES256), s.issuerId())
            .kid(s.kid())
            .clock(clock)
            .build());
  }

  /** Issues the example credential bound to {@code holder}, valid for a year. */
  public static String issue(Example example, ECPublicKey holder, Clock clock) {
    ObjectNode claims =
        CredentialIssuer.prepare(new CredentialValidator(), example.type(), example.award());
    return issuer(example.school(), clock)
        .issue(
            example.type(),
            claims,
            holder,
            new StatusReference(STATUS_INDEX, statusListUri(example.school())),
            clock.instant().plus(Duration.ofDays(365)));
  }

  /**
   * The typical presentation of a credential: the learner's name, the achievement (always plain)
   * and every skill (or werkproces/competence where the type has no skills), with a key binding JWT
   * when {@code holder} is given.
   */
  public static String present(
      String credential, KeyPair holder, String aud, String nonce, Instant iat) {
    try {
      SdJwt selected =
          SdJwtPresenter.select(
              SdJwt.parse(credential),
              Set.of(List.of("learner"), java.util.Arrays.asList("skills", null)));
      if (holder == null) {
        return selected.serialize();
      }
      return SdJwtPresenter.withKeyBinding(
          selected, new JwsSigner(holder.getPrivate(), JwsAlgorithm.ES256), aud, nonce, iat);
    } catch (SdJwtParseException e) {
      throw new IllegalArgumentException("example credential does not parse: " + e.getMessage(), e);
    }
  }

  /** A signed status list token for an example school's first list, all entries valid. */
  public static String statusListToken(String school, StatusList list, Clock clock) {
    ExampleKeys.School s = ExampleKeys.school(school);
    return StatusListToken.builder(statusListUri(school), list)
        .keyId(s.kid())
        .issuer(s.issuerId())
        .issuedAt(clock.instant())
        .expiresAt(clock.instant().plus(Duration.ofDays(1)))
        .ttl(Duration.ofHours(1))
        .sign(new JwsSigner(s.privateKey(), JwsAlgorithm.ES256));
  }
}
