package nl.leerbewijs.wallet.cli;

import java.io.IOException;
import nl.leerbewijs.core.trust.IssuerMetadataException;
import nl.leerbewijs.wallet.ExitCodes;
import nl.leerbewijs.wallet.UserError;
import nl.leerbewijs.wallet.store.StoredCredential;
import nl.leerbewijs.wallet.store.WalletStore;
import nl.leerbewijs.wallet.trust.CredentialChecker;

/** Verify-then-store, shared by {@code import} and {@code receive}. */
final class Storing {

  private Storing() {}

  /**
   * Verifies {@code text}, stores it and saves the wallet; throws a {@link UserError} otherwise.
   */
  static StoredCredential store(
      WalletSubcommand cmd, WalletStore store, WalletStore.Unlocked u, String text, String source) {
    CredentialChecker checker =
        new CredentialChecker(cmd.trust(store), cmd.ctx().http(), cmd.ctx().clock());
    CredentialChecker.Result result;
    try {
      result = checker.check(text, u.data().holderPublicKey(), source);
    } catch (IOException e) {
      throw new UserError(ExitCodes.FAILURE, e, e.getMessage(), "error.issuer.unreachable");
    } catch (IssuerMetadataException e) {
      throw new UserError(
          ExitCodes.VERIFICATION_FAILED, e, e.getMessage(), "error.issuer.metadata");
    }
    if (result instanceof CredentialChecker.Result.Rejected) {
      CredentialChecker.Result.Rejected r = (CredentialChecker.Result.Rejected) result;
      String key = "error.verify." + r.code();
      if (!cmd.msg.has(key)) {
        key = "error.verify.invalid";
      }
      throw UserError.withDetail(ExitCodes.VERIFICATION_FAILED, r.detail(), key);
    }
    StoredCredential c = ((CredentialChecker.Result.Accepted) result).credential();
    if (u.data().byExactId(c.id()).isPresent()) {
      cmd.say("store.already", c.id());
      return c;
    }
    u.data().put(c);
    cmd.save(store, u);
    Display d = new Display(cmd.msg);
    cmd.say("store.added", c.id(), d.title(c));
    if (c.status().state() == nl.leerbewijs.wallet.store.CredentialStatus.State.UNKNOWN) {
      cmd.say("store.statusUnknown");
    }
    return c;
  }
}
