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
    MessageDigest md = DIGEST.get();
    md.update(AsciiScratch.prefix(text, length), 0, length);
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
