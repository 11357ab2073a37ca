package nl.leerbewijs.core.vc;

import java.util.Objects;

/**
 * A Token Status List reference, {@code "status":{"status_list":{"idx":..,"uri":..}}}: the index of
 * this credential in the status list published at {@code uri}. This type only carries it; fetching
 * and checking the list is the verification engine's job.
 */
public record StatusReference(long idx, String uri) {
  public StatusReference {
    if (idx < 0) {
      throw new IllegalArgumentException("status list index must not be negative: " + idx);
    }
    Objects.requireNonNull(uri, "uri");
    if (uri.isEmpty()) {
      throw new IllegalArgumentException("status list uri is empty");
    }
  }
}
