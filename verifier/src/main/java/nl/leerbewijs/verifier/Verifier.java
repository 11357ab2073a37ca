package nl.leerbewijs.verifier;

import java.time.Clock;
import java.util.Objects;
import nl.leerbewijs.core.http.BoundedHttpClient;
import nl.leerbewijs.core.qr.QrImageException;
import nl.leerbewijs.core.qr.QrImages;
import nl.leerbewijs.core.verify.StatusSource;
import nl.leerbewijs.core.verify.TrustedStatusSource;
import nl.leerbewijs.core.verify.VerificationEngine;
import nl.leerbewijs.core.verify.VerificationReport;
import nl.leerbewijs.verifier.config.VerifierConfig;
import nl.leerbewijs.verifier.status.HttpStatusListFetcher;
import nl.leerbewijs.verifier.trust.TrustListFile;

/**
 * The verifier's one way to check a presentation, shared by the HTTP service and the CLI: core's
 * {@link VerificationEngine} over the trust list in force (rebuilt when the trust list file is
 * reloaded), with live status from {@link TrustedStatusSource} (kept across reloads, so its cache
 * survives).
 *
 * <p>{@link #verify} may block on a status list fetch (bounded by the configured timeout): call it
 * off the event loop. Thread-safe.
 */
public final class Verifier {

  private record Current(TrustListFile.Loaded loaded, VerificationEngine engine) {}

  private final VerifierConfig config;
  private final TrustListFile trustList;
  private final StatusSource statusSource;
  private final Clock clock;
  private volatile Current current;

  public Verifier(
      VerifierConfig config, TrustListFile trustList, StatusSource statusSource, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.trustList = Objects.requireNonNull(trustList, "trustList");
    this.statusSource = statusSource;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A verifier for {@code config}: loads its trust list file and fetches status lists over HTTP.
   *
   * @throws nl.leerbewijs.verifier.trust.TrustListLoadException when the trust list cannot be
   *     loaded
   */
  public static Verifier create(VerifierConfig config, Clock clock) {
    TrustListFile trust = TrustListFile.load(config.trustListFile(), clock);
    return new Verifier(config, trust, statusSource(config, clock), clock);
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
   * the report's verdict says what is wrong. May block on a status list fetch.
   */
  public VerificationReport verify(String presentation) {
    return engine().verify(presentation);
  }

  /** As {@link #verify(String)}, requiring the key binding JWT to carry {@code nonce}. */
  public VerificationReport verify(String presentation, String nonce) {
    return nonce == null ? verify(presentation) : engine().verify(presentation, nonce);
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
      VerificationEngine.Builder b =
          VerificationEngine.builder(loaded.trustList())
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
