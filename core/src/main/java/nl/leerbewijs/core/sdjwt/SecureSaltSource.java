package nl.leerbewijs.core.sdjwt;

import java.nio.charset.StandardCharsets;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import nl.leerbewijs.core.json.Base64Url;

/**
 * 128-bit random salts. Each thread owns a Hash_DRBG instance seeded from the system entropy
 * source, so issuance threads never contend on one shared {@link SecureRandom}; random bytes are
 * drawn in blocks of {@value #BLOCK} and each block is wiped as it is handed out, which makes a
 * salt cost a fraction of a DRBG call.
 */
final class SecureSaltSource implements SaltSource {

  static final SecureSaltSource INSTANCE = new SecureSaltSource();

  /** Salt length in bytes: 128 bits, as RFC 9901 section 9.3 recommends. */
  static final int SALT_BYTES = 16;

  private static final int BLOCK = 1024;

  private static final ThreadLocal<Pool> POOL = ThreadLocal.withInitial(Pool::new);

  private SecureSaltSource() {}

  /** Per-thread random bytes. */
  private static final class Pool {
    final SecureRandom random = newRandom();
    final byte[] block = new byte[BLOCK];
    int position = BLOCK;

    void next(byte[] out) {
      if (position + out.length > BLOCK) {
        random.nextBytes(block);
        position = 0;
      }
      System.arraycopy(block, position, out, 0, out.length);
      Arrays.fill(block, position, position + out.length, (byte) 0);
      position += out.length;
    }
  }

  private static SecureRandom newRandom() {
    try {
      return SecureRandom.getInstance(
          "DRBG",
          DrbgParameters.instantiation(
              256,
              DrbgParameters.Capability.NONE,
              "leerbewijs salt".getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }

  @Override
  public String nextSalt() {
    byte[] b = new byte[SALT_BYTES];
    POOL.get().next(b);
    return Base64Url.encode(b);
  }

  /** A random int in [0, bound), for decoy counts. */
  static int nextInt(int bound) {
    byte[] b = new byte[4];
    POOL.get().next(b);
    int v = ((b[0] & 0x7f) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    return v % bound; // bias is negligible for the tiny bounds used (decoy counts)
  }

  @Override
  public String toString() {
    return "SaltSource.secure()";
  }
}
