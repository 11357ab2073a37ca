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
import javax.net.SocketFactory;

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
 * so a heavy client understates the server. Answers are read with {@link HttpAnswers}.
 */
final class KeepAliveClient implements AutoCloseable {

  private final InetSocketAddress address;
  private final SocketFactory sockets;
  private final byte[] request;
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  /** Guarded by itself; an ArrayDeque allocates nothing per offer, unlike a linked deque. */
  private final ArrayDeque<Connection> idle = new ArrayDeque<>();

  KeepAliveClient(String host, int port, String path, String contentType, String body) {
    this(SocketFactory.getDefault(), host, port, path, contentType, body);
  }

  /**
   * @param sockets where connections come from: an {@code SSLSocketFactory} for https (each
   *     connection's handshake then happens at its first request)
   */
  KeepAliveClient(
      SocketFactory sockets, String host, int port, String path, String contentType, String body) {
    this.address = new InetSocketAddress(host, port);
    this.sockets = sockets;
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
   * One keep-alive connection and the buffer its answers are read into and parsed in, without a
   * String or array per call: at about 5,000 calls a second the generator's own garbage made its
   * collector pause in the measured phase (a 37 ms pause on 2026-11-23, which every request due in
   * it counted as latency).
   */
  private final class Connection {
    final OutputStream out;
    final InputStream in;
    byte[] buf = new byte[16 * 1024];

    Connection() throws IOException {
      Socket s = sockets.createSocket();
      s.setTcpNoDelay(true);
      s.connect(address, 5000);
      s.setSoTimeout(30_000);
      open.add(s);
      out = s.getOutputStream();
      in = s.getInputStream();
    }

    /** Sends the request and reads one whole answer into {@link #buf}; returns where it ends. */
    int exchange() throws IOException {
      out.write(request);
      out.flush();
      int n = 0;
      int end;
      while ((end = HttpAnswers.end(buf, n)) < 0 || n < end) {
        if (n == buf.length) {
          buf = Arrays.copyOf(buf, Math.max(n * 2, end));
        }
        int read = in.read(buf, n, buf.length - n);
        if (read < 0) {
          throw new IOException("connection closed in an answer");
        }
        n += read;
      }
      if (n > end) {
        throw new IOException("more bytes than the answer's Content-Length");
      }
      return end;
    }
  }

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
    HttpAnswers.expectValid(c.buf, c.exchange());
    synchronized (idle) {
      idle.offerFirst(c);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    for (Socket s : open) {
      s.close();
    }
  }
}
