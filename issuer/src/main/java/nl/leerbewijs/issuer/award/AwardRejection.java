package nl.leerbewijs.issuer.award;

import java.util.ArrayList;
import java.util.List;
import nl.leerbewijs.issuer.http.ProblemException;

/**
 * Collects per-row errors of a batch; at most {@link #MAX_ERRORS} are kept so that a bad 10,000-row
 * file gives a readable answer.
 */
final class AwardRejection {
  static final int MAX_ERRORS = 1000;

  private final List<ProblemException.FieldError> errors = new ArrayList<>();
  private int total;
  private final java.util.Set<Integer> rows = new java.util.TreeSet<>();

  void add(ProblemException.FieldError e) {
    total++;
    if (e.row() != null) {
      rows.add(e.row());
    }
    if (errors.size() < MAX_ERRORS) {
      errors.add(e);
    }
  }

  boolean isEmpty() {
    return total == 0;
  }

  /** 422 naming every (up to the cap) bad row, field and expectation. */
  ProblemException toProblem(String what) {
    String detail =
        total
            + " error(s) in "
            + (rows.isEmpty() ? "the award" : rows.size() + " row(s) of the " + what)
            + "; nothing was awarded (a request is all-or-nothing)"
            + (total > errors.size() ? "; the first " + errors.size() + " errors are listed" : "");
    return new ProblemException(422, "award_rejected", "Award rejected", detail, errors);
  }
}
