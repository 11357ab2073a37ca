package nl.leerbewijs.issuer.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.json.Base64Url;

/**
 * The text of an API key, {@code lbk_<prefix>_<secret>}: a 12-hex-digit public prefix to find the
 * key's row, and 256 random bits (base64url) as the secret.
 *
 * <p>Only {@link #hash()} is stored. A plain SHA-256 is enough because the secret is 256 bits of
 * uniform randomness: slow hashes (bcrypt, Argon2) exist to stop guessing low-entropy passwords
 * from a stolen hash, and there is nothing to guess here; a fast hash also keeps authentication
 * cheap per request. The text is shown once at creation and never logged.
 */
public final class ApiKeyToken {
  /** Every key starts with this, so that leaked keys are recognisable by secret scanners. */
  public static final String PREFIX = "lbk_";

  private static final Pattern FORMAT = Pattern.compile("^lbk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String prefix;
  private final String text;

  private ApiKeyToken(String prefix, String text) {
    this.prefix = prefix;
    this.text = text;
  }

  /** A fresh random key. */
  public static ApiKeyToken generate() {
    byte[] id = new byte[6];
    byte[] secret = new byte[32];
    RANDOM.nextBytes(id);
    RANDOM.nextBytes(secret);
    String prefix = HexFormat.of().formatHex(id);
    return new ApiKeyToken(prefix, PREFIX + prefix + "_" + Base64Url.encode(secret));
  }

  /** Parses a presented key; empty when it does not have the key format. */
  public static Optional<ApiKeyToken> parse(String text) {
    if (text == null || text.length() > 100) {
      return Optional.empty();
    }
    Matcher m = FORMAT.matcher(text);
    return m.matches() ? Optional.of(new ApiKeyToken(m.group(1), text)) : Optional.empty();
  }

  /** The public lookup part. */
  public String prefix() {
    return prefix;
  }

  /** The full key text: a secret, to be shown once. */
  public String reveal() {
    return text;
  }

  /** SHA-256 of the full key text, as stored. */
  public byte[] hash() {
    return CryptoProvider.sha256().digest(text.getBytes(StandardCharsets.US_ASCII));
  }

  /** Whether this key's hash equals {@code storedHash}, in constant time. */
  public boolean matches(byte[] storedHash) {
    return MessageDigest.isEqual(hash(), storedHash);
  }

  @Override
  public String toString() {
    return PREFIX + prefix + "_***";
  }
}
