package nl.leerbewijs.wallet.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command accepts. */
public final class CommonOptions {

  @Option(names = "--home", paramLabel = "DIR", descriptionKey = "opt.home")
  Path home;

  @Option(names = "--passphrase-file", paramLabel = "FILE", descriptionKey = "opt.passphraseFile")
  Path passphraseFile;

  @Option(names = "--trust-list", paramLabel = "FILE", descriptionKey = "opt.trustList")
  Path trustList;

  @Option(names = "--lang", paramLabel = "nl|en", descriptionKey = "opt.lang")
  String lang;

  @Option(
      names = {"-v", "--verbose"},
      descriptionKey = "opt.verbose")
  boolean verbose;
}
