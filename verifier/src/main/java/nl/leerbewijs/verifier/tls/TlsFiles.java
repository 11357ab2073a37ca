package nl.leerbewijs.verifier.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.keys.KeyFormatException;
import nl.leerbewijs.core.keys.TlsServerKey;
import nl.leerbewijs.verifier.config.TlsSettings;

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

  /** The files' modification times and sizes when they were last read. */
  private record Seen(List<Object> stamps) {}

  private final TlsSettings settings;
  private final Clock clock;
  private volatile Loaded current;
  private volatile String lastError;
  private Seen seen;
  private byte[] seenDigest;
  private Instant lastExpiryWarning;

  private TlsFiles(TlsSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
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
    Seen now;
    try {
      now = stat();
    } catch (IOException e) {
      refuse(e.getMessage());
      return false;
    }
    if (now.equals(seen)) {
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
    String certText;
    String keyText;
    try {
      seen = stat();
      certText = text(settings.certificateFile());
      keyText = text(settings.keyFile());
    } catch (IOException e) {
      return e.getMessage();
    }
    // A digest, not the text: the key is not kept in memory longer than it takes to parse it.
    byte[] digest =
        CryptoProvider.sha256()
            .digest((certText + '\0' + keyText).getBytes(StandardCharsets.US_ASCII));
    if (Arrays.equals(digest, seenDigest) && current != null) {
      lastError = null;
      return null;
    }
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
    seenDigest = digest;
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

  private Seen stat() throws IOException {
    BasicFileAttributes cert = attributes(settings.certificateFile());
    BasicFileAttributes key = attributes(settings.keyFile());
    return new Seen(
        List.of(cert.lastModifiedTime(), cert.size(), key.lastModifiedTime(), key.size()));
  }

  /** Attributes of the file itself (certbot's live/ files are symlinks into archive/). */
  private static BasicFileAttributes attributes(Path file) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    if (!a.isRegularFile()) {
      throw unreadable(file, "not a regular file");
    }
    if (a.size() > MAX_FILE_BYTES) {
      throw unreadable(file, "larger than " + MAX_FILE_BYTES + " bytes");
    }
    return a;
  }

  private static String text(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw unreadable(file, "larger than " + MAX_FILE_BYTES + " bytes");
    }
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  private static IOException unreadable(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return unreadable(file, "no such file");
    }
    if (e instanceof AccessDeniedException) {
      return unreadable(file, "permission denied (the service's user must be able to read it)");
    }
    return unreadable(file, e.getClass().getSimpleName());
  }

  private static IOException unreadable(Path file, String why) {
    return new IOException("cannot read " + file + ": " + why);
  }
}
