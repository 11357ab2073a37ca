package nl.leerbewijs.wallet.cli;

import com.google.zxing.qrcode.encoder.QRCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.core.credential.TypeMetadata;
import nl.leerbewijs.core.jose.JwsAlgorithm;
import nl.leerbewijs.core.jose.JwsSigner;
import nl.leerbewijs.core.json.Base64Url;
import nl.leerbewijs.core.qr.QrImages;
import nl.leerbewijs.core.qr.QrPayloadCodec;
import nl.leerbewijs.core.sdjwt.DisclosedClaim;
import nl.leerbewijs.core.sdjwt.SdJwt;
import nl.leerbewijs.core.sdjwt.SdJwtPresenter;
import nl.leerbewijs.wallet.ExitCodes;
import nl.leerbewijs.wallet.UserError;
import nl.leerbewijs.wallet.present.ClaimNames;
import nl.leerbewijs.wallet.present.TerminalQr;
import nl.leerbewijs.wallet.store.AtomicFiles;
import nl.leerbewijs.wallet.store.StoredCredential;
import nl.leerbewijs.wallet.store.WalletStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wallet present <id>}: a presentation with only the chosen disclosures and a key binding
 * JWT signed by the holder key, as a QR code in the terminal, a PNG, and/or text.
 */
@Command(name = "present", mixinStandardHelpOptions = true)
public final class PresentCommand extends WalletSubcommand {

  /** The {@code aud} of the key binding JWT when none is given. */
  public static final String DEFAULT_AUDIENCE = "leerbewijs:qr";

  /** Above this QR version a warning says the code may be hard to scan. */
  public static final int WARN_VERSION = 30;

  private static final SecureRandom RANDOM = new SecureRandom();

  @Parameters(index = "0", paramLabel = "ID", descriptionKey = "param.id")
  String id;

  @Option(names = "--disclose", split = ",", paramLabel = "CLAIM", descriptionKey = "opt.disclose")
  List<String> disclose;

  @Option(names = "--all", descriptionKey = "opt.all")
  boolean all;

  @Option(names = "--aud", paramLabel = "AUDIENCE", descriptionKey = "opt.aud")
  String audience = DEFAULT_AUDIENCE;

  @Option(names = "--nonce", paramLabel = "NONCE", descriptionKey = "opt.nonce")
  String nonce;

  @Option(names = "--qr", descriptionKey = "opt.qr")
  boolean qr;

  @Option(names = "--png", paramLabel = "FILE", descriptionKey = "opt.png")
  Path png;

  @Option(names = "--out", paramLabel = "FILE", descriptionKey = "opt.out")
  Path outFile;

  @Option(names = "--no-color", descriptionKey = "opt.noColor")
  boolean noColor;

  @Override
  protected int run() throws Exception {
    if (all && disclose != null) {
      throw new UserError(ExitCodes.USAGE, "error.present.allAndDisclose");
    }
    WalletStore.Unlocked u = unlock(store());
    StoredCredential c = find(u.data(), id);
    SdJwt credential = SdJwt.parse(c.sdJwt());
    List<DisclosedClaim> available = SdJwtPresenter.disclosedClaims(credential);

    SdJwt selected;
    List<DisclosedClaim> chosen;
    if (all) {
      selected = SdJwtPresenter.selectAll(credential);
      chosen = available;
    } else {
      Set<List<Object>> paths =
          disclose != null ? named(disclose, available) : interactive(c, available);
      selected = SdJwtPresenter.select(credential, paths);
      Set<String> kept =
          selected.disclosures().stream().map(d -> d.encoded()).collect(Collectors.toSet());
      chosen =
          available.stream()
              .filter(d -> kept.contains(d.disclosure().encoded()))
              .collect(Collectors.toList());
    }
    chosen = new ArrayList<>(chosen);
    chosen.sort(order(c));
    String n = nonce != null ? nonce : randomNonce();
    JwsSigner holder = new JwsSigner(u.data().holderPrivateKey(), JwsAlgorithm.ES256);
    String presentation =
        SdJwtPresenter.withKeyBinding(selected, holder, audience, n, ctx().clock().instant());
    String payload = QrPayloadCodec.encode(presentation);

    boolean showQr = qr || (png == null && outFile == null);
    QRCode code = null;
    if (showQr || png != null) {
      code = encodeOrExplain(payload, chosen);
      int version = code.getVersion().getVersionNumber();
      if (version > WARN_VERSION) {
        spec.commandLine().getErr().println(msg.get("present.warnLarge", version));
      }
    }
    if (showQr) {
      boolean ansi = !noColor && ctx().terminal().ansi() && ctx().env().get("NO_COLOR") == null;
      out.print(TerminalQr.render(code.getMatrix(), ansi));
      say(
          "present.shown",
          ClaimNames.names(chosen).isEmpty()
              ? msg.get("present.nothingExtra")
              : String.join(", ", ClaimNames.names(chosen)));
    }
    if (png != null) {
      writeFile(png, QrImages.png(QrImages.render(payload, 8).image()));
      say("present.png", png);
    }
    if (outFile != null) {
      writeFile(outFile, (payload + "\n").getBytes(StandardCharsets.US_ASCII));
      say("present.out", outFile);
    }
    return ExitCodes.OK;
  }

  private QRCode encodeOrExplain(String payload, List<DisclosedClaim> chosen) {
    try {
      return QrImages.encode(payload);
    } catch (IllegalArgumentException e) {
      List<String> biggest =
          chosen.stream()
              .sorted(
                  Comparator.comparingInt((DisclosedClaim d) -> d.disclosure().encoded().length())
                      .reversed())
              .map(d -> ClaimNames.nameOf(d.path()))
              .distinct()
              .limit(3)
              .collect(Collectors.toList());
      throw UserError.withDetail(
          ExitCodes.USAGE,
          payload.length() + " QR characters",
          biggest.isEmpty() ? "error.present.tooLarge" : "error.present.tooLarge.suggest",
          String.join(", ", biggest));
    }
  }

  private Set<List<Object>> named(List<String> names, List<DisclosedClaim> available) {
    Set<List<Object>> paths = new LinkedHashSet<>();
    for (String name : names) {
      if (name.isBlank()) {
        continue;
      }
      Optional<List<Object>> p = ClaimNames.pathOf(name, available);
      if (p.isEmpty()) {
        throw new UserError(
            ExitCodes.USAGE,
            "error.present.unknownClaim",
            name.strip(),
            String.join(", ", ClaimNames.names(available)));
      }
      paths.add(p.get());
    }
    return paths;
  }

  /** A numbered checklist: type numbers to toggle, Enter to confirm. */
  private Set<List<Object>> interactive(StoredCredential c, List<DisclosedClaim> available) {
    if (!ctx().terminal().interactive()) {
      throw new UserError(
          ExitCodes.USAGE, "error.present.choose", String.join(", ", ClaimNames.names(available)));
    }
    List<DisclosedClaim> items = new ArrayList<>(available);
    items.sort(order(c));
    Set<Integer> on = new HashSet<>();
    while (true) {
      say("present.choose.title");
      for (int i = 0; i < items.size(); i++) {
        out.println(
            String.format(
                "  %s %2d. %s", on.contains(i) ? "[x]" : "[ ]", i + 1, label(c, items.get(i))));
      }
      out.flush();
      String line = ctx().terminal().readLine(msg.get("present.choose.prompt"));
      if (line == null) {
        throw new UserError(ExitCodes.USAGE, "present.cancelled");
      }
      line = line.strip().toLowerCase(Locale.ROOT);
      if (line.isEmpty()) {
        break;
      }
      if (line.equals("q")) {
        throw new UserError(ExitCodes.USAGE, "present.cancelled");
      }
      for (String t : line.split("[\\s,]+")) {
        try {
          int k = Integer.parseInt(t) - 1;
          if (k >= 0 && k < items.size() && !on.remove(k)) {
            on.add(k);
          }
        } catch (NumberFormatException e) {
          say("present.choose.notNumber", Display.safe(t));
        }
      }
    }
    Set<List<Object>> paths = new LinkedHashSet<>();
    on.forEach(i -> paths.add(items.get(i).path()));
    return paths;
  }

  private static Comparator<DisclosedClaim> order(StoredCredential c) {
    return Comparator.comparingInt((DisclosedClaim d) -> metadataRank(c, d.path()))
        .thenComparing(d -> ClaimNames.nameOf(d.path()));
  }

  /** The claim's position in the type metadata, so the checklist follows the document's order. */
  private static int metadataRank(StoredCredential c, List<Object> path) {
    Optional<TypeMetadata> tm =
        Optional.ofNullable(c.typeId()).flatMap(CredentialType::fromId).map(TypeMetadata::forType);
    if (tm.isEmpty()) {
      return Integer.MAX_VALUE;
    }
    Optional<nl.leerbewijs.core.credential.ClaimMetadata> m = tm.get().claim(path);
    return m.map(x -> tm.get().claims().indexOf(x)).orElse(Integer.MAX_VALUE);
  }

  private String label(StoredCredential c, DisclosedClaim d) {
    String name = ClaimNames.nameOf(d.path());
    String label =
        Optional.ofNullable(c.typeId())
            .flatMap(CredentialType::fromId)
            .flatMap(t -> TypeMetadata.forType(t).claimLabel(d.path(), msg.language()))
            .orElse(name);
    String value =
        d.disclosure().value().isTextual()
            ? d.disclosure().value().textValue()
            : d.disclosure().value().toString();
    value = Display.safe(value);
    if (value.length() > 50) {
      value = value.substring(0, 47) + "...";
    }
    return label + " (" + name + "): " + value;
  }

  private void writeFile(Path file, byte[] content) {
    try {
      AtomicFiles.write(file, content);
    } catch (IOException e) {
      throw new UserError(ExitCodes.FAILURE, e, e.toString(), "error.file.write", file);
    }
  }

  private static String randomNonce() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return Base64Url.encode(b);
  }
}
