package nl.leerbewijs.core.verify;

import java.util.Locale;

/** How one check ended. */
public enum Outcome {
  PASS,
  FAIL,
  /** Passed with a caveat, or could not be completed (e.g. status list unreachable). */
  WARN,
  /** Not run, because an earlier check made it meaningless or the policy does not ask for it. */
  SKIPPED;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
