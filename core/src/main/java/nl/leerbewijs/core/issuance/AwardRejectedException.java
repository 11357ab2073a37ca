package nl.leerbewijs.core.issuance;

import java.util.List;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.core.schema.Violation;

/** An award that breaks its type's schema or domain rules; carries every violation. */
public final class AwardRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  public AwardRejectedException(CredentialType type, List<Violation> violations) {
    super(
        type.id()
            + " award rejected: "
            + violations.size()
            + " violation(s), first at "
            + violations.get(0).pointer()
            + ": "
            + violations.get(0).message());
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
