package nl.leerbewijs.verifier.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reading the verifier's HTTP/1.1 answers in place, in a byte buffer, for both load generators
 * ({@link KeepAliveClient}, {@link SpinningLoad}): no String or array per answer, so a generator
 * makes no garbage in a measured phase. Understands only what the verifier sends: a status line,
 * headers and a {@code Content-Length} body.
 */
final class HttpAnswers {

  private static final byte[] CRLFCRLF = {'\r', '\n', '\r', '\n'};
  private static final byte[] CONTENT_LENGTH =
      "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] VALID = "\"verdict\":\"valid\"".getBytes(StandardCharsets.US_ASCII);

  private HttpAnswers() {}

  /**
   * Where the answer starting at {@code b[0]} ends, once its head is among the first {@code n}
   * bytes; -1 before that.
   */
  static int end(byte[] b, int n) throws IOException {
    int headEnd = indexOf(b, 0, n, CRLFCRLF);
    return headEnd < 0 ? -1 : headEnd + CRLFCRLF.length + contentLength(b, headEnd);
  }

  /** Fails unless the answer in {@code b[0, end)} is 200 with the verdict {@code valid}. */
  static void expectValid(byte[] b, int end) {
    if (end < 12 || b[9] != '2' || b[10] != '0' || b[11] != '0' || indexOf(b, 0, end, VALID) < 0) {
      throw new IllegalStateException(
          "unexpected answer: " + new String(b, 0, Math.min(end, 200), StandardCharsets.UTF_8));
    }
  }

  /** The value of the {@code Content-Length} header in the head {@code b[0, headEnd)}. */
  private static int contentLength(byte[] b, int headEnd) throws IOException {
    for (int i = 0; i + CONTENT_LENGTH.length <= headEnd; i++) {
      int j = 0;
      // ASCII letters to lower case; "\r\n-:" have that bit set already
      while (j < CONTENT_LENGTH.length && (b[i + j] | 0x20) == (CONTENT_LENGTH[j] | 0x20)) {
        j++;
      }
      if (j == CONTENT_LENGTH.length) {
        int length = 0;
        for (int k = i + j; k < headEnd && b[k] != '\r'; k++) {
          if (b[k] >= '0' && b[k] <= '9') {
            length = length * 10 + b[k] - '0';
          }
        }
        return length;
      }
    }
    throw new IOException("answer without Content-Length");
  }

  /** Where {@code needle} first occurs in {@code haystack[from, to)}, or -1. */
  private static int indexOf(byte[] haystack, int from, int to, byte[] needle) {
    outer:
    for (int i = from; i <= to - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
