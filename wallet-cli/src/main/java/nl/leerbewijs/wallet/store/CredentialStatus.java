package nl.leerbewijs.wallet.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import nl.leerbewijs.core.json.Json;

/**
 * The last known status of a stored credential and when it was checked.
 *
 * @param state what the last check found
 * @param checkedAt when, or null when never checked
 */
public record CredentialStatus(State state, Instant checkedAt) {

  /** What a status check found. */
  public enum State {
    /** Genuine, not revoked, suspended or expired. */
    VALID,
    /** Suspended by the issuer. */
    SUSPENDED,
    /** Revoked by the issuer. */
    REVOKED,
    /** Past its expiry date. */
    EXPIRED,
    /** The status could not be checked (issuer unreachable, no status list...). */
    UNKNOWN,
    /** No longer verifies (e.g. the issuer's key is gone). */
    INVALID,
    /** Never checked. */
    NOT_CHECKED;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    static State fromId(String id) {
      for (State s : values()) {
        if (s.id().equals(id)) {
          return s;
        }
      }
      return NOT_CHECKED;
    }
  }

  public static final CredentialStatus NEVER = new CredentialStatus(State.NOT_CHECKED, null);

  public Optional<Instant> checked() {
    return Optional.ofNullable(checkedAt);
  }

  ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("state", state.id());
    o.put("checked_at", checkedAt == null ? null : checkedAt.toString());
    return o;
  }

  static CredentialStatus fromJson(JsonNode o) {
    String at = o.path("checked_at").textValue();
    return new CredentialStatus(
        State.fromId(o.path("state").asText("")), at == null ? null : Instant.parse(at));
  }
}
