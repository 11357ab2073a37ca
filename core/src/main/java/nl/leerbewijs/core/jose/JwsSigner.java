package nl.leerbewijs.core.jose;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ECDSA;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Objects;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.json.Base64Url;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.json.Utf8JsonWriter;

/**
 * Signs compact JWS objects with one EC private key, through {@link CryptoProvider#get()}.
 *
 * <p>Thread-safe: each thread keeps its own initialised {@link Signature}, because creating and
 * initialising one costs a noticeable fraction of an ES256 signature with the native provider.
 */
public final class JwsSigner {

  private final PrivateKey key;
  private final JwsAlgorithm algorithm;
  private final ThreadLocal<Signature> signature;

  public JwsSigner(PrivateKey key, JwsAlgorithm algorithm) {
    this.key = Objects.requireNonNull(key, "key");
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    this.signature = ThreadLocal.withInitial(this::newSignature);
    newSignature(); // fail now, not at first use, when the key does not fit the algorithm
  }

  public JwsAlgorithm algorithm() {
    return algorithm;
  }

  /** A header object with {@code alg} set and the given {@code typ} (may be null). */
  public ObjectNode header(String typ) {
    ObjectNode h = Json.object();
    h.put(JoseHeaderNames.ALG, algorithm.headerValue());
    if (typ != null) {
      h.put(JoseHeaderNames.TYP, typ);
    }
    return h;
  }

  /**
   * Signs a payload under a header and returns the compact serialization. The header's {@code alg}
   * is set to this signer's algorithm whatever it held.
   */
  public String sign(ObjectNode header, byte[] payload) {
    return sign(prepare(header), payload);
  }

  /**
   * Serializes a header once, for signing many payloads under it with {@link #sign(PreparedHeader,
   * byte[])}. The header's {@code alg} is set to this signer's algorithm whatever it held; {@code
   * header} itself is not modified.
   */
  public PreparedHeader prepare(ObjectNode header) {
    ObjectNode h = header.deepCopy();
    h.put(JoseHeaderNames.ALG, algorithm.headerValue());
    return new PreparedHeader(this, Base64Url.encode(Json.write(h)));
  }

  /**
   * Signs a payload under a header prepared by this signer.
   *
   * @throws IllegalArgumentException when the header was prepared by another signer
   */
  public String sign(PreparedHeader header, byte[] payload) {
    Utf8JsonWriter out =
        Utf8JsonWriter.compact(
            header.encoded.length() + payload.length / 3 * 4 + 8 + algorithm.signatureLength() * 2);
    sign(header, payload, 0, payload.length, out);
    return out.asciiString();
  }

  /**
   * Appends the compact JWS {@code header.payload.signature} of {@code payload[offset, offset +
   * length)} to {@code out}, signing the bytes where they are written: the signing input is never
   * copied into a string.
   *
   * @throws IllegalArgumentException when the header was prepared by another signer
   */
  public void sign(
      PreparedHeader header, byte[] payload, int offset, int length, Utf8JsonWriter out) {
    if (header.signer != this) {
      throw new IllegalArgumentException("the header was prepared by another signer");
    }
    int start = out.length();
    out.ascii(header.encoded).raw('.').base64Url(payload, offset, length);
    byte[] sig = signRaw(out.buffer(), start, out.length() - start);
    out.raw('.').base64Url(sig, 0, sig.length);
  }

  /**
   * A JWS header serialized once by one signer ({@link #prepare}), with {@code alg} set to its
   * algorithm. Immutable.
   */
  public static final class PreparedHeader {
    private final JwsSigner signer;
    private final String encoded;

    private PreparedHeader(JwsSigner signer, String encoded) {
      this.signer = signer;
      this.encoded = encoded;
    }

    /** The base64url header part, as it appears in every JWS signed with it. */
    public String encoded() {
      return encoded;
    }
  }

  /** The JWS signature (R || S) over the given signing input. */
  public byte[] signRaw(byte[] signingInput) {
    return signRaw(signingInput, 0, signingInput.length);
  }

  private byte[] signRaw(byte[] input, int offset, int length) {
    try {
      Signature s = signature.get();
      s.update(input, offset, length);
      return ECDSA.transcodeSignatureToConcat(s.sign(), algorithm.signatureLength());
    } catch (GeneralSecurityException | JOSEException e) {
      throw new JoseCryptoException("signing with " + algorithm + " failed", e);
    }
  }

  private Signature newSignature() {
    try {
      Signature s = Signature.getInstance(algorithm.jcaName(), CryptoProvider.get());
      s.initSign(key);
      return s;
    } catch (GeneralSecurityException e) {
      throw new JoseCryptoException("key cannot sign with " + algorithm, e);
    }
  }
}
