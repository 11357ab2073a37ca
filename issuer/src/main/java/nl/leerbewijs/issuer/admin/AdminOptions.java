package nl.leerbewijs.issuer.admin;

import picocli.CommandLine.Option;

/** Options every changing admin command takes. */
public final class AdminOptions {
  @Option(
      names = "--reason",
      required = true,
      description = "Why this change is made (recorded in the audit log).")
  String reason;
}
