package nl.leerbewijs.core.sdjwt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.json.AsciiScratch;
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

  /**
   * The digest of the first {@code length} characters of {@code text}, which the caller knows to be
   * ASCII (a parsed SD-JWT is base64url, '.' and '~'), fed through {@link AsciiScratch}.
   */
  static String digestAsciiPrefix(String text, int length) {
    return finish(DIGEST.get(), text, 0, length);
  }

  /**
   * Feeds characters {@code [from, to)} of {@code text} (ASCII, as above) to {@code md}, which may
   * already hold input, and returns the digest as unpadded base64url.
   */
  static String finish(MessageDigest md, String text, int from, int to) {
    md.update(AsciiScratch.prefix(text, to), from, to - from);
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
