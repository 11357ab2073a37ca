package nl.leerbewijs.wallet;

/**
 * A failure the learner is told about in plain language: a message key (looked up in the {@code
 * messages} bundles), its arguments, and the exit code. {@link #detail()} is an English detail
 * printed only with {@code --verbose}. Arguments must never hold secrets.
 */
public final class UserError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final String key;
  private final transient Object[] args;

  public UserError(int exitCode, String key, Object... args) {
    this(exitCode, null, null, key, args);
  }

  public UserError(int exitCode, Throwable cause, String detail, String key, Object... args) {
    super(detail == null ? key : detail, cause);
    this.exitCode = exitCode;
    this.key = key;
    this.args = args.clone();
  }

  /** With an English detail for --verbose. */
  public static UserError withDetail(int exitCode, String detail, String key, Object... args) {
    return new UserError(exitCode, null, detail, key, args);
  }

  public int exitCode() {
    return exitCode;
  }

  public String key() {
    return key;
  }

  public Object[] args() {
    return args.clone();
  }

  /** The English detail, or null. */
  public String detail() {
    return getMessage().equals(key) ? null : getMessage();
  }
}
