package nl.leerbewijs.core.sdjwt;

import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import nl.leerbewijs.core.json.Base64Url;

/**
 * 128-bit random salts. Each thread owns a Hash_DRBG instance seeded from the system entropy
 * source, so issuance threads never contend on one shared {@link SecureRandom}.
 */
final class SecureSaltSource implements SaltSource {

  static final SecureSaltSource INSTANCE = new SecureSaltSource();

  /** Salt length in bytes: 128 bits, as RFC 9901 section 9.3 recommends. */
  static final int SALT_BYTES = 16;

  private static final ThreadLocal<SecureRandom> RANDOM =
      ThreadLocal.withInitial(SecureSaltSource::newRandom);

  private SecureSaltSource() {}

  private static SecureRandom newRandom() {
    try {
      return SecureRandom.getInstance(
          "DRBG",
          DrbgParameters.instantiation(
              256,
              DrbgParameters.Capability.NONE,
              "leerbewijs salt".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }

  @Override
  public String nextSalt() {
    byte[] b = new byte[SALT_BYTES];
    RANDOM.get().nextBytes(b);
    return Base64Url.encode(b);
  }

  /** A random int in [0, bound), for decoy counts. */
  static int nextInt(int bound) {
    return RANDOM.get().nextInt(bound);
  }

  @Override
  public String toString() {
    return "SaltSource.secure()";
  }
}
