package nl.leerbewijs.verifier.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import nl.leerbewijs.core.qr.QrImageException;
import nl.leerbewijs.core.verify.VerificationReport;
import nl.leerbewijs.verifier.ImageFormat;
import nl.leerbewijs.verifier.Verifier;
import nl.leerbewijs.verifier.config.VerifierConfig;
import nl.leerbewijs.verifier.trust.TrustListFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code verifier verify <file | image | ->}: verifies one presentation (SD-JWT text, an {@code
 * LB1:} QR payload, or a PNG/JPEG/GIF/BMP picture of the QR code, recognised by its magic bytes),
 * prints the report and exits with {@link ExitCodes#of} the verdict.
 */
@Command(
    name = "verify",
    sortOptions = false,
    description = {
      "Verify a presentation: SD-JWT text, an LB1: QR payload, or an image of the QR code.",
      "Exit codes: 0 valid, 3 invalid (red: revoked, suspended, expired, invalid, malformed),"
          + " 4 warning (amber: status unknown, issuer not trusted), 2 bad input or usage,"
          + " 1 failure."
    })
public final class VerifyCommand implements Callable<Integer> {

  /** The most bytes read from the input. */
  static final int MAX_INPUT_BYTES = 64 * 1024 * 1024;

  /** Output formats. */
  public enum Format {
    text,
    json
  }

  private final Map<String, String> env;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "<file | image | ->",
      description = "The presentation file, an image of the QR code, or - for standard input.")
  String input;

  @Option(
      names = "--trust-list",
      paramLabel = "FILE",
      description = "The trust list (JSON, docs/trust-list.md). Default: $LEERBEWIJS_TRUST_LIST.")
  Path trustList;

  @Option(
      names = "--format",
      paramLabel = "text|json",
      description = "Output: text (one line per check, then the verdict) or json (the report).")
  Format format = Format.text;

  @Option(names = "--nonce", description = "The nonce the key binding JWT must carry.")
  String nonce;

  @Option(names = "--audience", description = "The audience the key binding JWT must name.")
  String audience;

  @Option(
      names = "--max-key-binding-age",
      paramLabel = "DURATION",
      description = "How old the key binding may be (e.g. 24h, 15m, PT1H). Default: 24h.")
  String maxKeyBindingAge;

  @Option(
      names = "--require-key-binding",
      description = "Treat a presentation without key binding as invalid.")
  boolean requireKeyBinding;

  @Option(
      names = "--offline",
      description =
          "Do not fetch status lists or issuer metadata; status is reported as unknown (amber),"
              + " issuers whose keys come from their metadata as keys unavailable.")
  boolean offline;

  @Option(
      names = "--status-timeout",
      paramLabel = "DURATION",
      description = "Timeout for fetching a status list. Default: 5s.")
  String statusTimeout;

  @Option(
      names = "--allow-loopback-http",
      description =
          "DEVELOPMENT ONLY: fetch status lists and issuer metadata over plain http from"
              + " 127.0.0.1.")
  boolean allowLoopbackHttp;

  public VerifyCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    VerifierConfig config = config();
    byte[] bytes = readInput();
    Clock clock = Clock.systemUTC();
    // Offline: no status source and no metadata keys at all, so no request is made: status is
    // "could not check", keys from issuer metadata are "unavailable".
    Verifier verifier =
        offline
            ? new Verifier(config, TrustListFile.load(config.trustListFile(), clock), null, clock)
            : Verifier.create(config, clock);
    String presentation;
    if (ImageFormat.sniff(bytes).isPresent()) {
      try {
        presentation = verifier.readQr(bytes);
      } catch (QrImageException e) {
        throw new BadInputException(name() + ": " + e.getMessage());
      }
    } else {
      presentation = utf8(bytes);
    }
    if (presentation.isBlank()) {
      throw new BadInputException(name() + " is empty");
    }
    VerificationReport report = verifier.verify(presentation, nonce);
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      out.println(new String(report.toJsonBytes(), StandardCharsets.UTF_8));
    } else {
      out.print(ReportText.format(report));
    }
    out.flush();
    return ExitCodes.of(report.verdict());
  }

  private VerifierConfig config() {
    Map<String, String> values = new HashMap<>();
    String list = trustList != null ? trustList.toString() : env.get(VerifierConfig.TRUST_LIST);
    if (list == null || list.isBlank()) {
      throw new BadInputException(
          "--trust-list FILE is required (or set " + VerifierConfig.TRUST_LIST + ")");
    }
    values.put(VerifierConfig.TRUST_LIST, list);
    put(values, VerifierConfig.AUDIENCE, audience);
    put(values, VerifierConfig.MAX_KEY_BINDING_AGE, maxKeyBindingAge);
    put(values, VerifierConfig.STATUS_TIMEOUT, statusTimeout);
    values.put(VerifierConfig.KEY_BINDING_REQUIRED, Boolean.toString(requireKeyBinding));
    values.put(VerifierConfig.ALLOW_LOOPBACK_HTTP, Boolean.toString(allowLoopbackHttp));
    return VerifierConfig.fromEnv(values);
  }

  private static void put(Map<String, String> values, String name, String value) {
    if (value != null) {
      values.put(name, value);
    }
  }

  private byte[] readInput() {
    try {
      if (input.equals("-")) {
        return readCapped(System.in);
      }
      try (InputStream in = Files.newInputStream(Path.of(input))) {
        return readCapped(in);
      }
    } catch (NoSuchFileException e) {
      throw new BadInputException(input + ": no such file");
    } catch (IOException e) {
      throw new BadInputException("cannot read " + name() + ": " + e.getMessage());
    }
  }

  private byte[] readCapped(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_INPUT_BYTES + 1);
    if (bytes.length > MAX_INPUT_BYTES) {
      throw new BadInputException(name() + " is larger than " + MAX_INPUT_BYTES + " bytes");
    }
    return bytes;
  }

  private String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new BadInputException(
          name() + " is neither a PNG, JPEG, GIF or BMP image nor UTF-8 text");
    }
  }

  private String name() {
    return input.equals("-") ? "standard input" : input;
  }
}
