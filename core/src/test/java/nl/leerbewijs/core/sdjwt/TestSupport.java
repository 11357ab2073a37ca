package nl.leerbewijs.core.sdjwt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.jose.JwsAlgorithm;
import nl.leerbewijs.core.jose.JwsSigner;
import nl.leerbewijs.core.json.Json;

/** Keys, vectors and small helpers shared by the SD-JWT and SD-JWT VC tests. */
public final class TestSupport {

  private TestSupport() {}

  public static KeyPair p256() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC", CryptoProvider.get());
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static JwsSigner signer(KeyPair kp) {
    return new JwsSigner(kp.getPrivate(), JwsAlgorithm.ES256);
  }

  /** A resource under vectors/rfc9901 as text. */
  public static String vector(String name) {
    try (InputStream in = TestSupport.class.getResourceAsStream("/vectors/rfc9901/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no vector " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A wrapped compact vector with all whitespace removed. */
  public static String compactVector(String name) {
    return vector(name).replaceAll("\\s", "");
  }

  public static ObjectNode jsonVector(String name) {
    return (ObjectNode) Json.parse(vector(name));
  }

  /** The RFC 9901 Appendix A.5 issuer public key. */
  public static ECPublicKey rfcIssuerKey() {
    return EcPublicJwk.fromJwk(jsonVector("appendix-a.5-issuer-key.json"));
  }

  /** A salt source that replays the given salts in order and fails when they run out. */
  public static SaltSource replay(List<String> salts) {
    Deque<String> queue = new ArrayDeque<>(salts);
    return () -> {
      if (queue.isEmpty()) {
        throw new IllegalStateException("replay salts exhausted");
      }
      return queue.removeFirst();
    };
  }

  public static ObjectNode json(String text) {
    return (ObjectNode) Json.parse(text);
  }
}
