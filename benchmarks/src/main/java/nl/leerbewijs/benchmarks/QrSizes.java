package nl.leerbewijs.benchmarks;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.core.qr.PresentationSizeReport;
import nl.leerbewijs.core.sdjwt.SdJwt;
import nl.leerbewijs.keys.example.ExampleCredentials;
import nl.leerbewijs.keys.example.ExampleCredentials.Example;

/**
 * Prints, per credential type, the size of the typical presentation (learner's name, the
 * achievement, every skill, key binding) as text, packed, and as QR version at level M, and what
 * each part costs. Also the full credential with every disclosure, for comparison. Figures for the
 * README.
 */
public final class QrSizes {

  private QrSizes() {}

  public static void main(String[] args) throws Exception {
    Clock clock = Clock.systemUTC();
    KeyPair holder = EcKeys.generateP256();
    System.out.println(
        "| type | presentation | text chars | LB1 packed bytes | QR text chars | QR version (M),"
            + " Base45 | byte mode | text as is |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
    StringBuilder details = new StringBuilder();
    for (Example e : Example.values()) {
      String credential = ExampleCredentials.issue(e, (ECPublicKey) holder.getPublic(), clock);
      String typical =
          ExampleCredentials.present(
              credential, holder, "https://werkgever.example", "8f2Kq0sLx1", Instant.now());
      String everything =
          nl.leerbewijs.core.sdjwt.SdJwtPresenter.withKeyBinding(
              nl.leerbewijs.core.sdjwt.SdJwtPresenter.selectAll(SdJwt.parse(credential)),
              new nl.leerbewijs.core.jose.JwsSigner(
                  holder.getPrivate(), nl.leerbewijs.core.jose.JwsAlgorithm.ES256),
              "https://werkgever.example",
              "8f2Kq0sLx1",
              Instant.now());
      row(e, "name + achievement + skills + KB", PresentationSizeReport.of(typical));
      row(e, "everything disclosed + KB", PresentationSizeReport.of(everything));
      details
          .append("\n")
          .append(e.type().id())
          .append(", name + achievement + skills + KB:\n")
          .append(PresentationSizeReport.of(typical).toTable());
    }
    System.out.println(details);
  }

  private static void row(Example e, String what, PresentationSizeReport r) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %s | %d | %d | %d | %s | %s | %s |%n",
        e.type().id(),
        what,
        r.textChars(),
        r.packedBytes(),
        r.qrTextChars(),
        v(r.base45Version()),
        v(r.byteModeVersion()),
        v(r.plainTextVersion()));
  }

  private static String v(int version) {
    return version == 0 ? "does not fit" : String.valueOf(version);
  }
}
