package nl.leerbewijs.core.json;

/**
 * A per-thread byte array for feeding ASCII text that is already in a {@code String} (a JWS's
 * signing input, an SD-JWT for its {@code sd_hash}) to a signature or digest without two fresh
 * copies of a few kilobytes per verification.
 */
public final class AsciiScratch {

  /** Longer texts get an array of their own rather than one kept by the thread. */
  private static final int MAX_KEPT = 64 * 1024;

  private static final ThreadLocal<byte[]> ARRAY = ThreadLocal.withInitial(() -> new byte[4096]);

  private AsciiScratch() {}

  /**
   * The first {@code length} characters of {@code text} as bytes, at the start of an array that may
   * be longer; the array is this thread's and is overwritten by its next call.
   *
   * @param text known to be ASCII over that range (each character's low byte is taken)
   */
  @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) is exact for ASCII
  public static byte[] prefix(String text, int length) {
    byte[] bytes = ARRAY.get();
    if (bytes.length < length) {
      bytes = new byte[Math.max(length, bytes.length * 2)];
      if (bytes.length <= MAX_KEPT) {
        ARRAY.set(bytes);
      }
    }
    text.getBytes(0, length, bytes, 0);
    return bytes;
  }
}
