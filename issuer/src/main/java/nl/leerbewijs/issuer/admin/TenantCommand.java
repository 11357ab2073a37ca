package nl.leerbewijs.issuer.admin;

import io.vertx.core.json.JsonArray;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.Callable;
import nl.leerbewijs.issuer.IssuerContext;
import nl.leerbewijs.issuer.tenant.NewTenant;
import nl.leerbewijs.issuer.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code issuer admin tenant create|list}. */
@Command(
    name = "tenant",
    description = "Create and list tenants (schools).",
    mixinStandardHelpOptions = true,
    subcommands = {TenantCommand.Create.class, TenantCommand.ListTenants.class})
public final class TenantCommand {
  @ParentCommand AdminCommand admin;

  /** {@code tenant create}. */
  @Command(name = "create", description = "Create a tenant.", mixinStandardHelpOptions = true)
  static final class Create implements Callable<Integer> {
    @ParentCommand TenantCommand parent;
    @Spec CommandSpec spec;
    @Mixin AdminOptions options;

    @Option(names = "--path", required = true, description = "URL segment, e.g. 'roc-utrecht'.")
    String path;

    @Option(names = "--name", required = true, description = "Display name.")
    String name;

    @Option(names = "--brin", description = "BRIN code (e.g. 25LW).")
    String brin;

    @Option(names = "--oin", description = "OIN (20 digits).")
    String oin;

    @Option(names = "--kvk", description = "KvK number (8 digits).")
    String kvk;

    @Option(
        names = "--types",
        split = ",",
        description = "Allowed credential type ids, comma separated.")
    List<String> types = List.of();

    @Option(names = "--ects-min", description = "Lowest ECTS this tenant awards.")
    BigDecimal ectsMin;

    @Option(names = "--ects-max", description = "Highest ECTS this tenant awards.")
    BigDecimal ectsMax;

    @Override
    public Integer call() {
      NewTenant nt = new NewTenant(path, name, brin, oin, kvk, types, ectsMin, ectsMax);
      try (IssuerContext ctx = parent.admin.open()) {
        Tenant t = Await.of(ctx.tenants().create(nt, AdminCommand.actor(), options.reason));
        spec.commandLine()
            .getOut()
            .printf(
                "created tenant %s (%s), issuer %s%n",
                t.path(), t.id(), ctx.config().issuerIdentifier(t.path()));
      }
      return ExitCodes.OK;
    }
  }

  /** {@code tenant list}. */
  @Command(name = "list", description = "List tenants.", mixinStandardHelpOptions = true)
  static final class ListTenants implements Callable<Integer> {
    @ParentCommand TenantCommand parent;
    @Spec CommandSpec spec;

    @Option(names = "--format", description = "text or json (default: text).")
    String format = "text";

    @Override
    public Integer call() {
      try (IssuerContext ctx = parent.admin.open()) {
        List<Tenant> all = Await.of(ctx.tenants().list());
        PrintWriter out = spec.commandLine().getOut();
        if ("json".equals(format)) {
          JsonArray a = new JsonArray();
          all.forEach(
              t ->
                  a.add(
                      new io.vertx.core.json.JsonObject()
                          .put("id", t.id().toString())
                          .put("path", t.path())
                          .put("name", t.name())
                          .put("brin", t.brin())
                          .put("oin", t.oin())
                          .put("kvk", t.kvk())
                          .put("credential_types", t.credentialTypes())));
          out.println(a.encodePrettily());
        } else {
          for (Tenant t : all) {
            out.printf(
                "%-24s %-40s %s types=%s%n",
                t.path(), t.name(), t.id(), String.join(",", t.credentialTypes()));
          }
        }
      }
      return ExitCodes.OK;
    }
  }
}
