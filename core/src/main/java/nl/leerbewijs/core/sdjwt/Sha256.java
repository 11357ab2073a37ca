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

  /** This thread's SHA-256 digest, for hashing many pieces in a row; reset it before use. */
  static MessageDigest threadDigest() {
    return DIGEST.get();
  }

  static String digest(byte[] bytes) {
    // No reset first: every use of this thread's digest ends with digest(), which resets it.
    return Base64Url.encode(DIGEST.get().digest(bytes));
  }
}
