package nl.leerbewijs.core.credential;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Metadata of one claim in SD-JWT VC Type Metadata: the claim path, a label per locale, whether it
 * is selectively disclosable and whether it is mandatory.
 *
 * @param path claim path: String names, {@code null} for "every element of the array", or
 *     non-negative Integer indices; unmodifiable, may contain {@code null}
 * @param labels label per locale tag (e.g. {@code nl-NL}), in document order
 * @param sd selective disclosure rule
 * @param mandatory whether the claim must be present in an issued credential
 */
public record ClaimMetadata(
    List<Object> path, Map<String, String> labels, Disclosability sd, boolean mandatory) {

  public ClaimMetadata {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(sd, "sd");
    path = Collections.unmodifiableList(new java.util.ArrayList<>(path));
    labels = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
  }

  /**
   * The label for {@code locale}: an exact tag match (case-insensitive), else the first label with
   * the same language (so {@code nl} finds {@code nl-NL}), else empty.
   */
  public Optional<String> label(String locale) {
    return TypeMetadata.pickLocale(labels, locale);
  }
}
