package nl.leerbewijs.verifier;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import nl.leerbewijs.core.status.Status;
import nl.leerbewijs.keys.example.ExampleKeys;

/** {@link TestIssuer} for tests in other packages. */
public final class TestIssuerAccess implements AutoCloseable {
  private final TestIssuer issuer;

  public TestIssuerAccess() throws IOException {
    this.issuer = new TestIssuer();
  }

  public Path writeTrustList(Path dir) throws IOException {
    return issuer.writeTrustList(dir);
  }

  public Path writeTrustListKeysFromMetadata(Path dir) throws IOException {
    return issuer.writeTrustListKeysFromMetadata(dir);
  }

  public int metadataFetches() {
    return issuer.metadataFetches.get();
  }

  public String trustListJson() {
    return issuer.trustListJson();
  }

  public String presentation(int idx) {
    return issuer.presentation(idx);
  }

  public String credential(ExampleKeys.School signer, String iss, int idx, Clock issuedAt) {
    return issuer.credential(signer, iss, idx, issuedAt, null);
  }

  public String present(String credential) {
    return issuer.present(credential, TestIssuer.AUDIENCE, Instant.now().minusSeconds(2));
  }

  /** Every claim disclosed, with key binding. */
  public String presentAll(String credential) {
    try {
      return nl.leerbewijs.core.sdjwt.SdJwtPresenter.withKeyBinding(
          nl.leerbewijs.core.sdjwt.SdJwtPresenter.selectAll(
              nl.leerbewijs.core.sdjwt.SdJwt.parse(credential)),
          new nl.leerbewijs.core.jose.JwsSigner(
              issuer.holder.getPrivate(), nl.leerbewijs.core.jose.JwsAlgorithm.ES256),
          TestIssuer.AUDIENCE,
          "n-all",
          Instant.now().minusSeconds(2));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public void revoke(int idx, Status status) {
    issuer.statusList.set(idx, status);
  }

  public int statusFetches() {
    return issuer.statusFetches.get();
  }

  public String statusUri() {
    return issuer.statusUri;
  }

  public String statusToken() {
    return issuer.statusToken();
  }

  public static String qrPayload(String presentation) {
    return TestIssuer.qrPayload(presentation);
  }

  @Override
  public void close() {
    issuer.close();
  }
}
