package nl.leerbewijs.wallet.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import nl.leerbewijs.core.json.Base64Url;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.core.keys.KeyLoader;
import nl.leerbewijs.core.keys.SigningKey;

/**
 * The decrypted content of a wallet: the holder key and the credentials. Mutable, owned by one
 * command run; {@link WalletStore#save} writes it back.
 *
 * <p>Plaintext JSON (inside the encrypted file): {@code {"version":1,"created_at":..,
 * "holder_key":{private P-256 JWK},"credentials":[..]}}. {@link #toString()} never prints the key.
 */
public final class WalletData {

  static final int CONTENT_VERSION = 1;

  private final Instant createdAt;
  private final ObjectNode holderJwk;
  private SigningKey holderKey; // parsed on first use: `list` and `show` never need it
  private final List<StoredCredential> credentials;

  private WalletData(Instant createdAt, ObjectNode holderJwk, List<StoredCredential> credentials) {
    this.createdAt = Objects.requireNonNull(createdAt);
    this.holderJwk = Objects.requireNonNull(holderJwk);
    this.credentials = new ArrayList<>(credentials);
  }

  /** A new, empty wallet with a fresh ES256 holder key. */
  public static WalletData create(Instant now) {
    KeyPair kp = EcKeys.generateP256();
    ObjectNode jwk = EcKeys.toPublicJwk((ECPublicKey) kp.getPublic(), null);
    jwk.remove("use");
    jwk.remove("alg");
    jwk.remove("kid");
    jwk.put("d", Base64Url.encode(fixed32(((ECPrivateKey) kp.getPrivate()).getS())));
    return new WalletData(now, jwk, List.of());
  }

  private synchronized SigningKey holder() {
    if (holderKey == null) {
      holderKey = KeyLoader.signingKeyFromJwk(holderJwk.toString());
    }
    return holderKey;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public ECPrivateKey holderPrivateKey() {
    return holder().privateKey();
  }

  public ECPublicKey holderPublicKey() {
    return holder().issuerKey().publicKey();
  }

  /** The credentials in the order they were added (unmodifiable view). */
  public List<StoredCredential> credentials() {
    return Collections.unmodifiableList(credentials);
  }

  public Optional<StoredCredential> byExactId(String id) {
    return credentials.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** Adds a credential, or replaces the one with the same id. */
  public void put(StoredCredential c) {
    for (int i = 0; i < credentials.size(); i++) {
      if (credentials.get(i).id().equals(c.id())) {
        credentials.set(i, c);
        return;
      }
    }
    credentials.add(c);
  }

  public boolean remove(String id) {
    return credentials.removeIf(c -> c.id().equals(id));
  }

  byte[] toBytes() {
    ObjectNode root = Json.object();
    root.put("version", CONTENT_VERSION);
    root.put("created_at", createdAt.toString());
    root.set("holder_key", holderJwk);
    ArrayNode arr = root.putArray("credentials");
    credentials.forEach(c -> arr.add(c.toJson()));
    return Json.write(root);
  }

  static WalletData fromBytes(byte[] plaintext) {
    ObjectNode root = JsonTree.parseObject(plaintext);
    if (root.path("version").asInt(-1) != CONTENT_VERSION) {
      throw new IllegalArgumentException("unknown wallet content version");
    }
    JsonNode jwk = root.path("holder_key");
    if (!jwk.isObject()
        || !jwk.path("d").isTextual()
        || !"EC".equals(jwk.path("kty").textValue())) {
      throw new IllegalArgumentException("holder_key is not a private EC JWK");
    }
    List<StoredCredential> creds = new ArrayList<>();
    JsonNode arr = root.path("credentials");
    if (!arr.isArray()) {
      throw new IllegalArgumentException("credentials is not an array");
    }
    for (JsonNode c : arr) {
      creds.add(StoredCredential.fromJson(c));
    }
    return new WalletData(
        Instant.parse(StoredCredential.req(root, "created_at")), (ObjectNode) jwk, creds);
  }

  private static byte[] fixed32(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }

  @Override
  public String toString() {
    return "WalletData[credentials=" + credentials.size() + "]";
  }
}
