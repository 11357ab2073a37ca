package nl.leerbewijs.issuer.signingkey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyEncryptionKeyTest {
  private static final byte[] AAD = "leerbewijs|t|kid".getBytes(StandardCharsets.UTF_8);

  @Test
  void open_sealedValue_roundTrips() {
    KeyEncryptionKey kek = KeyEncryptionKey.generate();
    byte[] secret = "private key bytes".getBytes(StandardCharsets.UTF_8);
    KeyEncryptionKey.Sealed s = kek.seal(secret, AAD);
    assertEquals(kek.id(), s.kekId());
    assertEquals(KeyEncryptionKey.NONCE_LENGTH, s.nonce().length);
    assertArrayEquals(secret, kek.open(s, AAD, "test key"));
  }

  @Test
  void seal_sameInputTwice_freshNonce() {
    KeyEncryptionKey kek = KeyEncryptionKey.generate();
    byte[] p = new byte[10];
    assertNotEquals(
        java.util.HexFormat.of().formatHex(kek.seal(p, AAD).nonce()),
        java.util.HexFormat.of().formatHex(kek.seal(p, AAD).nonce()));
  }

  @Test
  void open_wrongKek_keyDecryptionException() {
    KeyEncryptionKey.Sealed s = KeyEncryptionKey.generate().seal(new byte[10], AAD);
    assertThrows(KeyDecryptionException.class, () -> KeyEncryptionKey.generate().open(s, AAD, "k"));
  }

  @Test
  void open_otherAad_keyDecryptionException() {
    KeyEncryptionKey kek = KeyEncryptionKey.generate();
    KeyEncryptionKey.Sealed s = kek.seal(new byte[10], AAD);
    assertThrows(
        KeyDecryptionException.class,
        () -> kek.open(s, "other tenant".getBytes(StandardCharsets.UTF_8), "k"));
  }

  @Test
  void open_tamperedCiphertext_keyDecryptionException() {
    KeyEncryptionKey kek = KeyEncryptionKey.generate();
    KeyEncryptionKey.Sealed s = kek.seal(new byte[10], AAD);
    s.ciphertext()[0] ^= 1;
    assertThrows(KeyDecryptionException.class, () -> kek.open(s, AAD, "k"));
  }

  @Test
  void fromBase64_wrongLength_rejected() {
    assertThrows(IllegalArgumentException.class, () -> KeyEncryptionKey.fromBase64("AAAA"));
  }

  @Test
  void toString_doesNotRevealKey() {
    KeyEncryptionKey kek = KeyEncryptionKey.generate();
    assertFalse(kek.toString().contains(kek.toBase64()));
  }
}
