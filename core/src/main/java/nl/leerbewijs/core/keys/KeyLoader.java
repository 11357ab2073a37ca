package nl.leerbewijs.core.keys;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.json.Base64Url;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.keys.KeyFormatException.Format;
import nl.leerbewijs.core.keys.KeyFormatException.Problem;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.bc.BcDefaultDigestProvider;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilderProvider;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;

/**
 * Reads EC P-256 keys and X.509 certificates from the formats schools and operators hand us.
 *
 * <ul>
 *   <li>PEM: PKCS#8 {@code PRIVATE KEY}, SEC1 {@code EC PRIVATE KEY} (optionally preceded by {@code
 *       EC PARAMETERS}), SubjectPublicKeyInfo {@code PUBLIC KEY}, {@code CERTIFICATE} chains.
 *   <li>JWK (RFC 7517/7518): {@code kty: EC}, {@code crv: P-256}, public or private.
 *   <li>PKCS#12 with a password: exactly one private key plus its certificates.
 *   <li>JWS {@code x5c} values: standard base64 DER certificates, leaf first.
 * </ul>
 *
 * <p>Security contract: only named-curve P-256 keys are returned; explicit curve parameters, other
 * curves and other key types are refused. Public points are checked to lie on the curve, private
 * scalars to be in range, and a public key stored next to a private key must be its d*G. Inputs are
 * size-limited before parsing. Failures are {@link KeyFormatException}s naming the format and the
 * reason; messages never contain key material. This class does not decide trust.
 */
public final class KeyLoader {

  /** Largest PEM or JWK text accepted, in characters. */
  public static final int MAX_TEXT_LENGTH = 256 * 1024;

  /** Largest PKCS#12 file accepted, in bytes. */
  public static final int MAX_PKCS12_BYTES = 256 * 1024;

  /** Most certificates accepted in one chain (PEM or x5c). */
  public static final int MAX_CHAIN_LENGTH = 10;

  /** Longest single x5c entry, in base64 characters. */
  public static final int MAX_X5C_ENTRY_LENGTH = 16 * 1024;

  private static final ASN1ObjectIdentifier EC_PUBLIC_KEY = X9ObjectIdentifiers.id_ecPublicKey;

  private KeyLoader() {}

  // ------------------------------------------------------------------ PEM

  /**
   * Reads a P-256 public key from a PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo).
   *
   * @throws KeyFormatException when the text holds no public key, several objects, a private key,
   *     another key type or curve, or a point not on the curve
   */
  public static ECPublicKey publicKeyFromPem(String pem) {
    List<Object> objects = readPem(pem);
    Object only = single(objects, Format.PEM, "a PUBLIC KEY");
    if (only instanceof SubjectPublicKeyInfo spki) {
      return publicKeyFromSpki(spki, Format.PEM);
    }
    if (only instanceof PrivateKeyInfo || only instanceof PEMKeyPair) {
      throw new KeyFormatException(
          Format.PEM, Problem.PRIVATE_KEY_MATERIAL, "expected a PUBLIC KEY, found a private key");
    }
    throw unexpected(Format.PEM, only, "a PUBLIC KEY");
  }

  /**
   * Reads a P-256 private key from PEM: PKCS#8 {@code PRIVATE KEY} or SEC1 {@code EC PRIVATE KEY}.
   *
   * @throws KeyFormatException when the text holds no private key, an encrypted one, several keys,
   *     another key type or curve, an out-of-range scalar, or a public key that does not belong
   */
  public static ECPrivateKey privateKeyFromPem(String pem) {
    return signingKeyFromPem(pem, null).privateKey();
  }

  /**
   * Reads a P-256 private key from PEM together with an optional PEM certificate chain (leaf
   * first). The kid is the RFC 7638 thumbprint of the public key.
   *
   * @param certificateChainPem PEM {@code CERTIFICATE}s, leaf first, or {@code null}
   * @throws KeyFormatException when either input is unusable, or the leaf certificate holds a
   *     different public key
   */
  public static SigningKey signingKeyFromPem(String privateKeyPem, String certificateChainPem) {
    List<Object> objects = new ArrayList<>();
    for (Object o : readPem(privateKeyPem)) {
      if (o instanceof ASN1ObjectIdentifier curve) { // an "EC PARAMETERS" block from openssl
        if (!P256.OID.equals(curve)) {
          throw new KeyFormatException(
              Format.PEM, Problem.UNSUPPORTED_CURVE, "EC PARAMETERS name curve " + curve.getId());
        }
      } else {
        objects.add(o);
      }
    }
    Object only = single(objects, Format.PEM, "a private key");
    PrivateKeyInfo info;
    ECPublicKey sec1Public = null;
    if (only instanceof PrivateKeyInfo pki) {
      info = pki;
    } else if (only instanceof PEMKeyPair pair) {
      info = pair.getPrivateKeyInfo();
      if (info == null) {
        throw new KeyFormatException(Format.PEM, Problem.MALFORMED, "EC PRIVATE KEY is empty");
      }
      if (pair.getPublicKeyInfo() != null) {
        sec1Public = publicKeyFromSpki(pair.getPublicKeyInfo(), Format.PEM);
      }
    } else if (only instanceof PEMEncryptedKeyPair
        || only instanceof PKCS8EncryptedPrivateKeyInfo) {
      throw new KeyFormatException(
          Format.PEM,
          Problem.ENCRYPTED,
          "the private key is encrypted; decrypt it first or use PKCS#12 with a password");
    } else if (only instanceof SubjectPublicKeyInfo) {
      throw new KeyFormatException(
          Format.PEM, Problem.MISSING, "expected a private key, found a PUBLIC KEY");
    } else {
      throw unexpected(Format.PEM, only, "a private key");
    }
    SigningKey key = signingKeyFromPrivateKeyInfo(info, Format.PEM);
    if (sec1Public != null && !EcKeys.samePublicKey(sec1Public, key.issuerKey().publicKey())) {
      throw new KeyFormatException(
          Format.PEM,
          Problem.KEY_MISMATCH,
          "the public key in EC PRIVATE KEY does not belong to it");
    }
    if (certificateChainPem == null) {
      return key;
    }
    return withChain(key, certificatesFromPem(certificateChainPem), Format.PEM);
  }

  /**
   * Reads one or more PEM {@code CERTIFICATE}s, in file order (for a chain: leaf first).
   *
   * @throws KeyFormatException when the text holds no certificate, a non-certificate object, a
   *     malformed certificate, or more than {@value #MAX_CHAIN_LENGTH} certificates
   */
  public static List<X509Certificate> certificatesFromPem(String pem) {
    List<Object> objects = readPem(pem);
    if (objects.isEmpty()) {
      throw new KeyFormatException(Format.PEM, Problem.MISSING, "no CERTIFICATE found");
    }
    if (objects.size() > MAX_CHAIN_LENGTH) {
      throw new KeyFormatException(
          Format.PEM,
          Problem.TOO_LARGE,
          objects.size() + " certificates, limit " + MAX_CHAIN_LENGTH);
    }
    List<X509Certificate> out = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      Object o = objects.get(i);
      if (!(o instanceof X509CertificateHolder holder)) {
        throw unexpected(Format.PEM, o, "a CERTIFICATE (object " + i + ")");
      }
      try {
        out.add(certificate(holder.getEncoded(), Format.PEM, "certificate " + i));
      } catch (IOException e) {
        throw new KeyFormatException(Format.PEM, Problem.MALFORMED, "certificate " + i);
      }
    }
    return List.copyOf(out);
  }

  // ------------------------------------------------------------------ JWK

  /**
   * Reads a public P-256 JWK.
   *
   * @throws KeyFormatException when the JSON is malformed, not {@code kty: EC} / {@code crv:
   *     P-256}, has wrong-length or off-curve coordinates, or contains private members
   */
  public static ECPublicKey publicKeyFromJwk(String json) {
    EcJwk jwk = parseEcJwk(json);
    if (jwk.d() != null) {
      throw new KeyFormatException(
          Format.JWK, Problem.PRIVATE_KEY_MATERIAL, "expected a public JWK, found member \"d\"");
    }
    return publicKeyFromJwk(jwk);
  }

  /**
   * Reads a private P-256 JWK. The kid is the JWK's {@code kid}, else its RFC 7638 thumbprint.
   *
   * @throws KeyFormatException as {@link #publicKeyFromJwk}, or when {@code d} is missing, of the
   *     wrong length, out of range, or does not belong to {@code x}/{@code y}
   */
  public static SigningKey signingKeyFromJwk(String json) {
    EcJwk jwk = parseEcJwk(json);
    if (jwk.d() == null) {
      throw new KeyFormatException(
          Format.JWK, Problem.MISSING, "the JWK has no private member \"d\"");
    }
    ECPublicKey pub = publicKeyFromJwk(jwk);
    BigInteger s = new BigInteger(1, jwk.d());
    if (!P256.validScalar(s)) {
      throw new KeyFormatException(Format.JWK, Problem.INVALID_KEY, "\"d\" is out of range");
    }
    if (!P256.publicPoint(s).equals(pub.getW())) {
      throw new KeyFormatException(
          Format.JWK, Problem.KEY_MISMATCH, "\"x\"/\"y\" are not the public key of \"d\"");
    }
    String kid = jwk.kid() == null || jwk.kid().isEmpty() ? EcKeys.thumbprint(pub) : jwk.kid();
    return new SigningKey(EcKeys.privateKey(s), new IssuerKey(kid, pub, List.of()));
  }

  // ------------------------------------------------------------------ PKCS#12

  /**
   * Reads a PKCS#12 file holding exactly one P-256 private key and, optionally, its certificate
   * chain. The MAC is checked with the password before anything is decrypted.
   *
   * @throws KeyFormatException {@code wrong-password} when the MAC or decryption fails, {@code
   *     malformed} when the file is not PKCS#12, and the key problems of {@link #privateKeyFromPem}
   */
  public static SigningKey signingKeyFromPkcs12(byte[] pkcs12, char[] password) {
    Objects.requireNonNull(pkcs12, "pkcs12");
    Objects.requireNonNull(password, "password");
    if (pkcs12.length > MAX_PKCS12_BYTES) {
      throw new KeyFormatException(
          Format.PKCS12, Problem.TOO_LARGE, pkcs12.length + " bytes, limit " + MAX_PKCS12_BYTES);
    }
    PKCS12PfxPdu pfx;
    try {
      pfx = new PKCS12PfxPdu(pkcs12);
    } catch (IOException | RuntimeException e) {
      throw new KeyFormatException(Format.PKCS12, Problem.MALFORMED, "not a PKCS#12 structure");
    }
    Provider bc = CryptoProvider.of(CryptoProvider.Kind.BOUNCY_CASTLE);
    try {
      if (pfx.hasMac()
          && !pfx.isMacValid(
              new BcPKCS12MacCalculatorBuilderProvider(BcDefaultDigestProvider.INSTANCE),
              password)) {
        throw new KeyFormatException(
            Format.PKCS12,
            Problem.WRONG_PASSWORD,
            "integrity check failed: wrong password or corrupted file");
      }
    } catch (org.bouncycastle.pkcs.PKCSException | RuntimeException e) {
      if (e instanceof KeyFormatException kfe) {
        throw kfe;
      }
      throw new KeyFormatException(
          Format.PKCS12, Problem.MALFORMED, "integrity check cannot be computed");
    }
    InputDecryptorProvider decryptor =
        new JcePKCSPBEInputDecryptorProviderBuilder().setProvider(bc).build(password);
    List<PrivateKeyInfo> keys = new ArrayList<>();
    List<X509Certificate> certs = new ArrayList<>();
    try {
      for (org.bouncycastle.asn1.pkcs.ContentInfo info : pfx.getContentInfos()) {
        PKCS12SafeBagFactory factory =
            info.getContentType().equals(PKCSObjectIdentifiers.encryptedData)
                ? new PKCS12SafeBagFactory(info, decryptor)
                : new PKCS12SafeBagFactory(info);
        for (PKCS12SafeBag bag : factory.getSafeBags()) {
          Object value = bag.getBagValue();
          if (value instanceof PKCS8EncryptedPrivateKeyInfo enc) {
            keys.add(enc.decryptPrivateKeyInfo(decryptor));
          } else if (value instanceof PrivateKeyInfo pki) {
            keys.add(pki);
          } else if (value instanceof X509CertificateHolder holder) {
            if (certs.size() >= MAX_CHAIN_LENGTH) {
              throw new KeyFormatException(
                  Format.PKCS12,
                  Problem.TOO_LARGE,
                  "more than " + MAX_CHAIN_LENGTH + " certificates");
            }
            certs.add(
                certificate(holder.getEncoded(), Format.PKCS12, "certificate " + certs.size()));
          }
        }
      }
    } catch (KeyFormatException e) {
      throw e;
    } catch (org.bouncycastle.pkcs.PKCSException e) {
      throw new KeyFormatException(
          Format.PKCS12,
          Problem.WRONG_PASSWORD,
          "content cannot be decrypted: wrong password or corrupted file");
    } catch (IOException | RuntimeException e) {
      throw new KeyFormatException(Format.PKCS12, Problem.MALFORMED, "content is not well-formed");
    }
    if (keys.isEmpty()) {
      throw new KeyFormatException(Format.PKCS12, Problem.MISSING, "no private key in the file");
    }
    if (keys.size() > 1) {
      throw new KeyFormatException(
          Format.PKCS12,
          Problem.UNEXPECTED_OBJECT,
          keys.size() + " private keys; exactly one is supported");
    }
    SigningKey key = signingKeyFromPrivateKeyInfo(keys.get(0), Format.PKCS12);
    return certs.isEmpty() ? key : withChain(key, orderChain(key, certs), Format.PKCS12);
  }

  // ------------------------------------------------------------------ X.509 / x5c

  /**
   * Decodes a JWS {@code x5c} header value (RFC 7515 section 4.1.6: standard base64, not base64url,
   * of DER certificates, leaf first). Decoding is not validation: the chain is not checked against
   * anything here.
   *
   * @throws KeyFormatException when the list is empty or too long, or an entry is not base64 DER
   */
  public static List<X509Certificate> certificatesFromX5c(List<String> x5c) {
    Objects.requireNonNull(x5c, "x5c");
    if (x5c.isEmpty()) {
      throw new KeyFormatException(Format.X5C, Problem.MISSING, "x5c is empty");
    }
    if (x5c.size() > MAX_CHAIN_LENGTH) {
      throw new KeyFormatException(
          Format.X5C, Problem.TOO_LARGE, x5c.size() + " certificates, limit " + MAX_CHAIN_LENGTH);
    }
    List<X509Certificate> out = new ArrayList<>();
    for (int i = 0; i < x5c.size(); i++) {
      String entry = x5c.get(i);
      if (entry == null || entry.isEmpty()) {
        throw new KeyFormatException(Format.X5C, Problem.MALFORMED, "x5c[" + i + "] is empty");
      }
      if (entry.length() > MAX_X5C_ENTRY_LENGTH) {
        throw new KeyFormatException(
            Format.X5C, Problem.TOO_LARGE, "x5c[" + i + "] is " + entry.length() + " characters");
      }
      byte[] der;
      try {
        der = Base64.getDecoder().decode(entry);
      } catch (IllegalArgumentException e) {
        throw new KeyFormatException(Format.X5C, Problem.MALFORMED, "x5c[" + i + "] is not base64");
      }
      out.add(certificate(der, Format.X5C, "x5c[" + i + "]"));
    }
    return List.copyOf(out);
  }

  /**
   * The P-256 public key of a certificate, as a key of {@link CryptoProvider#get()}.
   *
   * @throws KeyFormatException when the certificate's key is not EC P-256 with a named curve
   */
  public static ECPublicKey publicKeyFromCertificate(X509Certificate certificate) {
    SubjectPublicKeyInfo spki;
    try {
      spki = SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded());
    } catch (RuntimeException e) {
      throw new KeyFormatException(Format.X509, Problem.MALFORMED, "subject public key info");
    }
    return publicKeyFromSpki(spki, Format.X509);
  }

  /**
   * Reads a DER SubjectPublicKeyInfo holding a P-256 key.
   *
   * @throws KeyFormatException as {@link #publicKeyFromPem}
   */
  public static ECPublicKey publicKeyFromSpki(byte[] der) {
    SubjectPublicKeyInfo spki;
    try {
      spki = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
    } catch (IOException | RuntimeException e) {
      throw new KeyFormatException(
          Format.X509, Problem.MALFORMED, "not a DER SubjectPublicKeyInfo");
    }
    return publicKeyFromSpki(spki, Format.X509);
  }

  // ------------------------------------------------------------------ internals

  /**
   * The PEM objects in {@code pem}, size-limited; at least one. Shared with {@link TlsServerKey}.
   */
  static List<Object> readPem(String pem) {
    Objects.requireNonNull(pem, "pem");
    if (pem.length() > MAX_TEXT_LENGTH) {
      throw new KeyFormatException(
          Format.PEM, Problem.TOO_LARGE, pem.length() + " characters, limit " + MAX_TEXT_LENGTH);
    }
    List<Object> out = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object o;
      while ((o = parser.readObject()) != null) {
        out.add(o);
        if (out.size() > MAX_CHAIN_LENGTH + 1) {
          throw new KeyFormatException(Format.PEM, Problem.TOO_LARGE, "too many PEM objects");
        }
      }
    } catch (KeyFormatException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new KeyFormatException(
          Format.PEM,
          Problem.MALFORMED,
          "not well-formed PEM (" + e.getClass().getSimpleName() + ")");
    }
    if (out.isEmpty()) {
      throw new KeyFormatException(Format.PEM, Problem.MISSING, "no PEM object found");
    }
    return out;
  }

  /** The one object of {@code objects}; shared with {@link TlsServerKey}. */
  static Object single(List<Object> objects, Format format, String expected) {
    if (objects.isEmpty()) {
      throw new KeyFormatException(format, Problem.MISSING, "expected " + expected);
    }
    if (objects.size() != 1) {
      throw new KeyFormatException(
          format,
          Problem.UNEXPECTED_OBJECT,
          "expected " + expected + ", found " + objects.size() + " objects");
    }
    return objects.get(0);
  }

  private static KeyFormatException unexpected(Format format, Object found, String expected) {
    return new KeyFormatException(
        format, Problem.UNEXPECTED_OBJECT, "expected " + expected + ", found " + describe(found));
  }

  /** What a PEM object is, in the words of a message; shared with {@link TlsServerKey}. */
  static String describe(Object o) {
    if (o instanceof X509CertificateHolder) {
      return "a CERTIFICATE";
    }
    if (o instanceof SubjectPublicKeyInfo) {
      return "a PUBLIC KEY";
    }
    if (o instanceof PrivateKeyInfo || o instanceof PEMKeyPair) {
      return "a private key";
    }
    return "a PEM object of type " + o.getClass().getSimpleName();
  }

  /** Checks algorithm and curve; refuses explicit parameters. */
  private static void requireNamedP256(AlgorithmIdentifier alg, Format format) {
    if (!EC_PUBLIC_KEY.equals(alg.getAlgorithm())) {
      throw new KeyFormatException(
          format,
          Problem.UNSUPPORTED_KEY_TYPE,
          "key algorithm " + alg.getAlgorithm().getId() + " is not EC (1.2.840.10045.2.1)");
    }
    ASN1Encodable params = alg.getParameters();
    if (!(params instanceof ASN1ObjectIdentifier curve)) {
      throw new KeyFormatException(
          format,
          Problem.UNSUPPORTED_CURVE,
          "EC key without a named curve (explicit or implicit parameters)");
    }
    if (!P256.OID.equals(curve)) {
      throw new KeyFormatException(
          format,
          Problem.UNSUPPORTED_CURVE,
          "curve " + curve.getId() + " is not P-256 (1.2.840.10045.3.1.7)");
    }
  }

  private static ECPublicKey publicKeyFromSpki(SubjectPublicKeyInfo spki, Format format) {
    requireNamedP256(spki.getAlgorithm(), format);
    ECPoint w;
    try {
      w = P256.decodePoint(spki.getPublicKeyData().getOctets());
    } catch (RuntimeException e) {
      throw new KeyFormatException(format, Problem.INVALID_KEY, "the public point is not on P-256");
    }
    return EcKeys.publicKey(w);
  }

  private static SigningKey signingKeyFromPrivateKeyInfo(PrivateKeyInfo info, Format format) {
    requireNamedP256(info.getPrivateKeyAlgorithm(), format);
    org.bouncycastle.asn1.sec.ECPrivateKey sec1;
    try {
      sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
    } catch (IOException | RuntimeException e) {
      throw new KeyFormatException(format, Problem.MALFORMED, "EC private key structure");
    }
    BigInteger d = sec1.getKey();
    if (!P256.validScalar(d)) {
      throw new KeyFormatException(format, Problem.INVALID_KEY, "private scalar out of range");
    }
    ECPublicKey pub = EcKeys.publicKey(P256.publicPoint(d));
    try {
      if (sec1.getPublicKey() != null) {
        ECPoint stored = P256.decodePoint(sec1.getPublicKey().getOctets());
        if (!stored.equals(pub.getW())) {
          throw new KeyFormatException(
              format,
              Problem.KEY_MISMATCH,
              "the stored public key does not belong to the private key");
        }
      }
    } catch (KeyFormatException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new KeyFormatException(
          format, Problem.INVALID_KEY, "the stored public point is not on P-256");
    }
    return new SigningKey(EcKeys.privateKey(d), IssuerKey.of(pub));
  }

  /** The members of an EC JWK we read, still unchecked against the curve. */
  private record EcJwk(byte[] x, byte[] y, byte[] d, String kid) {}

  private static EcJwk parseEcJwk(String json) {
    Objects.requireNonNull(json, "json");
    if (json.length() > MAX_TEXT_LENGTH) {
      throw new KeyFormatException(
          Format.JWK, Problem.TOO_LARGE, json.length() + " characters, limit " + MAX_TEXT_LENGTH);
    }
    JsonNode node;
    try {
      node = Json.parseObject(json.getBytes(StandardCharsets.UTF_8)); // bounded, no duplicates
    } catch (Json.JsonParseFailure e) {
      throw new KeyFormatException(Format.JWK, Problem.MALFORMED, "not a JSON object");
    }
    String kty = jwkText(node, "kty", true);
    if (!"EC".equals(kty)) {
      throw new KeyFormatException(
          Format.JWK, Problem.UNSUPPORTED_KEY_TYPE, "kty " + abbreviate(kty) + " is not EC");
    }
    String crv = jwkText(node, "crv", true);
    if (!"P-256".equals(crv)) {
      throw new KeyFormatException(
          Format.JWK, Problem.UNSUPPORTED_CURVE, "crv " + abbreviate(crv) + " is not P-256");
    }
    String d = jwkText(node, "d", false);
    return new EcJwk(
        jwkBytes(node, "x"),
        jwkBytes(node, "y"),
        d == null ? null : jwkBytes(node, "d"),
        jwkText(node, "kid", false));
  }

  private static String jwkText(JsonNode node, String member, boolean required) {
    JsonNode v = node.get(member);
    if (v == null) {
      if (required) {
        throw new KeyFormatException(
            Format.JWK, Problem.MALFORMED, "member \"" + member + "\" is missing");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new KeyFormatException(
          Format.JWK, Problem.MALFORMED, "member \"" + member + "\" is not a string");
    }
    return v.asText();
  }

  private static byte[] jwkBytes(JsonNode node, String member) {
    String text = jwkText(node, member, true);
    byte[] bytes;
    try {
      bytes = Base64Url.decode(text);
    } catch (IllegalArgumentException e) {
      throw new KeyFormatException(
          Format.JWK, Problem.MALFORMED, "member \"" + member + "\" is not unpadded base64url");
    }
    if (bytes.length != P256.FIELD_BYTES) {
      throw new KeyFormatException(
          Format.JWK,
          Problem.INVALID_KEY,
          "member \"" + member + "\" must be " + P256.FIELD_BYTES + " bytes, is " + bytes.length);
    }
    return bytes;
  }

  private static ECPublicKey publicKeyFromJwk(EcJwk jwk) {
    if (!P256.onCurve(jwk.x(), jwk.y())) { // both checked to be 32 bytes
      throw new KeyFormatException(Format.JWK, Problem.INVALID_KEY, "the point is not on P-256");
    }
    return EcKeys.publicKey(new ECPoint(new BigInteger(1, jwk.x()), new BigInteger(1, jwk.y())));
  }

  private static String abbreviate(String s) {
    return s.length() <= 32 ? s : s.substring(0, 32) + "...";
  }

  private static X509Certificate certificate(byte[] der, Format format, String what) {
    try {
      CertificateFactory f =
          CertificateFactory.getInstance(
              "X.509", CryptoProvider.of(CryptoProvider.Kind.BOUNCY_CASTLE));
      Certificate c = f.generateCertificate(new ByteArrayInputStream(der));
      if (!(c instanceof X509Certificate x)) {
        throw new KeyFormatException(
            format, Problem.MALFORMED, what + " is not an X.509 certificate");
      }
      return x;
    } catch (KeyFormatException e) {
      throw e;
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new KeyFormatException(
          format, Problem.MALFORMED, what + " is not a DER X.509 certificate");
    }
  }

  private static SigningKey withChain(SigningKey key, List<X509Certificate> chain, Format format) {
    ECPublicKey leaf = publicKeyFromCertificate(chain.get(0));
    if (!EcKeys.samePublicKey(leaf, key.issuerKey().publicKey())) {
      throw new KeyFormatException(
          format,
          Problem.KEY_MISMATCH,
          "the first certificate does not hold the private key's public key");
    }
    return new SigningKey(
        key.privateKey(), new IssuerKey(key.issuerKey().kid(), key.issuerKey().publicKey(), chain));
  }

  /** Leaf (the certificate of the key) first, then each issuer found by subject name. */
  private static List<X509Certificate> orderChain(SigningKey key, List<X509Certificate> certs) {
    X509Certificate leaf = null;
    for (X509Certificate c : certs) {
      if (c.getPublicKey() instanceof ECPublicKey p
          && P256.is(p)
          && EcKeys.samePublicKey(p, key.issuerKey().publicKey())) {
        leaf = c;
        break;
      }
    }
    if (leaf == null) {
      throw new KeyFormatException(
          Format.PKCS12, Problem.KEY_MISMATCH, "no certificate holds the private key's public key");
    }
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(leaf);
    X509Certificate current = leaf;
    while (chain.size() < certs.size()
        && !current.getIssuerX500Principal().equals(current.getSubjectX500Principal())) {
      X509Certificate next = null;
      for (X509Certificate c : certs) {
        if (!chain.contains(c)
            && c.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
          next = c;
          break;
        }
      }
      if (next == null) {
        break;
      }
      chain.add(next);
      current = next;
    }
    return chain;
  }
}
