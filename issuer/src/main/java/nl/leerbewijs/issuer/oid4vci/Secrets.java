package nl.leerbewijs.issuer.oid4vci;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.json.Base64Url;

/** Random bearer values (access tokens, nonces) and their SHA-256 hashes as stored. */
public final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int BYTES = 32;

  private Secrets() {}

  /** 256 random bits, base64url (43 characters). */
  public static String random256() {
    byte[] b = new byte[BYTES];
    RANDOM.nextBytes(b);
    return Base64Url.encode(b);
  }

  /** SHA-256 of the UTF-8 text: how bearer values are stored and looked up. */
  public static byte[] sha256(String text) {
    return CryptoProvider.sha256().digest(text.getBytes(StandardCharsets.UTF_8));
  }

  public static byte[] sha256(byte[] bytes) {
    return CryptoProvider.sha256().digest(bytes);
  }
}
