package nl.leerbewijs.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import nl.leerbewijs.wallet.store.KdfParameters;
import org.junit.jupiter.api.Test;

/**
 * Not a test: builds the wallets used for the start-time figures in the README when run with {@code
 * -Dwallet.fixture=DIR} (skipped otherwise). DIR/cheap holds 50 credentials under the test-only KDF
 * (start time without key derivation), DIR/real the same under the production KDF.
 */
class StartupFixtureTest {

  @Test
  void buildFixture() throws Exception {
    String dir = System.getProperty("wallet.fixture");
    assumeTrue(dir != null, "only with -Dwallet.fixture=DIR");
    Path base = Path.of(dir);
    Files.createDirectories(base);
    try (WalletHarness h = new WalletHarness(base.resolve("work"))) {
      h.init();
      for (int i = 0; i < 50; i++) {
        assertEquals(
            0,
            h.run("import", h.write("c" + i + ".txt", h.issue(h.holderKey(), i)).toString()).rc());
      }
      assertEquals(0, h.run("export", base.resolve("cheap.lbw").toString()).rc());
      h.env.remove(KdfParameters.INSECURE_TEST_KDF_ENV);
      h.env.put(WalletContext.BACKUP_PASSPHRASE_ENV, WalletHarness.PASSPHRASE);
      assertEquals(0, h.run("export", base.resolve("real.lbw").toString()).rc());
    }
  }
}
