package nl.leerbewijs.core.verify;

import java.util.Objects;

/**
 * The result of one check.
 *
 * @param check which check
 * @param outcome how it ended
 * @param code a stable machine-readable code, e.g. {@code signature.invalid} or {@code
 *     status.valid}
 * @param message a short human explanation naming the object and the non-secret offending value
 */
public record CheckResult(Check check, Outcome outcome, String code, String message) {
  public CheckResult {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  public static CheckResult pass(Check check, String code, String message) {
    return new CheckResult(check, Outcome.PASS, code, message);
  }

  public static CheckResult fail(Check check, String code, String message) {
    return new CheckResult(check, Outcome.FAIL, code, message);
  }

  public static CheckResult warn(Check check, String code, String message) {
    return new CheckResult(check, Outcome.WARN, code, message);
  }

  public static CheckResult skipped(Check check, String reason) {
    return new CheckResult(check, Outcome.SKIPPED, check.id() + ".skipped", reason);
  }
}
