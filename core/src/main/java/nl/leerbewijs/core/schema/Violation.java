package nl.leerbewijs.core.schema;

import java.util.Objects;

/**
 * One reason a claim document is not acceptable.
 *
 * @param pointer JSON Pointer (RFC 6901) to the offending value, e.g. {@code /skills/2/uri}; for a
 *     missing or unknown member it points at that member ({@code /title/nl}); {@code ""} is the
 *     root
 * @param code stable machine-readable code, see {@link ViolationCodes}; assert and branch on this
 * @param message human-readable English text naming the field and the expectation; may change
 */
public record Violation(String pointer, String code, String message) {

  public Violation {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return code + " at '" + pointer + "': " + message;
  }
}
