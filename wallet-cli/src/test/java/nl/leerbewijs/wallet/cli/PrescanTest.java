package nl.leerbewijs.wallet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PrescanTest {

  private static final Set<String> NAMES = Set.of("list", "show", "init");

  private static String sub(String... args) {
    return Prescan.subcommand(args, NAMES);
  }

  @Test
  void subcommand_firstPositional_isTheCommand() {
    assertEquals("list", sub("list"));
    assertEquals("show", sub("show", "list"));
    assertEquals("list", sub("list", "--help"));
  }

  @Test
  void subcommand_afterRootOptionsWithValues_skipsTheValues() {
    assertEquals("list", sub("--home", "x", "--lang", "en", "-v", "list"));
    assertEquals("list", sub("--home=/tmp/x", "--verbose", "list"));
    assertEquals("init", sub("--passphrase-file", "p", "--trust-list", "t", "init"));
  }

  @Test
  void subcommand_rootHelpOrVersionFirst_isNull() {
    assertNull(sub("--help", "list"));
    assertNull(sub("-h", "list"));
    assertNull(sub("--version", "list"));
    assertNull(sub("-V"));
    assertNull(sub("-vh", "list"));
  }

  @Test
  void subcommand_noneOrUnknownOrAfterDoubleDash_isNull() {
    assertNull(sub());
    assertNull(sub("--home", "/tmp/x"));
    assertNull(sub("lst"));
    assertNull(sub("--", "list"));
    assertNull(sub("--home", "show", "list"));
  }
}
