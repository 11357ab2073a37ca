package nl.leerbewijs.verifier.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import nl.leerbewijs.core.crypto.CryptoProvider;

/**
 * Files the service re-reads when they change, without a restart: the trust list, the https
 * certificate and its key. Cheap to ask often: {@link #changed()} compares modification times and
 * sizes; {@link #readChanged()} reads, and gives nothing when the bytes are those last accepted, so
 * a file touched but not changed is not parsed again. Not thread-safe: callers serialize.
 *
 * <p>A look that fails (a file missing for a moment while a tool replaces it) forgets what was
 * seen, so the next successful look reads again, even when the files came back exactly as they
 * were. The caller can then clear the error it showed for the failed look.
 *
 * <p>Only a digest of accepted bytes is kept, not the bytes: one of the files may be a private key.
 */
public final class WatchedFiles {

  private final List<Path> files;
  private final long maxBytes;
  private List<Object> seen;
  private byte[] readDigest;
  private byte[] acceptedDigest;

  /**
   * @param maxBytes the largest each file may be
   */
  public WatchedFiles(List<Path> files, long maxBytes) {
    this.files = List.copyOf(files);
    this.maxBytes = maxBytes;
  }

  /**
   * Whether a modification time or size differs from the last read (always, after a failed look).
   *
   * @throws IOException naming the file that cannot be looked at, and why
   */
  public boolean changed() throws IOException {
    try {
      return !stamps().equals(seen);
    } catch (IOException e) {
      seen = null;
      throw e;
    }
  }

  /**
   * Reads every file, in order.
   *
   * @return their bytes, or empty when they are the bytes last {@link #accept() accepted}
   * @throws IOException naming the file that cannot be read, and why
   */
  public Optional<List<byte[]>> readChanged() throws IOException {
    List<byte[]> contents = new ArrayList<>();
    try {
      seen = stamps();
      for (Path file : files) {
        contents.add(read(file));
      }
    } catch (IOException e) {
      seen = null;
      throw e;
    }
    readDigest = digest(contents);
    return Arrays.equals(readDigest, acceptedDigest) ? Optional.empty() : Optional.of(contents);
  }

  /** The bytes of the last {@link #readChanged()} are now in force. */
  public void accept() {
    acceptedDigest = readDigest;
  }

  private List<Object> stamps() throws IOException {
    List<Object> out = new ArrayList<>();
    for (Path file : files) {
      BasicFileAttributes a;
      try {
        a = Files.readAttributes(file, BasicFileAttributes.class); // follows links, as certbot's
      } catch (IOException e) {
        throw unreadable(file, e);
      }
      if (!a.isRegularFile()) {
        throw unreadable(file, "not a regular file");
      }
      if (a.size() > maxBytes) {
        throw unreadable(file, "larger than " + maxBytes + " bytes");
      }
      out.add(a.lastModifiedTime());
      out.add(a.size());
    }
    return out;
  }

  private byte[] read(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    if (bytes.length > maxBytes) {
      throw unreadable(file, "larger than " + maxBytes + " bytes");
    }
    return bytes;
  }

  /** Each file's length before its bytes, so that moving bytes from one to the next is a change. */
  private static byte[] digest(List<byte[]> contents) {
    MessageDigest d = CryptoProvider.sha256();
    for (byte[] c : contents) {
      d.update(ByteBuffer.allocate(8).putLong(c.length).array());
      d.update(c);
    }
    return d.digest();
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
