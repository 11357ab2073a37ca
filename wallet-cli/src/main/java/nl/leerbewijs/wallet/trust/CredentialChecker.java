package nl.leerbewijs.wallet.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.http.BoundedHttpClient;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.core.keys.KeyFormatException;
import nl.leerbewijs.core.keys.KeyLoader;
import nl.leerbewijs.core.sdjwt.SdJwt;
import nl.leerbewijs.core.sdjwt.SdJwtParseException;
import nl.leerbewijs.core.sdjwt.SdJwtPresenter;
import nl.leerbewijs.core.status.StatusListNames;
import nl.leerbewijs.core.trust.IssuerMetadataException;
import nl.leerbewijs.core.trust.KeyResolution;
import nl.leerbewijs.core.trust.TrustList;
import nl.leerbewijs.core.vc.SdJwtVcNames;
import nl.leerbewijs.core.verify.Check;
import nl.leerbewijs.core.verify.CheckResult;
import nl.leerbewijs.core.verify.DisclosedCredential;
import nl.leerbewijs.core.verify.Outcome;
import nl.leerbewijs.core.verify.StatusListFetcher;
import nl.leerbewijs.core.verify.StatusSource;
import nl.leerbewijs.core.verify.TrustedStatusSource;
import nl.leerbewijs.core.verify.Verdict;
import nl.leerbewijs.core.verify.VerificationEngine;
import nl.leerbewijs.core.verify.VerificationReport;
import nl.leerbewijs.wallet.store.CredentialStatus;
import nl.leerbewijs.wallet.store.StoredCredential;

/**
 * Decides whether a credential may go into this wallet, and what its status is now.
 *
 * <p>A credential is accepted only when core's {@link VerificationEngine}, with the issuer's keys
 * from the {@link TrustSource}, gives {@link Verdict#VALID} or {@link Verdict#STATUS_UNKNOWN}
 * (genuine, but the status list could not be reached), and its {@code cnf} key is this wallet's
 * holder key. Everything else is a {@link Result.Rejected} with a stable code.
 */
public final class CredentialChecker {

  /** The trusted_issuer code for a trusted issuer whose keys could not be fetched. */
  static final String KEYS_UNAVAILABLE = KeyResolution.KeysUnavailable.CHECK_CODE;

  /** Media type of status list tokens (draft-ietf-oauth-status-list). */
  public static final String STATUS_LIST_MEDIA_TYPE = StatusListNames.MEDIA_TYPE_STATUSLIST_JWT;

  private final TrustSource trust;
  private final StatusSource statusSource;
  private final Clock clock;

  public CredentialChecker(TrustSource trust, BoundedHttpClient http, Clock clock) {
    this.trust = Objects.requireNonNull(trust, "trust");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.statusSource = TrustedStatusSource.builder(fetcher(http)).clock(clock).build();
  }

  /** A status list fetcher over the bounded client. */
  public static StatusListFetcher fetcher(BoundedHttpClient http) {
    return uri -> {
      BoundedHttpClient.Response r = http.get(URI.create(uri), STATUS_LIST_MEDIA_TYPE);
      if (!r.isSuccess()) {
        throw new IOException("HTTP " + r.status());
      }
      return r.bodyText();
    };
  }

  /** The outcome of checking a credential for storage. */
  public sealed interface Result permits Result.Accepted, Result.Rejected {

    /** Genuine and bound to this wallet: ready to store. */
    record Accepted(StoredCredential credential, VerificationReport report) implements Result {}

    /**
     * Not stored.
     *
     * @param code stable: {@code malformed}, {@code untrusted_issuer}, {@code invalid}, {@code
     *     expired}, {@code revoked}, {@code suspended}, {@code not_bound}, {@code other_wallet}
     * @param detail a non-secret English explanation (for {@code --verbose})
     */
    record Rejected(String code, String detail) implements Result {}
  }

  /**
   * Checks an issued credential (SD-JWT VC text; a key binding JWT, if any, is dropped).
   *
   * @param source {@code import} or {@code receive}, stored with the credential
   * @throws IOException when the issuer's keys cannot be fetched
   * @throws IssuerMetadataException when the issuer's metadata is unusable
   */
  public Result check(String text, ECPublicKey holderKey, String source)
      throws IOException, IssuerMetadataException {
    SdJwt sdJwt;
    try {
      sdJwt = SdJwtPresenter.selectAll(SdJwt.parse(text.strip()));
    } catch (SdJwtParseException | IllegalArgumentException e) {
      return new Result.Rejected("malformed", e.getMessage());
    }
    String issued = sdJwt.withoutKeyBinding();
    String iss = sdJwt.issuerPayload().path(SdJwtVcNames.ISS).textValue();
    if (iss == null) {
      return new Result.Rejected("malformed", "the credential names no issuer");
    }
    VerificationReport report = verify(iss, issued);
    Verdict v = report.verdict();
    if (v != Verdict.VALID && v != Verdict.STATUS_UNKNOWN) {
      return new Result.Rejected(v.id(), firstProblem(report));
    }
    JsonNode jwk = sdJwt.issuerPayload().path(SdJwtVcNames.CNF).path("jwk");
    if (!jwk.isObject()) {
      return new Result.Rejected("not_bound", "the credential has no cnf.jwk holder key");
    }
    ECPublicKey bound;
    try {
      bound = KeyLoader.publicKeyFromJwk(jwk.toString());
    } catch (KeyFormatException e) {
      return new Result.Rejected("not_bound", "cnf.jwk is not a P-256 key: " + e.getMessage());
    }
    if (!EcKeys.samePublicKey(bound, holderKey)) {
      return new Result.Rejected(
          "other_wallet", "cnf.jwk " + EcKeys.thumbprint(bound) + " is not this wallet's key");
    }
    DisclosedCredential dc = report.credential().orElseThrow();
    ObjectNode claims = dc.claims();
    StoredCredential stored =
        new StoredCredential(
            idOf(sdJwt),
            issued,
            dc.vct(),
            dc.typeId(),
            dc.issuer(),
            dc.issuerName() == null || dc.issuerName().equals(dc.issuer()) ? null : dc.issuerName(),
            claims,
            clock.instant(),
            source,
            new CredentialStatus(stateOf(v), clock.instant()));
    return new Result.Accepted(stored, report);
  }

  /** Verifies a stored credential again and returns its current status. */
  public CredentialStatus refresh(StoredCredential c) throws IOException, IssuerMetadataException {
    VerificationReport report = verify(c.issuer(), c.sdJwt());
    return new CredentialStatus(stateOf(report.verdict()), clock.instant());
  }

  private VerificationReport verify(String iss, String issued)
      throws IOException, IssuerMetadataException {
    TrustList list = trust.trustListFor(iss);
    VerificationReport report =
        VerificationEngine.builder(list)
            .statusSource(statusSource)
            .clock(clock)
            .build()
            .verify(issued);
    CheckResult trusted = report.check(Check.TRUSTED_ISSUER);
    if (trusted.code().equals(KEYS_UNAVAILABLE)) {
      // The school is trusted but its keys could not be obtained: nothing is wrong with the
      // credential, so not "not from a school you trust" but, as without a trust list, "the
      // school's details are not valid" for unusable metadata and "try again later" otherwise.
      trust.explainUnavailableKeys(iss);
      throw new IOException(trusted.message());
    }
    return report;
  }

  static CredentialStatus.State stateOf(Verdict v) {
    switch (v) {
      case VALID:
        return CredentialStatus.State.VALID;
      case STATUS_UNKNOWN:
        return CredentialStatus.State.UNKNOWN;
      case SUSPENDED:
        return CredentialStatus.State.SUSPENDED;
      case REVOKED:
        return CredentialStatus.State.REVOKED;
      case EXPIRED:
        return CredentialStatus.State.EXPIRED;
      default:
        return CredentialStatus.State.INVALID;
    }
  }

  private static String firstProblem(VerificationReport report) {
    for (CheckResult c : report.checks()) {
      if (c.outcome() == Outcome.FAIL) {
        return c.code() + ": " + c.message();
      }
    }
    return report.verdict().id();
  }

  /** The short id: the first 8 hex digits of SHA-256 over the issuer-signed JWT. */
  public static String idOf(SdJwt sdJwt) {
    byte[] h =
        CryptoProvider.sha256()
            .digest(sdJwt.issuerSigned().compact().getBytes(StandardCharsets.US_ASCII));
    return HexFormat.of().formatHex(h, 0, 4);
  }
}
