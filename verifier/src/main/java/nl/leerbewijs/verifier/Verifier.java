package nl.leerbewijs.verifier;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import nl.leerbewijs.core.http.BoundedHttpClient;
import nl.leerbewijs.core.qr.QrImageException;
import nl.leerbewijs.core.qr.QrImages;
import nl.leerbewijs.core.trust.IssuerMetadataKeys;
import nl.leerbewijs.core.trust.TrustList;
import nl.leerbewijs.core.verify.StatusSource;
import nl.leerbewijs.core.verify.TrustedStatusSource;
import nl.leerbewijs.core.verify.VerificationEngine;
import nl.leerbewijs.core.verify.VerificationReport;
import nl.leerbewijs.verifier.config.IssuerMetadataSettings;
import nl.leerbewijs.verifier.config.VerifierConfig;
import nl.leerbewijs.verifier.status.HttpStatusListFetcher;
import nl.leerbewijs.verifier.trust.TrustListFile;

/**
 * The verifier's one way to check a presentation, shared by the HTTP service and the CLI: core's
 * {@link VerificationEngine} over the trust list in force (rebuilt when the trust list file is
 * reloaded), with live status from {@link TrustedStatusSource} and keys of issuers whose entry says
 * {@code keys_from_metadata} from {@link IssuerMetadataKeys} (both kept across reloads, so their
 * caches survive).
 *
 * <p>{@link #verify} may block on a status list or metadata fetch (bounded by the configured
 * timeouts): call it off the event loop. Thread-safe.
 */
public final class Verifier {

  private record Current(TrustListFile.Loaded loaded, VerificationEngine engine) {}

  private final VerifierConfig config;
  private final TrustListFile trustList;
  private final StatusSource statusSource;
  private final IssuerMetadataKeys metadataKeys;
  private final Clock clock;
  private volatile Current current;

  /** A verifier that fetches no issuer metadata (issuers that need it get "keys unavailable"). */
  public Verifier(
      VerifierConfig config, TrustListFile trustList, StatusSource statusSource, Clock clock) {
    this(config, trustList, statusSource, null, clock);
  }

  /**
   * @param statusSource where status comes from; null: status is never checked
   * @param metadataKeys where keys of {@code keys_from_metadata} issuers come from; null: nowhere
   */
  public Verifier(
      VerifierConfig config,
      TrustListFile trustList,
      StatusSource statusSource,
      IssuerMetadataKeys metadataKeys,
      Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.trustList = Objects.requireNonNull(trustList, "trustList");
    this.statusSource = statusSource;
    this.metadataKeys = metadataKeys;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A verifier for {@code config}: loads its trust list file and fetches status lists and issuer
   * metadata over HTTP.
   *
   * @throws nl.leerbewijs.verifier.trust.TrustListLoadException when the trust list cannot be
   *     loaded
   */
  public static Verifier create(VerifierConfig config, Clock clock) {
    TrustListFile trust = TrustListFile.load(config.trustListFile(), clock);
    return new Verifier(
        config, trust, statusSource(config, clock), metadataKeys(config, clock), clock);
  }

  /**
   * Keys from issuers' JWT VC Issuer Metadata for {@code config}: bounded HTTP fetches (https only
   * unless loopback http is allowed, {@value IssuerMetadataSettings#MAX_BYTES} bytes at most),
   * cached and rate limited per issuer.
   */
  public static IssuerMetadataKeys metadataKeys(VerifierConfig config, Clock clock) {
    IssuerMetadataSettings s = config.issuerMetadata();
    BoundedHttpClient http =
        BoundedHttpClient.builder()
            .connectTimeout(s.timeout())
            .requestTimeout(s.timeout())
            .maxBodyBytes(IssuerMetadataSettings.MAX_BYTES)
            .allowLoopbackHttp(config.allowLoopbackHttp())
            .userAgent("leerbewijs-verifier")
            .build();
    return IssuerMetadataKeys.builder(http)
        .clock(clock)
        .defaultTtl(s.defaultTtl())
        .maxTtl(s.maxTtl())
        .minInterval(s.minInterval())
        .staleWindow(s.staleWindow())
        .build();
  }

  /** The status source for {@code config}: bounded HTTP fetches, verified and cached lists. */
  public static TrustedStatusSource statusSource(VerifierConfig config, Clock clock) {
    BoundedHttpClient http =
        BoundedHttpClient.builder()
            .connectTimeout(config.statusTimeout())
            .requestTimeout(config.statusTimeout())
            .maxBodyBytes(config.maxStatusListBytes())
            .allowLoopbackHttp(config.allowLoopbackHttp())
            .userAgent("leerbewijs-verifier")
            .build();
    return TrustedStatusSource.builder(new HttpStatusListFetcher(http))
        .clock(clock)
        .offlineMode(config.offlineMode())
        // While one request fetches an expired list, others use the old one for as long as that
        // fetch may take (connecting plus the request), rather than all waiting on it.
        .refreshGrace(config.statusTimeout().multipliedBy(2))
        .build();
  }

  public VerifierConfig config() {
    return config;
  }

  public TrustListFile trustListFile() {
    return trustList;
  }

  /**
   * Verifies a presentation (SD-JWT text or {@code LB1:} QR payload). Never throws for bad input:
   * the report's verdict says what is wrong. May block on a status list or metadata fetch.
   */
  public VerificationReport verify(String presentation) {
    return engine().verify(presentation);
  }

  /** As {@link #verify(String)}, requiring the key binding JWT to carry {@code nonce}. */
  public VerificationReport verify(String presentation, String nonce) {
    return nonce == null ? verify(presentation) : engine().verify(presentation, nonce);
  }

  /**
   * As {@link #verify(String, String)} ({@code nonce} may be null), but only if it needs no network
   * I/O: empty when the issuer's keys may have to come from its metadata or its status list is not
   * cached fresh. Safe on an event loop.
   */
  public Optional<VerificationReport> verifyWithoutFetching(String presentation, String nonce) {
    return engine().verifyWithoutFetching(presentation, nonce);
  }

  /**
   * The QR text in an image (PNG, JPEG, GIF, BMP), within the configured pixel limit, read by
   * core's {@link QrImages#read(byte[], long)} (which tries hard, within bounded work). CPU-heavy:
   * call it off the event loop.
   */
  public String readQr(byte[] image) throws QrImageException {
    return QrImages.read(image, config.maxImagePixels());
  }

  /** The engine for the trust list in force, rebuilt after a reload. */
  VerificationEngine engine() {
    TrustListFile.Loaded loaded = trustList.loaded();
    Current c = current;
    if (c == null || c.loaded != loaded) {
      TrustList list =
          metadataKeys == null
              ? loaded.trustList()
              : loaded.trustList().withIssuerMetadata(metadataKeys);
      VerificationEngine.Builder b =
          VerificationEngine.builder(list)
              .clock(clock)
              .statusSource(statusSource)
              .maxKeyBindingAge(config.maxKeyBindingAge())
              .keyBindingRequired(config.keyBindingRequired())
              .expectedAudience(config.expectedAudience().orElse(null));
      c = new Current(loaded, b.build());
      current = c;
    }
    return c.engine;
  }
}
