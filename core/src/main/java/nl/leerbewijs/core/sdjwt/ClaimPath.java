package nl.leerbewijs.core.sdjwt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Claim paths as used by the issuer ("make this selectively disclosable") and the holder ("disclose
 * this"): a non-empty list whose elements are a {@link String} (object property), a non-negative
 * {@link Integer} (array index) or {@code null} (every element of an array), in the spirit of
 * OpenID4VP's DCQL claims path. {@code List.of} cannot hold {@code null}; use {@link #of}.
 */
public final class ClaimPath {

  /** Path element meaning "every element of this array". */
  public static final Object ALL_ELEMENTS = null;

  private ClaimPath() {}

  /** An unmodifiable path; {@code null} elements mean every array element. */
  public static List<Object> of(Object... elements) {
    List<Object> path = Collections.unmodifiableList(new ArrayList<>(Arrays.asList(elements)));
    validate(path);
    return path;
  }

  /**
   * Parses a dotted path: {@code learner.birthdate}, {@code skills.*.name}. A {@code *} segment
   * means every array element; every other segment is a property name (so an array index cannot be
   * written this way).
   */
  public static List<Object> parse(String dotted) {
    Objects.requireNonNull(dotted, "dotted");
    if (dotted.isEmpty()) {
      throw new IllegalArgumentException("claim path is empty");
    }
    List<Object> out = new ArrayList<>();
    for (String segment : dotted.split("\\.", -1)) {
      if (segment.isEmpty()) {
        throw new IllegalArgumentException("claim path '" + dotted + "' has an empty segment");
      }
      out.add("*".equals(segment) ? ALL_ELEMENTS : segment);
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Checks that a path is well-formed.
   *
   * @throws IllegalArgumentException when it is empty or holds an element of another type
   */
  public static void validate(List<Object> path) {
    if (path == null || path.isEmpty()) {
      throw new IllegalArgumentException("claim path is empty");
    }
    for (Object e : path) {
      boolean ok = e == null || e instanceof String || (e instanceof Integer && ((Integer) e) >= 0);
      if (!ok) {
        throw new IllegalArgumentException(
            "claim path element must be a String, a non-negative Integer or null; got "
                + e.getClass().getSimpleName());
      }
    }
  }

  /**
   * Whether {@code selector} (which may hold {@code null} wildcards) equals {@code concrete} or is
   * a prefix of it.
   */
  static boolean coversOrIsPrefix(List<Object> selector, List<Object> concrete) {
    if (selector.size() > concrete.size()) {
      return false;
    }
    for (int i = 0; i < selector.size(); i++) {
      Object s = selector.get(i);
      Object c = concrete.get(i);
      if (s == null ? !(c instanceof Integer) : !s.equals(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the concrete path {@code ancestor} is a proper prefix of what {@code selector} (which
   * may hold {@code null} wildcards) selects.
   */
  static boolean leadsTo(List<Object> ancestor, List<Object> selector) {
    if (ancestor.size() >= selector.size()) {
      return false;
    }
    return coversOrIsPrefix(selector.subList(0, ancestor.size()), ancestor);
  }
}
