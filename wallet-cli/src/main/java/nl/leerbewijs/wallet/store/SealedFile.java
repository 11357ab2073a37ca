package nl.leerbewijs.wallet.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import nl.leerbewijs.core.json.Base64Url;
import nl.leerbewijs.core.json.CompactJson;
import nl.leerbewijs.core.json.Json;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The encrypted file format of wallets and backups (version {@value #VERSION}): a small JSON
 * document
 *
 * <pre>{@code
 * {"format":"leerbewijs-wallet","version":1,
 *  "kdf":{"alg":"scrypt","log_n":17,"r":8,"p":1,"salt":"<16 bytes, base64url>"},
 *  "cipher":{"alg":"A256GCM","nonce":"<12 bytes, base64url>"},
 *  "ciphertext":"<AES-256-GCM ciphertext and 16-byte tag, base64url>"}
 * }</pre>
 *
 * <p>The key is scrypt(passphrase as UTF-8, salt, N, r, p) with 32 bytes of output. Every member
 * but the ciphertext is bound to it as GCM additional authenticated data, so changing the
 * parameters, the salt or the nonce makes opening fail just like a wrong passphrase. A fresh random
 * nonce is used for every write. scrypt and AES-GCM are BouncyCastle's (lightweight API).
 */
public final class SealedFile {

  public static final String FORMAT = "leerbewijs-wallet";
  public static final int VERSION = 1;
  public static final String CIPHER = "A256GCM";

  /** Largest file {@link #open} reads: 64 MiB, far more than thousands of credentials. */
  public static final int MAX_FILE_BYTES = 64 * 1024 * 1024;

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  /**
   * A holder class, so that the SecureRandom (and with it the JCA provider framework, some 10 ms of
   * start time) is only created when a file is written: opening one needs no randomness.
   */
  private static final class Random {
    static final SecureRandom INSTANCE = new SecureRandom();
  }

  private SealedFile() {}

  /** A key derived from a passphrase, with the salt and parameters it was derived with. */
  public static final class Key {
    private final KdfParameters params;
    private final byte[] salt;
    private final byte[] key;

    private Key(KdfParameters params, byte[] salt, byte[] key) {
      this.params = params;
      this.salt = salt.clone();
      this.key = key;
    }

    public KdfParameters params() {
      return params;
    }

    /** Overwrites the key bytes; the key cannot be used afterwards. */
    public void destroy() {
      Arrays.fill(key, (byte) 0);
    }

    @Override
    public String toString() {
      return "SealedFile.Key[" + params + "]";
    }
  }

  /** The content of an opened file and the key that opened it (to write it back). */
  public record Opened(byte[] plaintext, Key key) {}

  /** Derives a new key with a fresh random salt (costs one scrypt run). */
  public static Key newKey(char[] passphrase, KdfParameters params) {
    byte[] salt = new byte[KdfParameters.SALT_BYTES];
    Random.INSTANCE.nextBytes(salt);
    return derive(passphrase, params, salt);
  }

  static Key derive(char[] passphrase, KdfParameters params, byte[] salt) {
    byte[] pw = utf8(passphrase);
    try {
      return new Key(
          params, salt, SCrypt.generate(pw, salt, params.n(), params.r(), params.p(), 32));
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
  }

  /** Encrypts {@code plaintext} under {@code key} with a fresh nonce; returns the file bytes. */
  public static byte[] seal(Key key, byte[] plaintext) {
    Objects.requireNonNull(key, "key");
    byte[] nonce = new byte[NONCE_BYTES];
    Random.INSTANCE.nextBytes(nonce);
    ObjectNode doc = header(key.params, key.salt, nonce);
    byte[] ct = crypt(true, key, nonce, aad(doc), plaintext);
    doc.put("ciphertext", Base64Url.encode(ct));
    return Json.write(doc);
  }

  /**
   * Opens a file with a passphrase (costs one scrypt run with the file's parameters).
   *
   * @throws WalletFileException {@code CORRUPT} or {@code UNSUPPORTED_VERSION} when the file is not
   *     a readable wallet file, {@code WRONG_PASSPHRASE} when decryption fails
   */
  public static Opened open(byte[] file, char[] passphrase, String what)
      throws WalletFileException {
    if (file.length > MAX_FILE_BYTES) {
      throw corrupt(what + " is larger than " + MAX_FILE_BYTES + " bytes");
    }
    ObjectNode doc;
    try {
      doc = JsonTree.parseObject(file);
    } catch (RuntimeException e) {
      throw corrupt(what + " is not a wallet file (no valid JSON)");
    }
    if (!FORMAT.equals(doc.path("format").textValue())) {
      throw corrupt(what + " is not a wallet file (format is not " + FORMAT + ")");
    }
    JsonNode version = doc.get("version");
    if (version == null || !version.isInt()) {
      throw corrupt(what + ": version missing");
    }
    if (version.intValue() != VERSION) {
      throw new WalletFileException(
          WalletFileException.Reason.UNSUPPORTED_VERSION,
          what + " has format version " + version.intValue() + "; this wallet reads " + VERSION);
    }
    JsonNode kdf = doc.path("kdf");
    JsonNode cipher = doc.path("cipher");
    if (!KdfParameters.ALGORITHM.equals(kdf.path("alg").textValue())
        || !CIPHER.equals(cipher.path("alg").textValue())) {
      throw corrupt(what + ": unsupported key derivation or cipher");
    }
    KdfParameters params;
    byte[] salt;
    byte[] nonce;
    byte[] ct;
    try {
      params = new KdfParameters(intValue(kdf, "log_n"), intValue(kdf, "r"), intValue(kdf, "p"));
      salt = Base64Url.decode(kdf.path("salt").asText(""));
      nonce = Base64Url.decode(cipher.path("nonce").asText(""));
      ct = Base64Url.decode(doc.path("ciphertext").asText(""));
    } catch (IllegalArgumentException e) {
      throw corrupt(what + ": " + e.getMessage());
    }
    if (salt.length != KdfParameters.SALT_BYTES || nonce.length != NONCE_BYTES || ct.length < 16) {
      throw corrupt(what + ": salt, nonce or ciphertext has the wrong length");
    }
    Key key = derive(passphrase, params, salt);
    ObjectNode expectedHeader = header(params, salt, nonce);
    try {
      return new Opened(crypt(false, key, nonce, aad(expectedHeader), ct), key);
    } catch (WrongKey e) {
      key.destroy();
      throw new WalletFileException(
          WalletFileException.Reason.WRONG_PASSPHRASE,
          what + " cannot be opened with this passphrase (or the file was altered)");
    }
  }

  private static int intValue(JsonNode node, String member) {
    JsonNode v = node.get(member);
    if (v == null || !v.isInt()) {
      throw new IllegalArgumentException("kdf." + member + " is not an integer");
    }
    return v.intValue();
  }

  private static ObjectNode header(KdfParameters params, byte[] salt, byte[] nonce) {
    // JsonNodeFactory and CompactJson, not Json.object()/Json.write: opening the wallet must not
    // build Jackson's ObjectMapper (start time of `wallet list`). The bytes are the same.
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.put("format", FORMAT);
    doc.put("version", VERSION);
    ObjectNode kdf = doc.putObject("kdf");
    kdf.put("alg", KdfParameters.ALGORITHM);
    kdf.put("log_n", params.logN());
    kdf.put("r", params.r());
    kdf.put("p", params.p());
    kdf.put("salt", Base64Url.encode(salt));
    ObjectNode cipher = doc.putObject("cipher");
    cipher.put("alg", CIPHER);
    cipher.put("nonce", Base64Url.encode(nonce));
    return doc;
  }

  /** The header members (everything but the ciphertext) as compact JSON: the AAD. */
  private static byte[] aad(ObjectNode header) {
    return CompactJson.write(header);
  }

  /** Decryption failed: wrong key or altered file. */
  private static final class WrongKey extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /**
   * AES-256-GCM with BouncyCastle's lightweight API (like scrypt), not through a JCA provider:
   * constructing the providers costs a large part of a short command's start time, and opening the
   * wallet needs no other cryptography.
   */
  private static byte[] crypt(boolean encrypt, Key key, byte[] nonce, byte[] aad, byte[] input) {
    GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
    gcm.init(encrypt, new AEADParameters(new KeyParameter(key.key), TAG_BITS, nonce, aad));
    byte[] out = new byte[gcm.getOutputSize(input.length)];
    int n = gcm.processBytes(input, 0, input.length, out, 0);
    try {
      n += gcm.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new WrongKey();
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  private static byte[] utf8(char[] chars) {
    java.nio.ByteBuffer b = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(chars));
    byte[] out = new byte[b.remaining()];
    b.get(out);
    if (b.hasArray()) {
      Arrays.fill(b.array(), (byte) 0);
    }
    return out;
  }

  private static WalletFileException corrupt(String message) {
    return new WalletFileException(WalletFileException.Reason.CORRUPT, message);
  }
}
