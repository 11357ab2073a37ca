package nl.leerbewijs.verifier.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import nl.leerbewijs.core.keys.KeyFormatException;
import nl.leerbewijs.core.keys.TlsServerKey;
import nl.leerbewijs.verifier.config.TlsSettings;
import nl.leerbewijs.verifier.files.WatchedFiles;

/**
 * The service's HTTPS certificate chain and key, kept in two PEM files and re-read when either
 * changes, so that a renewed certificate (certbot renews every two months) is used without a
 * restart.
 *
 * <p>Contract, as for the trust list file: {@link #loaded()} is always a pair that passed {@link
 * TlsServerKey}'s checks. Changed files that cannot be read or do not pass are refused: the
 * previous pair stays in force, the reason is logged once and available from {@link #lastError()}.
 * A renewal that replaces the two files one after the other is refused for the moment between them
 * (key and certificate do not match) and taken at the next check. Only the first load may fail
 * (then the service does not start). The key is never logged.
 */
public final class TlsFiles {

  private static final System.Logger LOG = System.getLogger(TlsFiles.class.getName());

  /** Larger files are refused: a chain of ten certificates is about 20 KB. */
  public static final long MAX_FILE_BYTES = 256 * 1024;

  /** From this long before its expiry, the certificate in force is logged as expiring. */
  public static final Duration EXPIRY_WARNING = Duration.ofDays(14);

  /** The pair in force and when it was loaded. */
  public record Loaded(TlsServerKey key, Instant loadedAt) {}

  private final TlsSettings settings;
  private final Clock clock;
  private final WatchedFiles files;
  private volatile Loaded current;
  private volatile String lastError;
  private Instant lastExpiryWarning;

  private TlsFiles(TlsSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.files =
        new WatchedFiles(List.of(settings.certificateFile(), settings.keyFile()), MAX_FILE_BYTES);
  }

  /**
   * Loads and checks the pair.
   *
   * @throws TlsLoadException naming the file and what is wrong with it
   */
  public static TlsFiles load(TlsSettings settings, Clock clock) {
    TlsFiles t = new TlsFiles(Objects.requireNonNull(settings, "settings"), clock);
    synchronized (t) {
      String problem = t.read();
      if (problem != null) {
        throw new TlsLoadException(problem);
      }
      t.warnIfExpiringSoon();
    }
    return t;
  }

  public TlsSettings settings() {
    return settings;
  }

  /** The pair in force: the last one that passed the checks. */
  public Loaded loaded() {
    return current;
  }

  /** Why the last changed files were refused, while they are still in that state. */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  /**
   * Re-reads the files when a modification time or size changed (cheap to call often).
   *
   * @return true when a new pair is now in force (the server must start using it)
   */
  public synchronized boolean checkForChanges() {
    warnIfExpiringSoon();
    try {
      if (!files.changed()) {
        return false;
      }
    } catch (IOException e) {
      refuse(e.getMessage());
      return false;
    }
    Loaded before = current;
    String problem = read();
    if (problem != null) {
      refuse(problem + "; keeping the certificate in force (" + before.key() + ")");
      return false;
    }
    return current != before;
  }

  /** Reads, checks and installs the pair; returns the problem, or null when it is in force. */
  private String read() {
    Optional<List<byte[]>> changed;
    try {
      changed = files.readChanged();
    } catch (IOException e) {
      return e.getMessage();
    }
    if (changed.isEmpty()) { // the bytes in force, touched or back after a failed look
      lastError = null;
      return null;
    }
    String certText = new String(changed.get().get(0), StandardCharsets.US_ASCII);
    String keyText = new String(changed.get().get(1), StandardCharsets.US_ASCII);
    TlsServerKey key;
    try {
      key = TlsServerKey.fromPem(keyText, certText, clock.instant());
    } catch (KeyFormatException e) {
      return "the https certificate "
          + settings.certificateFile()
          + " and key "
          + settings.keyFile()
          + " cannot be used: "
          + e.getMessage();
    }
    files.accept();
    current = new Loaded(key, clock.instant());
    lastError = null;
    LOG.log(System.Logger.Level.INFO, "https certificate in force: " + key);
    return null;
  }

  private void warnIfExpiringSoon() {
    Instant now = clock.instant();
    Instant notAfter = current.key().notAfter();
    boolean soon = now.plus(EXPIRY_WARNING).isAfter(notAfter);
    boolean warnedToday =
        lastExpiryWarning != null && lastExpiryWarning.plus(Duration.ofDays(1)).isAfter(now);
    if (soon && !warnedToday) {
      lastExpiryWarning = now;
      LOG.log(
          System.Logger.Level.WARNING,
          "the https certificate expires on "
              + notAfter
              + "; renew it and replace "
              + settings.certificateFile()
              + " and "
              + settings.keyFile()
              + " (the service takes them up without a restart)");
    }
  }

  private void refuse(String reason) {
    if (!reason.equals(lastError)) {
      LOG.log(System.Logger.Level.WARNING, reason);
    }
    lastError = reason;
  }
}
