package nl.leerbewijs.wallet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.wallet.ExitCodes;
import nl.leerbewijs.wallet.store.StoredCredential;
import nl.leerbewijs.wallet.store.WalletStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wallet list}: one line per credential, or JSON. */
@Command(name = "list", mixinStandardHelpOptions = true)
public final class ListCommand extends WalletSubcommand {

  /** Output formats. */
  public enum Format {
    TEXT,
    JSON
  }

  @Option(names = "--format", paramLabel = "text|json", descriptionKey = "opt.format")
  Format format = Format.TEXT;

  @Override
  protected int run() {
    WalletStore.Unlocked u = unlock(store());
    Display d = new Display(msg);
    if (format == Format.JSON) {
      ArrayNode arr = Json.mapper().createArrayNode();
      u.data().credentials().forEach(c -> arr.add(d.toJson(c)));
      out.println(new String(Json.write(arr), StandardCharsets.UTF_8));
      return ExitCodes.OK;
    }
    if (u.data().credentials().isEmpty()) {
      say("list.empty");
      return ExitCodes.OK;
    }
    for (StoredCredential c : u.data().credentials()) {
      out.println(c.id() + "  " + d.title(c));
      out.println(
          "          " + d.typeName(c) + " · " + d.institution(c) + " · " + d.status(c.status()));
    }
    int n = u.data().credentials().size();
    say("list.count", n, msg.number(n));
    return ExitCodes.OK;
  }
}
