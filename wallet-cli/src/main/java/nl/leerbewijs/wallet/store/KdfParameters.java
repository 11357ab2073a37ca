package nl.leerbewijs.wallet.store;

/**
 * scrypt (RFC 7914) cost parameters for turning a passphrase into the wallet's AES-256 key.
 *
 * <p>{@link #DEFAULT}: N = 2^17, r = 8, p = 1. scrypt needs 128 * N * r bytes of memory, so 128
 * MiB, and takes about 0.3 to 0.8 s on a current laptop core (measured figures in
 * wallet-cli/README.md). This is the OWASP recommendation for scrypt: each guess at a stolen wallet
 * file costs an attacker the same memory and time, which makes guessing a reasonable passphrase
 * very expensive. The cost is paid once per command.
 *
 * <p>{@link #TESTS_ONLY_INSECURE} (N = 2^10) exists only so automated tests run fast; it is chosen
 * with the environment variable {@value #INSECURE_TEST_KDF_ENV}{@code =1} and never otherwise.
 *
 * <p>Parameters read from a file are checked against {@link #validate} bounds before use, so a
 * crafted file cannot make the wallet allocate gigabytes or spin for minutes.
 */
public record KdfParameters(int logN, int r, int p) {

  /** The algorithm name written in the file. */
  public static final String ALGORITHM = "scrypt";

  /** The deliberate production cost: N = 2^17, r = 8, p = 1 (128 MiB). */
  public static final KdfParameters DEFAULT = new KdfParameters(17, 8, 1);

  /** Cheap parameters for automated tests ONLY: N = 2^10 (1 MiB). Never for real wallets. */
  public static final KdfParameters TESTS_ONLY_INSECURE = new KdfParameters(10, 8, 1);

  /** Environment variable that selects {@link #TESTS_ONLY_INSECURE} for NEW wallet files. */
  public static final String INSECURE_TEST_KDF_ENV = "LEERBEWIJS_WALLET_INSECURE_TEST_KDF";

  /** Largest accepted log2(N) from a file: 2^20 (1 GiB at r = 8). */
  public static final int MAX_LOG_N = 20;

  /** Salt length in bytes. */
  public static final int SALT_BYTES = 16;

  public KdfParameters {
    validate(logN, r, p);
  }

  /** N itself. */
  public int n() {
    return 1 << logN;
  }

  /** Memory scrypt needs, in bytes. */
  public long memoryBytes() {
    return 128L * n() * r;
  }

  /**
   * @throws IllegalArgumentException when the parameters are out of the accepted range
   */
  public static void validate(int logN, int r, int p) {
    if (logN < 10 || logN > MAX_LOG_N || r < 1 || r > 32 || p < 1 || p > 4) {
      throw new IllegalArgumentException(
          "scrypt parameters out of range: log2(N)=" + logN + ", r=" + r + ", p=" + p);
    }
    if (128L * (1L << logN) * r > (1L << 30)) {
      throw new IllegalArgumentException("scrypt parameters need more than 1 GiB of memory");
    }
  }

  /** The parameters for new files: {@link #DEFAULT} unless the test-only variable is set. */
  public static KdfParameters forNewFiles(java.util.Map<String, String> env) {
    return "1".equals(env.get(INSECURE_TEST_KDF_ENV)) ? TESTS_ONLY_INSECURE : DEFAULT;
  }
}
