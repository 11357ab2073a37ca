package nl.leerbewijs.core.jose;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The allow-list of JWS algorithms a verifier accepts. Immutable. The default accepts ES256 only,
 * which every wallet supports; {@code none}, HMAC and RSA cannot be allowed at all.
 */
public final class AlgorithmPolicy {

  /** ES256 only. */
  public static final AlgorithmPolicy DEFAULT = of(JwsAlgorithm.ES256);

  private final Set<JwsAlgorithm> allowed;

  private AlgorithmPolicy(Set<JwsAlgorithm> allowed) {
    this.allowed = Collections.unmodifiableSet(EnumSet.copyOf(allowed));
  }

  /** A policy that accepts exactly the given algorithms (at least one). */
  public static AlgorithmPolicy of(JwsAlgorithm first, JwsAlgorithm... more) {
    EnumSet<JwsAlgorithm> set = EnumSet.of(Objects.requireNonNull(first), more);
    return new AlgorithmPolicy(set);
  }

  /** The accepted algorithm for an {@code alg} header value, or empty when it is not allowed. */
  public Optional<JwsAlgorithm> accept(String alg) {
    return JwsAlgorithm.fromHeader(alg).filter(allowed::contains);
  }

  public Set<JwsAlgorithm> allowed() {
    return allowed;
  }

  @Override
  public String toString() {
    return "AlgorithmPolicy" + allowed;
  }
}
