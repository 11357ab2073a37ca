package nl.leerbewijs.issuer.admin;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import nl.leerbewijs.issuer.IssuerContext;
import nl.leerbewijs.issuer.apikey.ApiKey;
import nl.leerbewijs.issuer.apikey.ApiKeyService;
import nl.leerbewijs.issuer.apikey.Scope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code issuer admin apikey create|revoke|list}. */
@Command(
    name = "apikey",
    description = "Create, revoke and list a tenant's API keys.",
    mixinStandardHelpOptions = true,
    subcommands = {
      ApiKeyCommand.Create.class,
      ApiKeyCommand.Revoke.class,
      ApiKeyCommand.ListKeys.class
    })
public final class ApiKeyCommand {
  @ParentCommand AdminCommand admin;

  /** {@code apikey create}: prints the key once. */
  @Command(
      name = "create",
      description = "Create an API key; it is printed once and stored only as a hash.",
      mixinStandardHelpOptions = true)
  static final class Create implements Callable<Integer> {
    @ParentCommand ApiKeyCommand parent;
    @Spec CommandSpec spec;
    @Mixin AdminOptions options;

    @Option(names = "--tenant", required = true, description = "Tenant path.")
    String tenant;

    @Option(
        names = "--scopes",
        required = true,
        split = ",",
        description = "Comma separated: issue, revoke, admin.")
    List<String> scopes;

    @Option(names = "--description", description = "What the key is for (not secret).")
    String description;

    @Override
    public Integer call() {
      Set<Scope> s = EnumSet.noneOf(Scope.class);
      for (String code : scopes) {
        s.add(Scope.fromCode(code.trim()));
      }
      try (IssuerContext ctx = parent.admin.open()) {
        ApiKeyService.CreatedApiKey created =
            Await.of(
                ctx.apiKeys().create(tenant, s, description, AdminCommand.actor(), options.reason));
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
            "created API key %s for tenant %s with scopes %s%n",
            created.key().id(), tenant, codes(created.key().scopes()));
        out.println("The key is shown only now; store it safely:");
        out.println(created.token().reveal());
      }
      return ExitCodes.OK;
    }
  }

  /** {@code apikey revoke}. */
  @Command(name = "revoke", description = "Revoke an API key.", mixinStandardHelpOptions = true)
  static final class Revoke implements Callable<Integer> {
    @ParentCommand ApiKeyCommand parent;
    @Spec CommandSpec spec;
    @Mixin AdminOptions options;

    @Option(names = "--id", required = true, description = "The API key's id.")
    UUID id;

    @Override
    public Integer call() {
      try (IssuerContext ctx = parent.admin.open()) {
        ApiKey k = Await.of(ctx.apiKeys().revoke(id, AdminCommand.actor(), options.reason));
        spec.commandLine().getOut().printf("revoked API key %s (lbk_%s_...)%n", k.id(), k.prefix());
      }
      return ExitCodes.OK;
    }
  }

  /** {@code apikey list}. */
  @Command(
      name = "list",
      description = "List a tenant's API keys.",
      mixinStandardHelpOptions = true)
  static final class ListKeys implements Callable<Integer> {
    @ParentCommand ApiKeyCommand parent;
    @Spec CommandSpec spec;

    @Option(names = "--tenant", required = true, description = "Tenant path.")
    String tenant;

    @Override
    public Integer call() {
      try (IssuerContext ctx = parent.admin.open()) {
        for (ApiKey k : Await.of(ctx.apiKeys().list(tenant))) {
          spec.commandLine()
              .getOut()
              .printf(
                  "%s lbk_%s_... scopes=%s %s%n",
                  k.id(),
                  k.prefix(),
                  codes(k.scopes()),
                  k.revoked() ? "REVOKED " + k.revokedAt() : "active");
        }
      }
      return ExitCodes.OK;
    }
  }

  static String codes(Set<Scope> scopes) {
    return scopes.stream().map(Scope::code).sorted().collect(Collectors.joining(","));
  }
}
