package nl.leerbewijs.wallet.present;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.leerbewijs.core.sdjwt.ClaimPath;
import nl.leerbewijs.core.sdjwt.DisclosedClaim;

/**
 * The names learners use for what they can choose to show, mapped to claim paths:
 *
 * <ul>
 *   <li>{@code name} → {@code ["learner"]}: the learner's given and family name;
 *   <li>{@code birthdate}, {@code student_id} → {@code ["learner", ...]};
 *   <li>{@code skills} → every skill; {@code skills[2]} → the second skill (counting from 1, as
 *       {@code wallet show} numbers them);
 *   <li>any other selectively disclosable top-level claim by its name ({@code description}, {@code
 *       learning_outcomes}, {@code praktijkopleider}, {@code assessor}...).
 * </ul>
 */
public final class ClaimNames {

  public static final String NAME = "name";
  private static final String LEARNER = "learner";
  private static final Pattern INDEXED = Pattern.compile("([a-z_]+)\\[(\\d{1,4})\\]");

  private ClaimNames() {}

  /** The learner-facing name of a disclosure's claim path. */
  public static String nameOf(List<Object> path) {
    if (path.size() == 1 && LEARNER.equals(path.get(0))) {
      return NAME;
    }
    if (path.size() == 2 && LEARNER.equals(path.get(0)) && path.get(1) instanceof String) {
      return (String) path.get(1);
    }
    StringBuilder sb = new StringBuilder();
    for (Object p : path) {
      if (p instanceof Integer) {
        sb.append('[').append((Integer) p + 1).append(']');
      } else {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(p);
      }
    }
    return sb.toString();
  }

  /**
   * The claim path (selector) for a learner-facing name, if it selects anything in this credential.
   */
  public static Optional<List<Object>> pathOf(String name, List<DisclosedClaim> available) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    for (DisclosedClaim c : available) {
      if (nameOf(c.path()).equals(n)) {
        return Optional.of(c.path());
      }
    }
    Matcher m = INDEXED.matcher(n);
    if (m.matches()) {
      int idx = Integer.parseInt(m.group(2)) - 1;
      return idx < 0 ? Optional.empty() : matching(ClaimPath.of(m.group(1), idx), available);
    }
    // A whole array of disclosable elements, e.g. "skills".
    return matching(ClaimPath.of(n, ClaimPath.ALL_ELEMENTS), available);
  }

  private static Optional<List<Object>> matching(
      List<Object> selector, List<DisclosedClaim> available) {
    for (DisclosedClaim c : available) {
      List<Object> p = c.path();
      if (p.size() >= selector.size() && covers(selector, p)) {
        return Optional.of(selector);
      }
    }
    return Optional.empty();
  }

  private static boolean covers(List<Object> selector, List<Object> p) {
    for (int i = 0; i < selector.size(); i++) {
      Object s = selector.get(i);
      if (s == null ? !(p.get(i) instanceof Integer) : !s.equals(p.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The learner-facing names of everything that can be chosen, in credential order. */
  public static List<String> names(List<DisclosedClaim> available) {
    List<String> out = new ArrayList<>();
    for (DisclosedClaim c : available) {
      String n = nameOf(c.path());
      if (!out.contains(n)) {
        out.add(n);
      }
    }
    return out;
  }
}
