package nl.leerbewijs.core.sdjwt;

import java.security.SecureRandom;
import java.util.Arrays;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.json.Base64Url;
import nl.leerbewijs.core.json.Utf8JsonWriter;

/**
 * 128-bit random salts. Each thread owns a DRBG ({@link CryptoProvider#secureRandom()}) seeded from
 * the system entropy source, so issuance threads never contend on one shared {@link SecureRandom};
 * random bytes are drawn in blocks of {@value #BLOCK} and each block is wiped as it is handed out,
 * which makes a salt cost a fraction of a DRBG call.
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
    final SecureRandom random = CryptoProvider.secureRandom();
    final byte[] block = new byte[BLOCK];
    int position = BLOCK;

    void next(byte[] out) {
      int at = take(out.length);
      System.arraycopy(block, at, out, 0, out.length);
      Arrays.fill(block, at, at + out.length, (byte) 0);
    }

    /** Reserves {@code n} fresh bytes of {@link #block} and returns where they start. */
    int take(int n) {
      if (position + n > BLOCK) {
        random.nextBytes(block);
        position = 0;
      }
      int at = position;
      position += n;
      return at;
    }
  }

  @Override
  public String nextSalt() {
    byte[] b = new byte[SALT_BYTES];
    POOL.get().next(b);
    return Base64Url.encode(b);
  }

  /** Appends a fresh salt as a JSON string, without making a {@code String} of it first. */
  static void appendSalt(Utf8JsonWriter out) {
    Pool pool = POOL.get();
    int at = pool.take(SALT_BYTES);
    out.raw('"').base64Url(pool.block, at, SALT_BYTES).raw('"');
    Arrays.fill(pool.block, at, at + SALT_BYTES, (byte) 0);
  }

  /** Fills {@code out} with random bytes from this thread's DRBG. */
  static void nextBytes(byte[] out) {
    POOL.get().next(out);
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
