package nl.leerbewijs.issuer.config;

import java.util.List;

/** The issuer's configuration is invalid; the message lists every problem, one per line. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super("invalid issuer configuration:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, naming the variable and the offending (non-secret) value. */
  public List<String> problems() {
    return problems;
  }
}
