package nl.leerbewijs.wallet.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import nl.leerbewijs.core.json.Json;
import org.junit.jupiter.api.Test;

class SealedFileTest {

  private static final char[] PASS = "een goed wachtwoord".toCharArray();

  private static byte[] sealed(byte[] plain) {
    return SealedFile.seal(SealedFile.newKey(PASS, KdfParameters.TESTS_ONLY_INSECURE), plain);
  }

  @Test
  void open_rightPassphrase_returnsPlaintext() throws Exception {
    byte[] plain = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(plain, SealedFile.open(sealed(plain), PASS, "f").plaintext());
  }

  @Test
  void seal_twice_freshNonceEachTime() {
    SealedFile.Key key = SealedFile.newKey(PASS, KdfParameters.TESTS_ONLY_INSECURE);
    byte[] a = SealedFile.seal(key, new byte[] {1});
    byte[] b = SealedFile.seal(key, new byte[] {1});
    assertEquals(false, java.util.Arrays.equals(a, b));
  }

  @Test
  void open_wrongPassphrase_wrongPassphraseReason() {
    WalletFileException e =
        assertThrows(
            WalletFileException.class,
            () -> SealedFile.open(sealed(new byte[] {1}), "fout".toCharArray(), "f"));
    assertEquals(WalletFileException.Reason.WRONG_PASSPHRASE, e.reason());
  }

  @Test
  void open_parametersChanged_refusedAsAuthenticationFailure() {
    ObjectNode doc = Json.parseObject(sealed(new byte[] {1}));
    ((ObjectNode) doc.get("kdf")).put("r", 9);
    WalletFileException e =
        assertThrows(WalletFileException.class, () -> SealedFile.open(Json.write(doc), PASS, "f"));
    assertEquals(WalletFileException.Reason.WRONG_PASSPHRASE, e.reason());
  }

  @Test
  void open_hostileParameters_refusedBeforeDerivation() {
    for (String[] change :
        new String[][] {{"log_n", "30"}, {"log_n", "4"}, {"r", "1000"}, {"p", "64"}}) {
      ObjectNode doc = Json.parseObject(sealed(new byte[] {1}));
      ((ObjectNode) doc.get("kdf")).put(change[0], Integer.parseInt(change[1]));
      WalletFileException e =
          assertThrows(
              WalletFileException.class, () -> SealedFile.open(Json.write(doc), PASS, "f"));
      assertEquals(WalletFileException.Reason.CORRUPT, e.reason(), change[0]);
    }
  }

  @Test
  void open_garbage_corrupt() {
    for (String g :
        new String[] {
          "", "{", "[]", "{\"format\":\"leerbewijs-wallet\",\"version\":1,\"kdf\":{}}"
        }) {
      WalletFileException e =
          assertThrows(
              WalletFileException.class,
              () -> SealedFile.open(g.getBytes(StandardCharsets.UTF_8), PASS, "f"));
      assertEquals(WalletFileException.Reason.CORRUPT, e.reason(), g);
    }
  }

  @Test
  void defaultParameters_areTheDocumentedOnes() {
    assertEquals(1 << 17, KdfParameters.DEFAULT.n());
    assertEquals(8, KdfParameters.DEFAULT.r());
    assertEquals(1, KdfParameters.DEFAULT.p());
    assertEquals(128L * 1024 * 1024, KdfParameters.DEFAULT.memoryBytes());
    assertEquals(KdfParameters.DEFAULT, KdfParameters.forNewFiles(java.util.Map.of()));
  }
}
