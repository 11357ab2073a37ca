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
   * {@code key import}: a P-256 key from PEM (optionally with a PEM certificate chain, leaf first),
   * a private JWK or a PKCS#12 file (its chain is taken from the file), read with core's {@code
   * KeyLoader}; it becomes the current key, sealed under the KEK; the previous key is retired but
   * stays published. Audited as {@code signing_key.import}.
   */
  @Command(
      name = "import",
      description = "Import a P-256 key from PEM, JWK or PKCS#12 as the tenant's current key.",
      mixinStandardHelpOptions = true)
  static final class Import implements Callable<Integer> {
    @ParentCommand KeyCommand parent;
    @Spec CommandSpec spec;
    @Mixin AdminOptions options;

    @Option(names = "--tenant", required = true, description = "Tenant path.")
    String tenant;

    @Option(
        names = "--file",
        required = true,
        description = "Key file: PEM, JWK (.jwk/.json) or PKCS#12 (.p12/.pfx).")
    java.nio.file.Path file;

    @Option(
        names = "--format",
        description = "pem, jwk or pkcs12 (default: from the file name and content).")
    String format;

    @Option(names = "--chain", description = "PEM certificate chain, leaf first (PEM keys only).")
    java.nio.file.Path chain;

    @Option(
        names = "--password-env",
        description =
            "Environment variable holding the PKCS#12 password (default LEERBEWIJS_PKCS12_PASSWORD).")
    String passwordEnv = "LEERBEWIJS_PKCS12_PASSWORD";

    @Override
    public Integer call() throws Exception {
      byte[] bytes = java.nio.file.Files.readAllBytes(file);
      String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
      String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).trim();
      String f =
          format != null
              ? format.toLowerCase(java.util.Locale.ROOT)
              : name.endsWith(".p12") || name.endsWith(".pfx")
                  ? "pkcs12"
                  : text.startsWith("{") ? "jwk" : "pem";
      nl.leerbewijs.core.keys.SigningKey key;
      try {
        switch (f) {
          case "pem" ->
              key =
                  nl.leerbewijs.core.keys.KeyLoader.signingKeyFromPem(
                      text,
                      chain == null
                          ? null
                          : java.nio.file.Files.readString(
                              chain, java.nio.charset.StandardCharsets.UTF_8));
          case "jwk" -> key = nl.leerbewijs.core.keys.KeyLoader.signingKeyFromJwk(text);
          case "pkcs12" -> {
            String pw = parent.admin.env(passwordEnv);
            key =
                nl.leerbewijs.core.keys.KeyLoader.signingKeyFromPkcs12(
                    bytes, pw == null ? new char[0] : pw.toCharArray());
          }
          default -> {
            spec.commandLine()
                .getErr()
                .println("error: --format must be pem, jwk or pkcs12, got '" + format + "'");
            return ExitCodes.BAD_INPUT;
          }
        }
      } catch (nl.leerbewijs.core.keys.KeyFormatException e) {
        spec.commandLine().getErr().println("error: cannot import " + file + ": " + e.getMessage());
        return ExitCodes.BAD_INPUT;
      }
      if ((f.equals("jwk") || f.equals("pkcs12")) && chain != null) {
        spec.commandLine()
            .getErr()
            .println("error: --chain is only for PEM keys (PKCS#12 carries its own chain)");
        return ExitCodes.BAD_INPUT;
      }
      try (IssuerContext ctx = parent.admin.open()) {
        SigningKey k =
            Await.of(
                ctx.signingKeys().importKey(tenant, key, AdminCommand.actor(), options.reason));
        spec.commandLine()
            .getOut()
            .printf(
                "imported %s key %s for tenant %s%s%n",
                k.alg(),
                k.kid(),
                tenant,
                k.x5c().isEmpty() ? "" : " with a chain of " + k.x5c().size() + " certificate(s)");
      }
      return ExitCodes.OK;
    }
  }
}
