package nl.leerbewijs.wallet;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import nl.leerbewijs.core.http.BoundedHttpClient;

/**
 * What a command run needs from the outside world, read once at start: the environment, the
 * terminal, standard input, the clock and HTTP limits. Tests build their own.
 */
public final class WalletContext {

  /** Environment variable with the wallet passphrase, for scripts. */
  public static final String PASSPHRASE_ENV = "LEERBEWIJS_WALLET_PASSPHRASE";

  /** Environment variable with a backup's passphrase (export/restore), for scripts. */
  public static final String BACKUP_PASSPHRASE_ENV = "LEERBEWIJS_WALLET_BACKUP_PASSPHRASE";

  /** Environment variable naming a trust list file to use instead of issuer metadata. */
  public static final String TRUST_LIST_ENV = "LEERBEWIJS_WALLET_TRUST_LIST";

  private final Map<String, String> env;
  private final Terminal terminal;
  private final InputStream stdin;
  private final Clock clock;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final int maxBodyBytes;
  private BoundedHttpClient http;

  private WalletContext(Builder b) {
    this.env = Map.copyOf(b.env);
    this.terminal = b.terminal;
    this.stdin = b.stdin;
    this.clock = b.clock;
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.maxBodyBytes = b.maxBodyBytes;
  }

  /** The real environment, console, standard input and clock. */
  public static WalletContext system() {
    return builder().env(System.getenv()).terminal(Terminal.system()).stdin(System.in).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Map<String, String> env() {
    return env;
  }

  public Terminal terminal() {
    return terminal;
  }

  public InputStream stdin() {
    return stdin;
  }

  public Clock clock() {
    return clock;
  }

  /**
   * The HTTP client for issuers and status lists: https only, plus plain http to loopback addresses
   * (127.0.0.1, [::1], localhost) for local development and tests.
   */
  public synchronized BoundedHttpClient http() {
    if (http == null) {
      http =
          BoundedHttpClient.builder()
              .connectTimeout(connectTimeout)
              .requestTimeout(requestTimeout)
              .maxBodyBytes(maxBodyBytes)
              .allowLoopbackHttp(true)
              .userAgent("leerbewijs-wallet")
              .build();
    }
    return http;
  }

  /** Builder; defaults are those of the real wallet. */
  public static final class Builder {
    private Map<String, String> env = Map.of();
    private Terminal terminal;
    private InputStream stdin = InputStream.nullInputStream();
    private Clock clock = Clock.systemUTC();
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(15);
    private int maxBodyBytes = 1024 * 1024;

    public Builder env(Map<String, String> env) {
      this.env = Objects.requireNonNull(env);
      return this;
    }

    public Builder terminal(Terminal t) {
      this.terminal = Objects.requireNonNull(t);
      return this;
    }

    public Builder stdin(InputStream in) {
      this.stdin = Objects.requireNonNull(in);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    public Builder timeouts(Duration connect, Duration request) {
      this.connectTimeout = Objects.requireNonNull(connect);
      this.requestTimeout = Objects.requireNonNull(request);
      return this;
    }

    public Builder maxBodyBytes(int max) {
      this.maxBodyBytes = max;
      return this;
    }

    public WalletContext build() {
      if (terminal == null) {
        terminal = Terminal.system();
      }
      return new WalletContext(this);
    }
  }
}
