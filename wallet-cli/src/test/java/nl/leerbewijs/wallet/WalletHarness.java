package nl.leerbewijs.wallet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.core.issuance.CredentialIssuer;
import nl.leerbewijs.core.jose.JwsAlgorithm;
import nl.leerbewijs.core.jose.JwsSigner;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.schema.CredentialValidator;
import nl.leerbewijs.core.status.Status;
import nl.leerbewijs.core.status.StatusList;
import nl.leerbewijs.core.status.StatusListToken;
import nl.leerbewijs.core.vc.SdJwtVcIssuer;
import nl.leerbewijs.core.vc.StatusReference;
import nl.leerbewijs.keys.example.ExampleKeys;
import nl.leerbewijs.wallet.store.KdfParameters;
import nl.leerbewijs.wallet.store.WalletStore;

/**
 * Runs wallet commands in-process against a temporary home, with a test passphrase and the cheap
 * test-only KDF, and plays a school: issues credentials with the example keys and serves its SD-JWT
 * VC issuer metadata and status list from a {@link FakeServer}.
 */
final class WalletHarness implements AutoCloseable {

  static final String PASSPHRASE = "correct horse battery";
  static final String SCHOOL = ExampleKeys.HS_VOORBEELD;

  final Path home;
  final FakeServer server;
  final Map<String, String> env = new HashMap<>();
  final ExampleKeys.School school = ExampleKeys.school(SCHOOL);
  final StatusList statusList = new StatusList(64, 2);
  Terminal terminal = new ScriptedTerminal(false);
  InputStream stdin = InputStream.nullInputStream();
  Duration requestTimeout = Duration.ofSeconds(5);

  WalletHarness(Path tmp) throws Exception {
    this.home = tmp.resolve("wallet");
    this.server = new FakeServer();
    env.put(WalletStore.HOME_ENV, home.toString());
    env.put(WalletContext.PASSPHRASE_ENV, PASSPHRASE);
    env.put(KdfParameters.INSECURE_TEST_KDF_ENV, "1");
    env.put("LANG", "nl_NL.UTF-8");
    server.on(
        "/.well-known/jwt-vc-issuer/t/" + SCHOOL,
        ex -> {
          ObjectNode m = Json.object();
          m.put("issuer", issuerId());
          m.putObject("jwks")
              .putArray("keys")
              .add(Json.parseObject(school.publicJwkJson().getBytes(StandardCharsets.UTF_8)));
          FakeServer.send(
              ex, 200, "application/json", new String(Json.write(m), StandardCharsets.UTF_8));
        });
    server.on(
        "/t/" + SCHOOL + "/status/1",
        ex ->
            FakeServer.send(
                ex,
                200,
                "application/statuslist+jwt",
                StatusListToken.builder(statusUri(), statusList)
                    .keyId(school.kid())
                    .issuedAt(Instant.now())
                    .ttl(Duration.ofSeconds(1))
                    .sign(new JwsSigner(school.privateKey(), JwsAlgorithm.ES256))));
  }

  String issuerId() {
    return server.base() + "/t/" + SCHOOL;
  }

  String statusUri() {
    return issuerId() + "/status/1";
  }

  /** The result of one command run. */
  record Run(int rc, String out, String err) {
    String all() {
      return out + err;
    }
  }

  /** Runs the wallet as {@code WalletMain} does (plain list and show without picocli). */
  Run run(String... args) {
    return run(false, args);
  }

  /** Runs the wallet through picocli whatever the arguments (no fast path). */
  Run runWithPicocli(String... args) {
    return run(true, args);
  }

  private Run run(boolean picocliOnly, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    WalletContext ctx =
        WalletContext.builder()
            .env(env)
            .terminal(terminal)
            .stdin(stdin)
            .timeouts(Duration.ofSeconds(2), requestTimeout)
            .build();
    PrintWriter o = new PrintWriter(out);
    PrintWriter e = new PrintWriter(err);
    int rc =
        picocliOnly
            ? WalletCommand.executeWithPicocli(ctx, o, e, args)
            : WalletCommand.execute(ctx, o, e, args);
    return new Run(rc, out.toString(), err.toString());
  }

  Run init() {
    Run r = run("init");
    if (r.rc() != 0) {
      throw new AssertionError("init failed: " + r.all());
    }
    return r;
  }

  ECPublicKey holderKey() throws Exception {
    return new WalletStore(home).unlock(PASSPHRASE.toCharArray()).data().holderPublicKey();
  }

  byte[] walletBytes() throws Exception {
    return Files.readAllBytes(home.resolve(WalletStore.WALLET_FILE));
  }

  /** The example microcredential of the schemas module, issued by the test school. */
  String issue(ECPublicKey holder, int statusIndex) throws Exception {
    return issue(holder, statusIndex, "microcredential-data-analyse-python.json", school);
  }

  String issue(ECPublicKey holder, int statusIndex, String example, ExampleKeys.School signer)
      throws Exception {
    byte[] json;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("leerbewijs/examples/valid/" + example)) {
      json = in.readAllBytes();
    }
    ObjectNode claims =
        CredentialIssuer.prepare(
            new CredentialValidator(), CredentialType.MICROCREDENTIAL, Json.parseObject(json));
    SdJwtVcIssuer vc =
        SdJwtVcIssuer.builder(new JwsSigner(signer.privateKey(), JwsAlgorithm.ES256), issuerId())
            .kid(signer.kid())
            .build();
    return new CredentialIssuer(vc)
        .issue(
            CredentialType.MICROCREDENTIAL,
            claims,
            holder,
            new StatusReference(statusIndex, statusUri()),
            null);
  }

  void revoke(int index) {
    statusList.set(index, Status.INVALID);
  }

  Path write(String name, String content) throws Exception {
    Path p = home.getParent().resolve(name);
    Files.writeString(p, content);
    return p;
  }

  void stdin(String text) {
    stdin = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    server.close();
  }
}
