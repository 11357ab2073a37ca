package nl.leerbewijs.verifier.trust;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.trust.TrustList;
import nl.leerbewijs.core.trust.TrustListException;
import nl.leerbewijs.verifier.files.WatchedFiles;

/**
 * A trust list kept in a file and re-read when the file changes, without a restart.
 *
 * <p>Contract: {@link #current()} always returns a list that parsed completely. A changed file that
 * cannot be read or does not parse is refused: the previous list stays in force, the reason is
 * logged and available from {@link #lastError()}. Only the first load may fail (then the service
 * does not start). Thread-safe: readers see the last good list through a volatile reference; checks
 * are serialized.
 */
public final class TrustListFile {

  private static final System.Logger LOG = System.getLogger(TrustListFile.class.getName());

  /** Files larger than this are refused: a trust list names schools, not the internet. */
  public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

  /** The loaded list and where it came from. */
  public record Loaded(TrustList trustList, Instant loadedAt, String sha256) {}

  /** What a check for changes did. */
  public enum Change {
    UNCHANGED,
    RELOADED,
    REFUSED
  }

  private final Path file;
  private final Clock clock;
  private final WatchedFiles watched;
  private volatile Loaded current;
  private volatile String lastError;

  private TrustListFile(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
    this.watched = new WatchedFiles(List.of(file), MAX_FILE_BYTES);
  }

  /**
   * Loads the trust list from {@code file}.
   *
   * @throws TrustListLoadException when the file cannot be read or is not a valid trust list
   */
  public static TrustListFile load(Path file, Clock clock) {
    TrustListFile t = new TrustListFile(Objects.requireNonNull(file, "file"), clock);
    synchronized (t) {
      try {
        t.current = t.parse(t.watched.readChanged().orElseThrow().get(0));
        t.watched.accept();
      } catch (IOException e) {
        throw new TrustListLoadException("trust list: " + e.getMessage());
      } catch (TrustListException e) {
        throw new TrustListLoadException("trust list " + file + " is invalid: " + e.getMessage());
      }
    }
    LOG.log(System.Logger.Level.INFO, "trust list loaded: " + summary(t.current));
    return t;
  }

  public Path file() {
    return file;
  }

  /** The list in force: the last one that parsed. */
  public TrustList current() {
    return current.trustList();
  }

  public Loaded loaded() {
    return current;
  }

  /** Why the last changed file was refused, while the file is still in that state. */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  /**
   * Re-reads the file when its modification time or size changed (cheap to call often). A file
   * whose bytes are unchanged is not parsed again.
   */
  public synchronized Change checkForChanges() {
    try {
      if (!watched.changed()) {
        return lastError == null ? Change.UNCHANGED : Change.REFUSED;
      }
    } catch (IOException e) {
      return refuse("trust list: " + e.getMessage());
    }
    return reload();
  }

  /** Re-reads and re-parses the file now, whether or not it looks changed. */
  public synchronized Change reload() {
    Optional<List<byte[]>> changed;
    try {
      changed = watched.readChanged();
    } catch (IOException e) {
      return refuse("trust list: " + e.getMessage());
    }
    if (changed.isEmpty()) { // the bytes in force, touched or back after a failed look
      lastError = null;
      return Change.UNCHANGED;
    }
    Loaded next;
    try {
      next = parse(changed.get().get(0));
    } catch (TrustListException e) {
      return refuse(
          "trust list "
              + file
              + " was changed but is invalid, keeping the previous list: "
              + e.getMessage());
    }
    watched.accept();
    current = next;
    lastError = null;
    LOG.log(System.Logger.Level.INFO, "trust list reloaded: " + summary(next));
    return Change.RELOADED;
  }

  private Change refuse(String reason) {
    if (!reason.equals(lastError)) {
      LOG.log(System.Logger.Level.WARNING, reason);
    }
    lastError = reason;
    return Change.REFUSED;
  }

  private Loaded parse(byte[] bytes) {
    TrustList list = TrustList.parse(bytes);
    return new Loaded(list, clock.instant(), HexFormat.of().formatHex(sha256(bytes)));
  }

  private static String summary(Loaded l) {
    return "'"
        + l.trustList().name()
        + "' with "
        + l.trustList().issuers().size()
        + " issuer(s), sha-256 "
        + l.sha256().substring(0, 16);
  }

  private static byte[] sha256(byte[] bytes) {
    return CryptoProvider.sha256().digest(bytes);
  }
}
