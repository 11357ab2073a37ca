package nl.leerbewijs.issuer.admin;

import java.util.concurrent.Callable;
import nl.leerbewijs.issuer.IssuerContext;
import nl.leerbewijs.issuer.signingkey.SigningKey;
import nl.leerbewijs.issuer.signingkey.SigningKeyService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code issuer admin key generate|rotate|list|import}: a tenant's signing keys. */
@Command(
    name = "key",
    description = "Generate, rotate, list and import a tenant's signing keys.",
    mixinStandardHelpOptions = true,
    subcommands = {
      KeyCommand.Generate.class,
      KeyCommand.Rotate.class,
      KeyCommand.ListKeys.class,
      KeyCommand.Import.class
    })
public final class KeyCommand {
  @ParentCommand AdminCommand admin;

  /** {@code key generate}: the tenant's first ES256 key. */
  @Command(
      name = "generate",
      description = "Generate the tenant's first ES256 signing key (encrypted under the KEK).",
      mixinStandardHelpOptions = true)
  static final class Generate implements Callable<Integer> {
    @ParentCommand KeyCommand parent;
    @Spec CommandSpec spec;
    @Mixin AdminOptions options;

    @Option(names = "--tenant", required = true, description = "Tenant path.")
    String tenant;

    @Override
    public Integer call() {
      try (IssuerContext ctx = parent.admin.open()) {
        SigningKey k =
            Await.of(ctx.signingKeys().generate(tenant, AdminCommand.actor(), options.reason));
        spec.commandLine()
            .getOut()
            .printf("generated %s key %s for tenant %s%n", k.alg(), k.kid(), tenant);
      }
      return ExitCodes.OK;
    }
  }

  /** {@code key rotate}. */
  @Command(
      name = "rotate",
      description = "Make a new ES256 key current; the old one is retired but stays published.",
      mixinStandardHelpOptions = true)
  static final class Rotate implements Callable<Integer> {
    @ParentCommand KeyCommand parent;
    @Spec CommandSpec spec;
    @Mixin AdminOptions options;

    @Option(names = "--tenant", required = true, description = "Tenant path.")
    String tenant;

    @Override
    public Integer call() {
      try (IssuerContext ctx = parent.admin.open()) {
        SigningKey k =
            Await.of(ctx.signingKeys().rotate(tenant, AdminCommand.actor(), options.reason));
        spec.commandLine()
            .getOut()
            .printf("rotated: %s key %s is now current for tenant %s%n", k.alg(), k.kid(), tenant);
      }
      return ExitCodes.OK;
    }
  }

  /** {@code key list}. */
  @Command(
      name = "list",
      description = "List a tenant's signing keys.",
      mixinStandardHelpOptions = true)
  static final class ListKeys implements Callable<Integer> {
    @ParentCommand KeyCommand parent;
    @Spec CommandSpec spec;

    @Option(names = "--tenant", required = true, description = "Tenant path.")
    String tenant;

    @Override
    public Integer call() {
      try (IssuerContext ctx = parent.admin.open()) {
        SigningKeyService.TenantKeys tk = Await.of(ctx.signingKeys().list(tenant));
        for (SigningKey k : tk.keys()) {
          spec.commandLine()
              .getOut()
              .printf(
                  "%-8s %s %s created %s%s%n",
                  k.status().code(),
                  k.alg(),
                  k.kid(),
                  k.createdAt(),
                  k.retiredAt() == null ? "" : " retired " + k.retiredAt());
        }
      }
      return ExitCodes.OK;
    }
  }

  /**
   * {@code key import}: not yet available. TODO: import PEM / JWK / PKCS#12 (with optional x5c
   * chain) once core's KeyLoader lands; seal it like a generated key and audit it as {@code
   * signing_key.import}.
   */
  @Command(
      name = "import",
      description = "Import a key from PEM, JWK or PKCS#12 (not yet available).",
      mixinStandardHelpOptions = true)
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--tenant", description = "Tenant path.")
    String tenant;

    @Option(names = "--file", description = "Key file (PEM, JWK or PKCS#12).")
    String file;

    @Override
    public Integer call() {
      spec.commandLine()
          .getErr()
          .println(
              "error: key import is not yet available (it waits for core's key loader); use 'key generate'");
      return ExitCodes.FAILURE;
    }
  }
}
