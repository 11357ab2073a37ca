package nl.leerbewijs.verifier.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The load generator's HTTP/1.1 client: blocking keep-alive connections, each used by one call at a
 * time, and a request encoded once, so each call is one write and a read of the answer. A call
 * takes an idle connection and puts it back when done, so the connections outlive the threads. Each
 * phase runs on new threads; with a connection per thread (until the thirteenth session) every
 * phase opened eight new connections at its start, left the old ones open on the server, and
 * measured the set-up of the new ones as part of its first requests. Chosen over {@code
 * java.net.http.HttpClient}, whose selector thread, executor hand-offs and per-request objects cost
 * about as much CPU as the server's own work; client and server share the same cores, so a heavy
 * client understates the server. Understands only what the verifier sends: a status line, headers
 * and a {@code Content-Length} body.
 */
final class KeepAliveClient implements AutoCloseable {

  record Answer(int status, byte[] body) {}

  private final InetSocketAddress address;
  private final byte[] request;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();

  KeepAliveClient(String host, int port, String path, String contentType, String body) {
    this.address = new InetSocketAddress(host, port);
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
    request = new byte[head.length + b.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(b, 0, request, head.length, b.length);
  }

  private final class Connection {
    final OutputStream out;
    final InputStream in;

    Connection() throws IOException {
      Socket s = new Socket();
      s.setTcpNoDelay(true);
      s.connect(address, 5000);
      s.setSoTimeout(30_000);
      sockets.add(s);
      out = s.getOutputStream();
      in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
    }
  }

  /** Sends the request on an idle connection (a new one if none is) and reads the whole answer. */
  Answer send() throws IOException {
    Connection c = idle.pollFirst();
    if (c == null) {
      c = new Connection();
    }
    Answer answer = exchange(c);
    idle.offerFirst(c);
    return answer;
  }

  private Answer exchange(Connection c) throws IOException {
    c.out.write(request);
    c.out.flush();
    String statusLine = line(c.in);
    int status = Integer.parseInt(statusLine.substring(9, 12));
    int length = -1;
    for (String h = line(c.in); !h.isEmpty(); h = line(c.in)) {
      int colon = h.indexOf(':');
      if (colon > 0 && h.regionMatches(true, 0, "content-length", 0, colon)) {
        length = Integer.parseInt(h.substring(colon + 1).trim());
      }
    }
    if (length < 0) {
      throw new IOException("answer without Content-Length: " + statusLine);
    }
    byte[] body = c.in.readNBytes(length);
    if (body.length != length) {
      throw new IOException("connection closed in the body");
    }
    return new Answer(status, body);
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder(64);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed in the headers");
      }
      if (b != '\r') {
        sb.append((char) b);
      }
    }
    return sb.toString();
  }

  private static final byte[] VALID = "\"verdict\":\"valid\"".getBytes(StandardCharsets.US_ASCII);

  /** {@link #send}, and fails unless the answer is 200 with the verdict {@code valid}. */
  Void sendExpectingValid() throws IOException {
    Answer r = send();
    if (r.status() != 200 || !contains(r.body(), VALID)) {
      throw new IllegalStateException("unexpected answer " + r.status());
    }
    return null;
  }

  /** Whether {@code needle} occurs in {@code haystack}. */
  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
  }
}
