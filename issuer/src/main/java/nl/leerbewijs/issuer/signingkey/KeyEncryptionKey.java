package nl.leerbewijs.issuer.signingkey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import nl.leerbewijs.core.crypto.CryptoProvider;

/**
 * The key-encryption key (KEK): 32 bytes from configuration under which every tenant's private
 * signing key is encrypted at rest with AES-256-GCM.
 *
 * <p>Security contract: each encryption uses a fresh random 96-bit nonce; the associated data binds
 * a ciphertext to its tenant and key id, so a ciphertext copied to another row does not decrypt. A
 * wrong KEK or a tampered ciphertext gives {@link KeyDecryptionException}, never garbage. The key
 * bytes never appear in {@link #toString()}; {@link #id()} is a public fingerprint (first 8 bytes
 * of SHA-256 over a domain-separated input) stored next to each ciphertext so that a wrong KEK is
 * reported as such.
 */
public final class KeyEncryptionKey {
  /** Length of the KEK in bytes. */
  public static final int LENGTH = 32;

  /** Length of the GCM nonce in bytes. */
  public static final int NONCE_LENGTH = 12;

  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;
  private final String id;

  private KeyEncryptionKey(byte[] key) {
    this.key = key.clone();
    this.id = fingerprint(key);
  }

  /** A KEK from raw bytes. */
  public static KeyEncryptionKey of(byte[] key) {
    if (key == null || key.length != LENGTH) {
      throw new IllegalArgumentException(
          "a key-encryption key must be "
              + LENGTH
              + " bytes, got "
              + (key == null ? 0 : key.length));
    }
    return new KeyEncryptionKey(key);
  }

  /**
   * A KEK from its standard base64 text form.
   *
   * @throws IllegalArgumentException when the text is not base64 of exactly 32 bytes
   */
  public static KeyEncryptionKey fromBase64(String text) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(text.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("is not valid base64");
    }
    if (raw.length != LENGTH) {
      throw new IllegalArgumentException(
          "must be base64 of " + LENGTH + " bytes, decodes to " + raw.length + " bytes");
    }
    return new KeyEncryptionKey(raw);
  }

  /** A fresh random KEK. */
  public static KeyEncryptionKey generate() {
    byte[] raw = new byte[LENGTH];
    RANDOM.nextBytes(raw);
    return new KeyEncryptionKey(raw);
  }

  /** The standard base64 form, for writing a generated KEK to its file. A secret. */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(key);
  }

  /** Public fingerprint of this KEK (16 hex digits); safe to store and log. */
  public String id() {
    return id;
  }

  /**
   * A 32-byte key derived from this KEK for one purpose (HMAC-SHA-256 of {@code label} under the
   * KEK). Different labels give independent keys; the KEK itself is never exposed.
   */
  public byte[] derive(String label) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(
          ("leerbewijs-kek-derive-v1|" + label).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Encrypts {@code plaintext} with a fresh nonce, bound to {@code aad}. */
  public Sealed seal(byte[] plaintext, byte[] aad) {
    byte[] nonce = new byte[NONCE_LENGTH];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(aad);
      return new Sealed(id, nonce, c.doFinal(plaintext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is not available: " + e, e);
    }
  }

  /**
   * Decrypts a sealed value.
   *
   * @throws KeyDecryptionException when the value was sealed under another KEK, with other
   *     associated data, or was altered
   */
  public byte[] open(Sealed sealed, byte[] aad, String what) {
    if (!id.equals(sealed.kekId())) {
      throw new KeyDecryptionException(
          what
              + " was encrypted under key-encryption key "
              + sealed.kekId()
              + " but the configured LEERBEWIJS_KEK is "
              + id);
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BITS, sealed.nonce()));
      c.updateAAD(aad);
      return c.doFinal(sealed.ciphertext());
    } catch (AEADBadTagException e) {
      throw new KeyDecryptionException(
          what + " does not decrypt under LEERBEWIJS_KEK " + id + ": altered or moved ciphertext");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is not available: " + e, e);
    }
  }

  private static String fingerprint(byte[] key) {
    MessageDigest d = CryptoProvider.sha256();
    d.update("leerbewijs-kek-id-v1:".getBytes(StandardCharsets.US_ASCII));
    return HexFormat.of().formatHex(Arrays.copyOf(d.digest(key), 8));
  }

  @Override
  public String toString() {
    return "KeyEncryptionKey[id=" + id + "]";
  }

  /** A ciphertext with its nonce and the id of the KEK that sealed it. */
  public record Sealed(String kekId, byte[] nonce, byte[] ciphertext) {}
}
