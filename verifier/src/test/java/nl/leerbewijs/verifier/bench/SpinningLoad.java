package nl.leerbewijs.verifier.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * The pinned test's HTTP load generator: one thread that owns every keep-alive connection, never
 * sleeps, and polls non-blocking sockets in a loop. It sends each request at the moment it is due
 * on an idle connection (or as soon as one is idle: a request's latency counts from when it was
 * due), and notices an answer the moment it is there.
 *
 * <p>Why not a thread per connection ({@link KeepAliveClient}): on loopback, the core that sends a
 * packet also runs the receiving socket's TCP input and wakes the thread waiting on it. A client
 * thread blocked in {@code read} on the other core made every answer cost the service's core that
 * wake-up (an inter-processor interrupt, on a virtual machine a trip through the hypervisor), and
 * what that cost varied with the host: with client threads the service's core spent 3-19 % of its
 * time in softirq, with this client 0-5 % (fourteenth session, {@code /proc/stat}). Across a
 * network the client's own machine would pay for that. A polling client has no thread to wake; it
 * also adds no wake-up delay of its own to the latencies. It takes the whole of its core, which the
 * pinned test gives it.
 */
final class SpinningLoad implements LoadPhases.Load, AutoCloseable {

  private final Connection[] connections;

  SpinningLoad(InetSocketAddress address, byte[] request, int connections) throws IOException {
    this.connections = new Connection[connections];
    for (int i = 0; i < connections; i++) {
      this.connections[i] = new Connection(address, request);
    }
  }

  /** One keep-alive connection with at most one request outstanding. */
  private static final class Connection {
    final SocketChannel channel;
    final ByteBuffer request;
    ByteBuffer in = ByteBuffer.allocate(16 * 1024);
    boolean busy;
    long due;
    long[] samples = new long[0];
    int n;

    Connection(InetSocketAddress address, byte[] request) throws IOException {
      channel = SocketChannel.open(address);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel.configureBlocking(false);
      this.request = ByteBuffer.wrap(request);
    }

    /** Sends the whole request (it fits an empty socket buffer; a partial write is finished). */
    void send(long due) throws IOException {
      request.clear();
      while (request.hasRemaining()) {
        channel.write(request);
      }
      this.due = due;
      busy = true;
      in.clear();
    }

    /**
     * Reads what has arrived; true once the whole answer is in, which must be 200 with the verdict
     * {@code valid}.
     */
    boolean answered() throws IOException {
      if (channel.read(in) < 0) {
        throw new IOException("the service closed a connection");
      }
      int end = HttpAnswers.end(in.array(), in.position());
      if (end < 0 || in.position() < end) {
        if (!in.hasRemaining()) {
          in = ByteBuffer.allocate(Math.max(in.capacity() * 2, end)).put(in.flip());
        }
        return false;
      }
      HttpAnswers.expectValid(in.array(), end);
      busy = false;
      return true;
    }

    void record(long second, long latency) {
      if (n == samples.length) {
        samples = Arrays.copyOf(samples, Math.max(1024, n * 2));
      }
      samples[n++] = LoadPhases.sample(second, latency);
    }
  }

  /**
   * Runs for {@code nanos}: at {@code rate} per second, each request due at a fixed time from the
   * start, or, with rate 0, flat out (every connection sends again as soon as it is answered).
   * Requests due before the end are all answered and counted.
   */
  @Override
  public LoadPhases.Result run(long nanos, double rate) throws Exception {
    return run(nanos, rate, null);
  }

  /**
   * A paced load whose rate follows the service's capacity: {@code rate} times {@code share}, which
   * is read every {@value #FOLLOW_EVERY_MS} ms (the capacity now against the capacity {@code rate}
   * was set from; {@link CoreSpeed#shareNow}). The requests already sent keep their due times.
   */
  LoadPhases.Load following(DoubleSupplier share) {
    return (nanos, rate) -> run(nanos, rate, share);
  }

  // As often as the core's speed is measured (CoreSpeed's batches; 250 ms until the twentieth
  // session), so that a slowdown is acted on as soon as it shows.
  static final long FOLLOW_EVERY_MS = 100;

  private LoadPhases.Result run(long nanos, double rate, DoubleSupplier share) throws Exception {
    long interval = rate > 0 ? (long) (1e9 / rate) : 0;
    for (Connection c : connections) {
      // Sized before the clock starts, so the phase allocates nothing (and starts no collection).
      c.samples =
          new long
              [interval > 0 ? (int) (nanos / interval / connections.length * 2 + 1024) : 1 << 16];
      c.n = 0;
    }
    // Per second of the phase (and one over, for the last answers): sized before the clock starts.
    passGap = new long[(int) (nanos / 1_000_000_000L) + 2];
    sendLate = new long[passGap.length];
    LoadPhases.Jvm before = LoadPhases.Jvm.now();
    long startUptimeMs = ManagementFactory.getRuntimeMXBean().getUptime();
    start = System.nanoTime();
    end = start + nanos;
    this.interval = interval;
    EachSecond eachSecond = new EachSecond();
    ScheduledExecutorService pace = share == null ? null : EachSecond.sampler("pace");
    if (pace != null) {
      pace.scheduleAtFixedRate(
          () -> {
            double f = share.getAsDouble();
            if (f > 0 && Double.isFinite(f)) {
              this.interval = (long) (1e9 / (rate * f));
            }
          },
          0,
          FOLLOW_EVERY_MS,
          TimeUnit.MILLISECONDS);
    }
    nextDue = start;
    lastPass = start;
    outstanding = 0;
    try {
      while (!poll()) {
        // All the work is in poll().
      }
    } finally {
      if (pace != null) {
        // Waited for, so that a last update cannot change the next phase's interval.
        pace.shutdownNow();
        pace.awaitTermination(1, TimeUnit.SECONDS);
      }
    }
    long elapsed = System.nanoTime() - start;
    List<long[]> all = new ArrayList<>();
    for (Connection c : connections) {
      all.add(Arrays.copyOf(c.samples, c.n));
    }
    return LoadPhases.summarize(all, nanos, elapsed, before, eachSecond, startUptimeMs);
  }

  // The phase under way, for poll().
  private long start;
  private long end;

  /** Between two requests due; changed during the phase by a load that follows the capacity. */
  private volatile long interval;

  private long nextDue;
  private int outstanding;

  // Where a wait comes from, for each second of the phase: this thread's longest gap between two
  // passes (long: the generator itself was held up, off its core or compiling), and the latest a
  // request went out after it was due (long with short gaps: every connection was still waiting
  // for the service). Both in ns.
  private long lastPass;
  private long[] passGap = new long[1];
  private long[] sendLate = new long[1];

  /**
   * For the phase that ended last, each second's longest gap between two passes and latest send
   * after a request's due time, in ms: {@code 0.0/0.2 0.1/31.5 ...}.
   */
  String lateness(int seconds) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(seconds, passGap.length); i++) {
      b.append(
          String.format(
              Locale.ROOT, "%s%.1f/%.1f", i == 0 ? "" : " ", passGap[i] / 1e6, sendLate[i] / 1e6));
    }
    return b.toString();
  }

  /**
   * One pass over the connections: takes in the answers that have arrived and sends the requests
   * that are due; true once the phase is over and every request answered. A method of its own, not
   * the body of {@link #run}'s loop: with the loop in {@code run}, the JIT threw the compiled loop
   * away where each phase ended (a branch taken once per phase) and compiled all of it again, with
   * everything it calls inlined, at the start of the next: up to a second of compiling on the
   * generator's one core in the first second of a measured phase, which sent requests late. This
   * method still loses its compiled code at a phase's end, for the same reason, but compiles again
   * in tens of ms (fifteenth session, {@code -Xlog:jit+compilation}: JIT time in the paced phase's
   * first second 0-966 ms before, 0-121 ms after).
   */
  private boolean poll() throws IOException {
    for (Connection c : connections) {
      if (c.busy && c.answered()) {
        outstanding--;
        c.record((c.due - start) / 1_000_000_000L, System.nanoTime() - c.due);
      }
    }
    long now = System.nanoTime();
    int second = (int) Math.min((now - start) / 1_000_000_000L, passGap.length - 1);
    passGap[second] = Math.max(passGap[second], now - lastPass);
    lastPass = now;
    if (interval == 0) {
      for (Connection c : connections) {
        if (!c.busy && now < end) {
          c.send(System.nanoTime());
          outstanding++;
        }
      }
    } else {
      for (Connection c; nextDue <= now && nextDue < end && (c = nextIdle()) != null; ) {
        sendLate[second] = Math.max(sendLate[second], now - nextDue);
        c.send(nextDue);
        outstanding++;
        nextDue += interval;
      }
    }
    return outstanding == 0 && (now >= end || (interval > 0 && nextDue >= end));
  }

  private int next;

  /**
   * The next idle connection in turn, or null: the load goes round all of them, as from separate
   * clients (taking the first idle one would put most of it on the first connection).
   */
  private Connection nextIdle() {
    for (int i = 0; i < connections.length; i++) {
      Connection c = connections[(next + i) % connections.length];
      if (!c.busy) {
        next = (next + i + 1) % connections.length;
        return c;
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    for (Connection c : connections) {
      c.channel.close();
    }
  }
}
