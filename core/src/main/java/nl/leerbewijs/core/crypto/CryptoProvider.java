package nl.leerbewijs.core.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.DrbgParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one place where leerbewijs chooses the JCA provider for elliptic-curve signatures and key
 * generation, and the implementation of SHA-256.
 *
 * <p>Why not the JDK default: on JDK 17 SunEC signs ES256 at roughly 1.5k/s and verifies at 0.65k/s
 * per core, against ~8k/8.6k for BouncyCastle and ~51k/17k for the Amazon Corretto Crypto Provider
 * (AWS-LC, native). We therefore use ACCP where its native library loads (linux-x86_64) and
 * BouncyCastle everywhere else, and never SunEC for EC.
 *
 * <p>SHA-256 on its own ({@link #sha256()}) is the JDK's: HotSpot compiles it to the CPU's SHA
 * instructions where there are any, and it needs no native call, whose fixed cost is larger than
 * hashing a disclosure. Measured on the 2-core AMD build machine: 212 ns against ACCP's 295 ns for
 * 80 bytes, 1.35 µs against 1.65 µs for 1,500. Inside a signature the signature's provider hashes.
 *
 * <p>The choice can be forced with the system property {@value #PROPERTY} or the environment
 * variable {@value #ENV} ({@code auto}, {@code accp} or {@code bc}); tests use it to exercise both
 * paths. Neither provider is installed globally with {@code Security.addProvider}: every caller
 * passes {@link #get()} explicitly, so no other library's behaviour changes under us.
 */
public final class CryptoProvider {

  /** System property that forces a provider: {@code auto} (default), {@code accp} or {@code bc}. */
  public static final String PROPERTY = "leerbewijs.crypto.provider";

  /** Environment variable with the same meaning as {@link #PROPERTY}; the property wins. */
  public static final String ENV = "LEERBEWIJS_CRYPTO_PROVIDER";

  /** The providers we may choose between. */
  public enum Kind {
    /** Amazon Corretto Crypto Provider (AWS-LC, native). */
    ACCP,
    /** BouncyCastle's pure-Java provider. */
    BOUNCY_CASTLE
  }

  private static volatile Provider chosen;

  /**
   * Built only when first needed: constructing BouncyCastle's provider registers hundreds of
   * algorithms, about a tenth of a second that a short command (the wallet) should not pay when the
   * native provider is chosen.
   */
  private static final class BouncyCastle {
    static final Provider INSTANCE = new BouncyCastleProvider();
  }

  private CryptoProvider() {}

  /** The provider for all EC signing, verification and key generation. */
  public static Provider get() {
    Provider p = chosen;
    if (p == null) {
      synchronized (CryptoProvider.class) {
        p = chosen;
        if (p == null) {
          p = choose(requested());
          chosen = p;
        }
      }
    }
    return p;
  }

  /** Which kind {@link #get()} returned. */
  public static Kind kind() {
    return get() instanceof BouncyCastleProvider ? Kind.BOUNCY_CASTLE : Kind.ACCP;
  }

  /** A specific provider, for benchmarks and tests that compare both paths. */
  public static Provider of(Kind kind) {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.BOUNCY_CASTLE) {
      return BouncyCastle.INSTANCE;
    }
    if (!accpAvailable()) {
      throw new IllegalStateException(
          "the Amazon Corretto Crypto Provider is not usable on this platform: " + accpError());
    }
    return AmazonCorrettoCryptoProvider.INSTANCE;
  }

  /** Whether the native provider loaded and passed its self-tests on this platform. */
  public static boolean accpAvailable() {
    try {
      return AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError() == null
          && AmazonCorrettoCryptoProvider.INSTANCE.runSelfTests()
              == com.amazon.corretto.crypto.provider.SelfTestStatus.PASSED;
    } catch (LinkageError | RuntimeException e) {
      return false;
    }
  }

  private static String accpError() {
    try {
      Throwable t = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
      return t == null ? "self-tests failed" : t.toString();
    } catch (LinkageError | RuntimeException e) {
      return e.toString();
    }
  }

  private static String requested() {
    String v = System.getProperty(PROPERTY);
    if (v == null || v.isBlank()) {
      v = System.getenv(ENV);
    }
    return v == null || v.isBlank() ? "auto" : v.trim().toLowerCase(Locale.ROOT);
  }

  /**
   * A new random generator for bulk secrets on a hot path (disclosure salts): the native provider's
   * {@code LibCryptoRng} (AWS-LC's CTR-DRBG, NIST SP 800-90A, seeded by the operating system) when
   * it is the chosen provider, else the JDK's DRBG (Hash_DRBG, SHA-256). Filling 1,024 bytes takes
   * 0.9 µs with the first and 6 µs with the second on the AMD build machine; with 12 salts a
   * credential the JDK's DRBG cost about 2 % of an issuance.
   */
  public static SecureRandom secureRandom() {
    try {
      if (kind() == Kind.ACCP) {
        return SecureRandom.getInstance("LibCryptoRng", get());
      }
      return SecureRandom.getInstance(
          "DRBG", DrbgParameters.instantiation(256, DrbgParameters.Capability.NONE, null));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no DRBG available", e);
    }
  }

  /** A new SHA-256 digest (see the class comment for which implementation and why). */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256", "SUN");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static Provider choose(String requested) {
    switch (requested) {
      case "bc":
      case "bouncycastle":
        return BouncyCastle.INSTANCE;
      case "accp":
        return of(Kind.ACCP);
      case "auto":
        return accpAvailable() ? AmazonCorrettoCryptoProvider.INSTANCE : BouncyCastle.INSTANCE;
      default:
        throw new IllegalStateException(
            PROPERTY + " must be one of auto, accp, bc; got '" + requested + "'");
    }
  }
}
