package nl.leerbewijs.issuer.apikey;

import java.util.Set;
import java.util.UUID;
import nl.leerbewijs.issuer.audit.Actor;
import nl.leerbewijs.issuer.tenant.Tenant;

/** An authenticated caller: a valid, unrevoked API key and the one tenant it belongs to. */
public record ApiKeyPrincipal(UUID apiKeyId, Tenant tenant, Set<Scope> scopes) {
  public ApiKeyPrincipal {
    scopes = Set.copyOf(scopes);
  }

  public boolean has(Scope scope) {
    return scopes.contains(scope);
  }

  /** This caller as recorded in the audit log. */
  public Actor actor() {
    return Actor.apiKey(apiKeyId);
  }
}
