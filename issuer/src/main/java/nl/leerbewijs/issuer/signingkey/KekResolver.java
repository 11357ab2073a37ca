package nl.leerbewijs.issuer.signingkey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import nl.leerbewijs.issuer.config.ConfigException;
import nl.leerbewijs.issuer.config.IssuerConfig;

/**
 * Finds the key-encryption key: from {@code LEERBEWIJS_KEK} when set; in development mode otherwise
 * from {@code <data dir>/kek} (0600), generating that file on first start. Production mode never
 * gets here without a configured KEK (the configuration requires it).
 */
public final class KekResolver {
  /** File name of the generated development KEK inside the data dir. */
  public static final String FILE = "kek";

  private static final System.Logger LOG = System.getLogger(KekResolver.class.getName());

  private KekResolver() {}

  public static KeyEncryptionKey resolve(IssuerConfig config) {
    if (config.keyEncryptionKey().isPresent()) {
      return config.keyEncryptionKey().get();
    }
    if (config.mode() == IssuerConfig.Mode.PRODUCTION) {
      throw new ConfigException(
          java.util.List.of(IssuerConfig.KEK + " is required in production mode"));
    }
    Path file = config.dataDir().resolve(FILE);
    try {
      if (Files.exists(file)) {
        try {
          KeyEncryptionKey kek =
              KeyEncryptionKey.fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
          LOG.log(
              System.Logger.Level.INFO,
              "using the development key-encryption key " + kek.id() + " from " + file);
          return kek;
        } catch (IllegalArgumentException e) {
          throw new ConfigException(
              java.util.List.of("the key-encryption key file " + file + " " + e.getMessage()));
        }
      }
      Files.createDirectories(config.dataDir());
      KeyEncryptionKey kek = KeyEncryptionKey.generate();
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, kek.toBase64() + "\n", StandardCharsets.US_ASCII);
      LOG.log(
          System.Logger.Level.WARNING,
          "no "
              + IssuerConfig.KEK
              + " configured: generated a development key-encryption key "
              + kek.id()
              + " into "
              + file
              + " (mode 0600). Private signing keys are encrypted under it; back it up, and set "
              + IssuerConfig.KEK
              + " in production.");
      return kek;
    } catch (IOException e) {
      throw new ConfigException(
          java.util.List.of(
              "cannot read or create the key-encryption key file " + file + ": " + e));
    }
  }
}
