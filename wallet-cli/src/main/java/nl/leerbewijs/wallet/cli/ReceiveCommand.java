package nl.leerbewijs.wallet.cli;

import java.util.Arrays;
import nl.leerbewijs.core.jose.JwsAlgorithm;
import nl.leerbewijs.core.jose.JwsSigner;
import nl.leerbewijs.wallet.ExitCodes;
import nl.leerbewijs.wallet.UserError;
import nl.leerbewijs.wallet.issuance.CredentialOffer;
import nl.leerbewijs.wallet.issuance.IssuanceException;
import nl.leerbewijs.wallet.issuance.Oid4vciClient;
import nl.leerbewijs.wallet.store.WalletStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wallet receive '<openid-credential-offer://...>'}: collects a credential from a school
 * with the OpenID4VCI 1.0 pre-authorized code flow, verifies it like {@code import} and stores it.
 */
@Command(name = "receive", mixinStandardHelpOptions = true)
public final class ReceiveCommand extends WalletSubcommand {

  @Parameters(index = "0", paramLabel = "OFFER", descriptionKey = "param.offer")
  String offer;

  @Option(names = "--tx-code", paramLabel = "PIN", descriptionKey = "opt.txCode")
  String txCode;

  @Override
  protected int run() {
    WalletStore store = store();
    // Open the wallet first: a wrong passphrase must not use up a single-use offer.
    WalletStore.Unlocked u = unlock(store);
    Oid4vciClient client = new Oid4vciClient(ctx().http(), ctx().clock());
    try {
      CredentialOffer resolved = client.resolveOffer(offer);
      String pin = txCode;
      if (resolved.txCode() != null && (pin == null || pin.isEmpty())) {
        pin = askPin(resolved.txCode());
      }
      say("receive.contacting", Display.safe(resolved.credentialIssuer()));
      JwsSigner signer = new JwsSigner(u.data().holderPrivateKey(), JwsAlgorithm.ES256);
      Oid4vciClient.Issued issued =
          client.redeem(resolved, pin, signer, u.data().holderPublicKey());
      for (String credential : issued.credentials()) {
        Storing.store(this, store, u, credential, "receive");
      }
      return ExitCodes.OK;
    } catch (IssuanceException e) {
      throw toUserError(e);
    }
  }

  private String askPin(CredentialOffer.TxCode tx) {
    if (!ctx().terminal().interactive()) {
      throw new UserError(ExitCodes.USAGE, "error.receive.tx_code_required");
    }
    if (tx.description() != null) {
      say("receive.pinHint", tx.description());
    }
    char[] pin =
        ctx()
            .terminal()
            .readSecret(
                tx.length() == null
                    ? msg.get("prompt.pin")
                    : msg.get("prompt.pin.length", tx.length()));
    if (pin == null || pin.length == 0) {
      throw new UserError(ExitCodes.USAGE, "error.receive.tx_code_required");
    }
    String s = new String(pin);
    Arrays.fill(pin, '\0');
    return s;
  }

  static UserError toUserError(IssuanceException e) {
    String key = "error.receive." + e.reason().code();
    int code;
    switch (e.reason()) {
      case OFFER_INVALID:
      case TX_CODE_REQUIRED:
      case WRONG_TX_CODE:
        code = ExitCodes.USAGE;
        break;
      default:
        code = ExitCodes.FAILURE;
    }
    if (e.reason() == IssuanceException.Reason.WRONG_TX_CODE && e.attemptsLeft().isPresent()) {
      return new UserError(
          code,
          e,
          e.getMessage(),
          "error.receive.wrong_tx_code.attempts",
          e.attemptsLeft().getAsInt());
    }
    return new UserError(code, e, e.getMessage(), key);
  }
}
