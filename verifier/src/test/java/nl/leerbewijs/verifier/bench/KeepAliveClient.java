package nl.leerbewijs.verifier.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The shared load test's HTTP/1.1 client ({@link VerifierLoadTest}; the pinned test polls its
 * connections from one thread instead, {@link SpinningLoad}): blocking keep-alive connections, each
 * used by one call at a time, and a request encoded once, so each call is one write and a read of
 * the answer. A call takes an idle connection and puts it back when done, so the connections
 * outlive the threads. Each phase runs on new threads; with a connection per thread (until the
 * thirteenth session) every phase opened eight new connections at its start, left the old ones open
 * on the server, and measured the set-up of the new ones as part of its first requests. Chosen over
 * {@code java.net.http.HttpClient}, whose selector thread, executor hand-offs and per-request
 * objects cost about as much CPU as the server's own work; client and server share the same cores,
 * so a heavy client understates the server. Understands only what the verifier sends: a status
 * line, headers and a {@code Content-Length} body.
 */
final class KeepAliveClient implements AutoCloseable {

  private final InetSocketAddress address;
  private final byte[] request;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  /** Guarded by itself; an ArrayDeque allocates nothing per offer, unlike a linked deque. */
  private final ArrayDeque<Connection> idle = new ArrayDeque<>();

  KeepAliveClient(String host, int port, String path, String contentType, String body) {
    this.address = new InetSocketAddress(host, port);
    this.request = request(host, port, path, contentType, body);
  }

  /** An HTTP/1.1 POST of {@code body}, encoded once for every call. */
  static byte[] request(String host, int port, String path, String contentType, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    byte[] head =
        ("POST "
                + path
                + " HTTP/1.1\r\nHost: "
                + host
                + ":"
                + port
                + "\r\nContent-Type: "
                + contentType
                + "\r\nContent-Length: "
                + b.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[head.length + b.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(b, 0, request, head.length, b.length);
    return request;
  }

  /**
   * One keep-alive connection and the buffer its answers are read into. The answer is parsed in
   * that buffer, without a String or array per call: at about 5,000 calls a second the generator's
   * own garbage made its collector pause in the measured phase (a 37 ms pause on 2026-11-23, which
   * every request due in it counted as latency).
   */
  private final class Connection {
    final OutputStream out;
    final InputStream in;
    byte[] buf = new byte[16 * 1024];

    Connection() throws IOException {
      Socket s = new Socket();
      s.setTcpNoDelay(true);
      s.connect(address, 5000);
      s.setSoTimeout(30_000);
      sockets.add(s);
      out = s.getOutputStream();
      in = s.getInputStream();
    }

    /**
     * Sends the request and reads one whole answer into {@link #buf}; returns its status, with the
     * body at {@code [bodyStart, bodyEnd)}.
     */
    int exchange() throws IOException {
      out.write(request);
      out.flush();
      int n = 0;
      int headEnd;
      while ((headEnd = indexOf(buf, 0, n, CRLFCRLF)) < 0) {
        n = fill(n);
      }
      int length = contentLength(headEnd);
      bodyStart = headEnd + CRLFCRLF.length;
      bodyEnd = bodyStart + length;
      if (bodyEnd > buf.length) {
        buf = Arrays.copyOf(buf, bodyEnd);
      }
      while (n < bodyEnd) {
        n = fill(n);
      }
      if (n > bodyEnd) {
        throw new IOException("more bytes than the answer's Content-Length");
      }
      return (buf[9] - '0') * 100 + (buf[10] - '0') * 10 + (buf[11] - '0');
    }

    int bodyStart;
    int bodyEnd;

    private int fill(int n) throws IOException {
      if (n == buf.length) {
        buf = Arrays.copyOf(buf, n * 2);
      }
      int read = in.read(buf, n, buf.length - n);
      if (read < 0) {
        throw new IOException("connection closed in an answer");
      }
      return n + read;
    }

    /** The value of the {@code Content-Length} header in {@code buf[0, headEnd)}. */
    private int contentLength(int headEnd) throws IOException {
      for (int line = indexOf(buf, 0, headEnd, CRLF) + 2;
          line < headEnd;
          line = indexOf(buf, line, headEnd + 2, CRLF) + 2) {
        if (startsWithIgnoreCase(buf, line, CONTENT_LENGTH)) {
          int length = 0;
          for (int i = line + CONTENT_LENGTH.length; i < headEnd && buf[i] != '\r'; i++) {
            if (buf[i] >= '0' && buf[i] <= '9') {
              length = length * 10 + buf[i] - '0';
            }
          }
          return length;
        }
      }
      throw new IOException("answer without Content-Length");
    }
  }

  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] CRLFCRLF = {'\r', '\n', '\r', '\n'};
  private static final byte[] CONTENT_LENGTH =
      "content-length:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] VALID = "\"verdict\":\"valid\"".getBytes(StandardCharsets.US_ASCII);

  /**
   * Sends the request on an idle connection (a new one if none is) and fails unless the answer is
   * 200 with the verdict {@code valid}.
   */
  Void sendExpectingValid() throws IOException {
    Connection c;
    synchronized (idle) {
      c = idle.pollFirst();
    }
    if (c == null) {
      c = new Connection();
    }
    int status = c.exchange();
    if (status != 200 || indexOf(c.buf, c.bodyStart, c.bodyEnd, VALID) < 0) {
      throw new IllegalStateException("unexpected answer " + status);
    }
    synchronized (idle) {
      idle.offerFirst(c);
    }
    return null;
  }

  /** Where {@code needle} first occurs in {@code haystack[from, to)}, or -1. */
  static int indexOf(byte[] haystack, int from, int to, byte[] needle) {
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

  private static boolean startsWithIgnoreCase(byte[] b, int at, byte[] lowerCase) {
    if (at + lowerCase.length > b.length) {
      return false;
    }
    for (int i = 0; i < lowerCase.length; i++) {
      if ((b[at + i] | 0x20) != lowerCase[i]) { // ASCII letters to lower case; - : unchanged
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
  }
}
