package nl.leerbewijs.keys.example;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import nl.leerbewijs.core.crypto.CryptoProvider;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.core.keys.Pem;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * DEVELOPMENT ONLY. Writes the example development CA, the example schools' keys and issuer
 * certificates, an untrusted school with its own CA, and the example trust list.
 *
 * <p>Usage: {@code GenerateExampleKeys <output directory>}; see keys-example/README.md. Every file
 * written is marked DEVELOPMENT ONLY in its name or header. These keys are public (committed to
 * git): never trust them outside local development and tests.
 */
public final class GenerateExampleKeys {

  static final String WARNING =
      "DEVELOPMENT ONLY - leerbewijs example material. This key/certificate is PUBLIC (it is in"
          + " git).\nNEVER use it or trust it in production.\n";

  private static final Duration CA_VALIDITY = Duration.ofDays(3652); // ten years
  private static final SecureRandom RANDOM = new SecureRandom();

  private GenerateExampleKeys() {}

  public static void main(String[] args) throws Exception {
    Path out =
        Path.of(
            args.length > 0 ? args[0] : "keys-example/src/main/resources/leerbewijs/keys-example");
    Files.createDirectories(out);
    Instant now = Instant.now().truncatedTo(ChronoUnit.DAYS);
    Instant notBefore = now.minus(Duration.ofDays(1));
    Instant caNotAfter = now.plus(CA_VALIDITY);
    Instant leafNotAfter = caNotAfter.minus(Duration.ofDays(1));

    KeyPair rootKp = EcKeys.generateP256();
    X509Certificate root = ca(ExampleKeys.ROOT_CA_NAME, rootKp, notBefore, caNotAfter);
    write(
        out.resolve(ExampleKeys.ROOT_CA_CERT_FILE),
        WARNING + pem("CERTIFICATE", root.getEncoded()));
    write(
        out.resolve(ExampleKeys.ROOT_CA_KEY_FILE),
        WARNING + pem("PRIVATE KEY", rootKp.getPrivate().getEncoded()));

    KeyPair untrustedCaKp = EcKeys.generateP256();
    X509Certificate untrustedCa =
        ca(ExampleKeys.UNTRUSTED_CA_NAME, untrustedCaKp, notBefore, caNotAfter);
    write(
        out.resolve(ExampleKeys.UNTRUSTED_CA_CERT_FILE),
        WARNING + pem("CERTIFICATE", untrustedCa.getEncoded()));

    ObjectNode trustList = Json.object();
    trustList.put("version", 1);
    trustList.put("name", "leerbewijs DEVELOPMENT ONLY example trust list");
    trustList.put(
        "description",
        "DEVELOPMENT ONLY: fictitious example schools whose private keys are public in git."
            + " Never use this trust list in production. Regenerate with the command in"
            + " keys-example/README.md.");
    ArrayNode issuers = trustList.putArray("issuers");

    for (ExampleSchool school : ExampleSchool.values()) {
      KeyPair kp = EcKeys.generateP256();
      X509Certificate caCert = school.trusted ? root : untrustedCa;
      PrivateKey caKey = school.trusted ? rootKp.getPrivate() : untrustedCaKp.getPrivate();
      X509Certificate leaf =
          issuerCertificate(school, kp.getPublic(), caCert, caKey, notBefore, leafNotAfter);
      ECPublicKey pub = (ECPublicKey) kp.getPublic();

      write(
          out.resolve(school.privateKeyFile()),
          WARNING + pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
      write(
          out.resolve(school.chainFile()),
          WARNING
              + pem("CERTIFICATE", leaf.getEncoded())
              + pem("CERTIFICATE", caCert.getEncoded()));
      write(out.resolve(school.publicJwkFile()), pretty(EcKeys.toPublicJwk(pub, null)));

      if (school.trusted) {
        ObjectNode entry = issuers.addObject();
        entry.put("id", school.issuerId());
        entry
            .putObject("name")
            .put("nl", school.displayName + " (fictief voorbeeld)")
            .put("en", school.displayName + " (fictitious example)");
        entry
            .putObject("identifiers")
            .put("brin", school.brin)
            .put("oin", school.oin())
            .put("kvk", school.kvk);
        ArrayNode types = entry.putArray("credential_types");
        school.credentialTypes.forEach(types::add);
        entry.putObject("jwks").putArray("keys").add(EcKeys.toPublicJwk(pub, null));
        entry.putArray("x509_trust_anchors").add(pem("CERTIFICATE", root.getEncoded()));
      }
    }
    write(out.resolve(ExampleKeys.TRUST_LIST_FILE), pretty(trustList));
    System.out.println("DEVELOPMENT ONLY example keys written to " + out.toAbsolutePath());
  }

  private static X509Certificate ca(String cn, KeyPair kp, Instant from, Instant to)
      throws GeneralSecurityException, IOException, OperatorCreationException {
    X500Name name =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.C, "NL")
            .addRDN(BCStyle.O, "leerbewijs development")
            .addRDN(BCStyle.CN, cn)
            .build();
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            name, serial(), Date.from(from), Date.from(to), name, kp.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    b.addExtension(
        Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
    return sign(b, kp.getPrivate());
  }

  private static X509Certificate issuerCertificate(
      ExampleSchool school,
      PublicKey subjectKey,
      X509Certificate ca,
      PrivateKey caKey,
      Instant from,
      Instant to)
      throws GeneralSecurityException, IOException, OperatorCreationException {
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.C, "NL")
            .addRDN(BCStyle.O, school.displayName)
            .addRDN(BCStyle.OU, "BRIN " + school.brin)
            .addRDN(BCStyle.ORGANIZATION_IDENTIFIER, "NTRNL-" + school.kvk)
            .addRDN(BCStyle.SERIALNUMBER, school.oin())
            .addRDN(BCStyle.CN, school.displayName + " (DEVELOPMENT ONLY)")
            .build();
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            ca, serial(), Date.from(from), Date.from(to), subject, subjectKey);
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    b.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(
            new GeneralName(GeneralName.uniformResourceIdentifier, school.issuerId())));
    b.addExtension(
        Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
    b.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        ext.createAuthorityKeyIdentifier(ca.getPublicKey()));
    return sign(b, caKey);
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
      throws GeneralSecurityException, OperatorCreationException {
    return new JcaX509CertificateConverter()
        .setProvider(CryptoProvider.of(CryptoProvider.Kind.BOUNCY_CASTLE))
        .getCertificate(
            b.build(
                new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(CryptoProvider.get())
                    .build(key)));
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE); // positive, at most 16 bytes
  }

  static String pem(String label, byte[] der) {
    return Pem.encode(label, der);
  }

  private static String pretty(Object node) throws IOException {
    return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
