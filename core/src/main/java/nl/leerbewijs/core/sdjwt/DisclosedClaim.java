package nl.leerbewijs.core.sdjwt;

import java.util.List;
import java.util.Objects;

/**
 * A disclosure together with where its claim sits in the processed claims: a concrete path of
 * property names and array indexes (indexes count the elements of the processed array).
 */
public record DisclosedClaim(List<Object> path, Disclosure disclosure) {
  public DisclosedClaim {
    Objects.requireNonNull(path);
    Objects.requireNonNull(disclosure);
  }

  @Override
  public String toString() {
    return "DisclosedClaim" + path;
  }
}
