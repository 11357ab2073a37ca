package nl.leerbewijs.issuer.signingkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import nl.leerbewijs.issuer.config.ConfigException;
import nl.leerbewijs.issuer.config.IssuerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KekResolverTest {
  private static IssuerConfig config(Path dataDir, Map<String, String> more) {
    java.util.HashMap<String, String> env = new java.util.HashMap<>(more);
    env.put(IssuerConfig.DATA_DIR, dataDir.toString());
    return IssuerConfig.fromEnv(env);
  }

  @Test
  void resolve_developmentWithoutKek_generatesPrivateFileOnceThenReusesIt(@TempDir Path dir)
      throws Exception {
    KeyEncryptionKey first = KekResolver.resolve(config(dir, Map.of()));
    Path file = dir.resolve(KekResolver.FILE);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(first.id(), KekResolver.resolve(config(dir, Map.of())).id());
  }

  @Test
  void resolve_configuredKek_wins(@TempDir Path dir) {
    KeyEncryptionKey kek = KeyEncryptionKey.generate();
    KeyEncryptionKey resolved =
        KekResolver.resolve(config(dir, Map.of(IssuerConfig.KEK, kek.toBase64())));
    assertEquals(kek.id(), resolved.id());
    assertEquals(false, Files.exists(dir.resolve(KekResolver.FILE)));
  }

  @Test
  void resolve_corruptKekFile_configException(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(KekResolver.FILE), "not a key");
    assertThrows(ConfigException.class, () -> KekResolver.resolve(config(dir, Map.of())));
  }
}
