package nl.leerbewijs.core.sdjwt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.json.Base64Url;

/** base64url(SHA-256(ASCII text)), with one {@link MessageDigest} per thread. */
final class Sha256 {

  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(CryptoProvider::sha256);

  private Sha256() {}

  /** The digest of the US-ASCII bytes of {@code text} as unpadded base64url. */
  static String digest(String text) {
    return digest(text.getBytes(StandardCharsets.US_ASCII));
  }

  /** Larger texts get an array of their own rather than one kept by the thread. */
  private static final int MAX_SCRATCH = 64 * 1024;

  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[4096]);

  /**
   * The digest of the first {@code length} characters of {@code text}, which the caller knows to be
   * ASCII (a parsed SD-JWT is base64url, '.' and '~'), copied through this thread's scratch array.
   */
  @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) is exact for ASCII
  static String digestAsciiPrefix(String text, int length) {
    byte[] bytes = SCRATCH.get();
    if (bytes.length < length) {
      bytes = new byte[Math.max(length, bytes.length * 2)];
      if (bytes.length <= MAX_SCRATCH) {
        SCRATCH.set(bytes);
      }
    }
    text.getBytes(0, length, bytes, 0);
    MessageDigest md = DIGEST.get();
    md.update(bytes, 0, length);
    return Base64Url.encode(md.digest());
  }

  /** This thread's SHA-256 digest, for hashing many pieces in a row; reset it before use. */
  static MessageDigest threadDigest() {
    return DIGEST.get();
  }

  static String digest(byte[] bytes) {
    // No reset first: every use of this thread's digest ends with digest(), which resets it.
    return Base64Url.encode(DIGEST.get().digest(bytes));
  }
}
