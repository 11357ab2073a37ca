package nl.leerbewijs.wallet.cli;

import java.io.IOException;
import nl.leerbewijs.core.trust.IssuerMetadataException;
import nl.leerbewijs.wallet.ExitCodes;
import nl.leerbewijs.wallet.store.CredentialStatus;
import nl.leerbewijs.wallet.store.StoredCredential;
import nl.leerbewijs.wallet.store.WalletStore;
import nl.leerbewijs.wallet.trust.CredentialChecker;
import picocli.CommandLine.Command;

/**
 * {@code wallet status}: checks every credential again with its issuer (signature, expiry and the
 * status list) and stores the result with the time. When a check cannot be done, the last known
 * status is kept, so the learner sees "not checked since ...".
 */
@Command(name = "status", mixinStandardHelpOptions = true)
public final class StatusCommand extends WalletSubcommand {

  @Override
  protected int run() {
    WalletStore store = store();
    WalletStore.Unlocked u = unlock(store);
    if (u.data().credentials().isEmpty()) {
      say("list.empty");
      return ExitCodes.OK;
    }
    CredentialChecker checker = new CredentialChecker(trust(store), ctx().http(), ctx().clock());
    Display d = new Display(msg);
    for (StoredCredential c : u.data().credentials()) {
      CredentialStatus now;
      try {
        now = checker.refresh(c);
      } catch (IOException | IssuerMetadataException e) {
        now = null;
        if (verbose()) {
          out.println("  " + msg.get("verbose.detail", e.getMessage()));
        }
      }
      if (now == null || now.state() == CredentialStatus.State.UNKNOWN) {
        CredentialStatus kept =
            c.status().state() == CredentialStatus.State.NOT_CHECKED && now != null
                ? now
                : c.status();
        u.data().put(c.withStatus(kept));
        say("status.line.failed", c.id(), d.title(c), d.status(kept));
      } else {
        u.data().put(c.withStatus(now));
        say("status.line", c.id(), d.title(c), d.status(now));
      }
    }
    save(store, u);
    return ExitCodes.OK;
  }
}
