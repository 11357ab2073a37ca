package nl.leerbewijs.issuer.audit;

import java.util.Objects;
import java.util.UUID;

/**
 * Who made a change: an API key (by its id, never its secret), a system administrator at the
 * command line (by OS user name) or the issuer itself.
 */
public record Actor(Type type, String id) {
  /** Kinds of actor, as stored in {@code audit_log.actor_type}. */
  public enum Type {
    API_KEY("api_key"),
    ADMIN("admin"),
    SYSTEM("system");

    private final String code;

    Type(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    static Type fromCode(String code) {
      for (Type t : values()) {
        if (t.code.equals(code)) {
          return t;
        }
      }
      throw new IllegalArgumentException("unknown actor type '" + code + "'");
    }
  }

  public Actor {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
  }

  public static Actor apiKey(UUID apiKeyId) {
    return new Actor(Type.API_KEY, apiKeyId.toString());
  }

  public static Actor admin(String osUser) {
    return new Actor(Type.ADMIN, osUser == null || osUser.isBlank() ? "unknown" : osUser);
  }

  public static Actor system() {
    return new Actor(Type.SYSTEM, "issuer");
  }
}
