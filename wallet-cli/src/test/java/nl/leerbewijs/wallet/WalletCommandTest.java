package nl.leerbewijs.wallet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.keys.EcKeys;
import nl.leerbewijs.keys.example.ExampleKeys;
import nl.leerbewijs.wallet.store.WalletStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-process tests of init, import, list, show, status, delete, export and restore. */
class WalletCommandTest {

  @TempDir Path tmp;
  WalletHarness h;

  @BeforeEach
  void setUp() throws Exception {
    h = new WalletHarness(tmp);
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  private String importOne() throws Exception {
    Path f = h.write("cred.txt", h.issue(h.holderKey(), 3));
    WalletHarness.Run r = h.run("import", f.toString());
    assertEquals(ExitCodes.OK, r.rc(), r.all());
    return r.out().split("\\s+")[1];
  }

  @Test
  void init_newHome_createsOwnerOnlyEncryptedFile() throws Exception {
    WalletHarness.Run r = h.init();
    assertTrue(r.out().contains("Je wallet is gemaakt"), r.out());
    Path file = h.home.resolve(WalletStore.WALLET_FILE);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(h.home)));
    String content = Files.readString(file);
    assertTrue(content.contains("\"format\":\"leerbewijs-wallet\""));
    assertFalse(content.contains("\"d\""), "the private key must not be readable");
    try (var files = Files.list(h.home)) {
      assertEquals(1, files.count(), "no temporary files left behind");
    }
  }

  @Test
  void init_existingWallet_refusesAndKeepsFile() throws Exception {
    h.init();
    byte[] before = h.walletBytes();
    WalletHarness.Run r = h.run("init");
    assertEquals(ExitCodes.USAGE, r.rc());
    assertArrayEquals(before, h.walletBytes());
  }

  @Test
  void init_shortPassphrase_refused() {
    h.env.put(WalletContext.PASSPHRASE_ENV, "kort");
    assertEquals(ExitCodes.USAGE, h.run("init").rc());
    assertFalse(Files.exists(h.home.resolve(WalletStore.WALLET_FILE)));
  }

  @Test
  void init_interactiveMismatchedPassphrases_refused() {
    h.env.remove(WalletContext.PASSPHRASE_ENV);
    h.terminal = new ScriptedTerminal(true, "eerste-wachtwoord", "tweede-wachtwoord");
    WalletHarness.Run r = h.run("init");
    assertEquals(ExitCodes.USAGE, r.rc());
    assertTrue(r.err().contains("niet gelijk"), r.err());
  }

  @Test
  void init_passphraseFile_usedWithoutTrailingNewline() throws Exception {
    h.env.remove(WalletContext.PASSPHRASE_ENV);
    Path pf = h.write("pass.txt", "uit-een-bestand\n");
    assertEquals(ExitCodes.OK, h.run("init", "--passphrase-file", pf.toString()).rc());
    new WalletStore(h.home).unlock("uit-een-bestand".toCharArray());
  }

  @Test
  void list_noPassphraseAndNoTerminal_usageError() {
    h.init();
    h.env.remove(WalletContext.PASSPHRASE_ENV);
    WalletHarness.Run r = h.run("list");
    assertEquals(ExitCodes.USAGE, r.rc());
    assertTrue(r.err().contains("--passphrase-file"), r.err());
  }

  @Test
  void list_wrongPassphrase_exit2AndFileByteIdentical() throws Exception {
    h.init();
    importOne();
    byte[] before = h.walletBytes();
    h.env.put(WalletContext.PASSPHRASE_ENV, "verkeerd wachtwoord");
    for (String cmd : new String[] {"list", "status", "delete", "export", "present"}) {
      WalletHarness.Run r =
          cmd.equals("list") || cmd.equals("status")
              ? h.run(cmd)
              : cmd.equals("export")
                  ? h.run(cmd, tmp.resolve("b.lbw").toString())
                  : cmd.equals("delete") ? h.run(cmd, "x", "--yes") : h.run(cmd, "x", "--all");
      assertEquals(ExitCodes.USAGE, r.rc(), cmd + ": " + r.all());
      assertTrue(r.err().contains("wachtwoord klopt niet"), r.err());
      assertFalse(r.err().contains("Exception"), "no stack trace: " + r.err());
    }
    assertArrayEquals(before, h.walletBytes());
  }

  @Test
  void list_wrongPassphraseInEnglish_englishMessage() {
    h.init();
    h.env.put(WalletContext.PASSPHRASE_ENV, "verkeerd wachtwoord");
    assertTrue(h.run("list", "--lang", "en").err().contains("The passphrase is wrong"));
    h.env.put("LANG", "en_GB.UTF-8");
    assertTrue(h.run("list").err().contains("The passphrase is wrong"));
  }

  @Test
  void list_corruptFile_exit1AndNothingOverwritten() throws Exception {
    h.init();
    Path file = h.home.resolve(WalletStore.WALLET_FILE);
    for (String garbage :
        new String[] {
          "",
          "not json",
          "{\"format\":\"leerbewijs-wallet\",\"version\":1}",
          "{\"format\":\"x\"}",
          "[1,2]"
        }) {
      Files.writeString(file, garbage);
      for (String cmd : new String[] {"list", "init"}) {
        WalletHarness.Run r = h.run(cmd);
        assertTrue(r.rc() == ExitCodes.FAILURE || r.rc() == ExitCodes.USAGE, r.all());
        assertEquals(garbage, Files.readString(file), "the corrupt file is left as it was");
      }
      assertTrue(h.run("list").err().contains("beschadigd"), garbage);
    }
  }

  @Test
  void list_truncatedCiphertext_corruptNotWrongPassphrase() throws Exception {
    h.init();
    Path file = h.home.resolve(WalletStore.WALLET_FILE);
    JsonNode doc = Json.parse(Files.readAllBytes(file));
    ((com.fasterxml.jackson.databind.node.ObjectNode) doc).put("ciphertext", "AAAA");
    Files.write(file, Json.write(doc));
    byte[] before = h.walletBytes();
    assertEquals(ExitCodes.FAILURE, h.run("list").rc());
    assertArrayEquals(before, h.walletBytes());
  }

  @Test
  void list_newerVersion_saysUpdate() throws Exception {
    h.init();
    Path file = h.home.resolve(WalletStore.WALLET_FILE);
    Files.writeString(file, Files.readString(file).replace("\"version\":1", "\"version\":2"));
    WalletHarness.Run r = h.run("list");
    assertEquals(ExitCodes.FAILURE, r.rc());
    assertTrue(r.err().contains("nieuwere versie"), r.err());
  }

  @Test
  void list_noWallet_usageError() {
    WalletHarness.Run r = h.run("list");
    assertEquals(ExitCodes.USAGE, r.rc());
    assertTrue(r.err().contains("wallet init"));
  }

  @Test
  void unknownCommandOrOption_usageError() {
    assertEquals(ExitCodes.USAGE, h.run("lijst").rc());
    assertEquals(ExitCodes.USAGE, h.run("list", "--bestaat-niet").rc());
    assertEquals(ExitCodes.USAGE, h.run().rc());
    assertEquals(ExitCodes.OK, h.run("--help").rc());
    assertTrue(h.run("list", "--help", "--lang", "en").out().contains("List your credentials"));
  }

  @Test
  void rootHelp_listsEveryCommand() {
    for (String[] args :
        new String[][] {{"--help"}, {"--lang", "en", "--help"}, {"--help", "list"}}) {
      String help = h.run(args).out();
      for (String c :
          new String[] {
            "init", "receive", "import", "list", "show", "present", "status", "delete", "export",
            "restore"
          }) {
        assertTrue(help.contains("  " + c + " "), c + " missing from the help for " + args[0]);
      }
    }
  }

  @Test
  void import_validCredential_storedAndListed() throws Exception {
    h.init();
    String id = importOne();
    assertEquals(8, id.length());
    WalletHarness.Run list = h.run("list");
    assertEquals(ExitCodes.OK, list.rc());
    assertTrue(list.out().contains(id));
    assertTrue(list.out().contains("Data-analyse met Python"), list.out());
    assertTrue(list.out().contains("geldig"), list.out());

    JsonNode json =
        Json.parse(h.run("list", "--format", "json").out().getBytes(StandardCharsets.UTF_8));
    assertEquals(1, json.size());
    assertEquals(id, json.get(0).get("id").asText());
    assertEquals("microcredential", json.get(0).get("type").asText());
    assertEquals("6", json.get(0).get("nlqf").asText());
    assertEquals(6, json.get(0).get("eqf").asInt());
    assertEquals("valid", json.get(0).get("status").asText());
    assertEquals("2025-06-27", json.get(0).get("award_date").asText());

    WalletHarness.Run show = h.run("show", id.substring(0, 4), "--lang", "en");
    assertEquals(ExitCodes.OK, show.rc(), show.all());
    assertTrue(show.out().contains("Data analysis with Python"), show.out());
    assertTrue(show.out().contains("NLQF 6 (EQF 6)"), show.out());
    assertTrue(show.out().contains("7.5"), show.out());
    assertTrue(show.out().contains("Fatima El Amrani"), show.out());
    assertTrue(show.out().contains("1. "), "skills are numbered");
  }

  @Test
  void import_sameCredentialTwice_storedOnce() throws Exception {
    h.init();
    Path f = h.write("c.txt", h.issue(h.holderKey(), 1));
    assertEquals(ExitCodes.OK, h.run("import", f.toString()).rc());
    WalletHarness.Run again = h.run("import", f.toString());
    assertEquals(ExitCodes.OK, again.rc());
    assertTrue(again.out().contains("al in je wallet"));
    assertEquals(
        1,
        Json.parse(h.run("list", "--format", "json").out().getBytes(StandardCharsets.UTF_8))
            .size());
  }

  @Test
  void import_fromStdin_stored() throws Exception {
    h.init();
    h.stdin(h.issue(h.holderKey(), 2) + "\n");
    assertEquals(ExitCodes.OK, h.run("import", "-").rc());
  }

  @Test
  void import_credentialOfAnotherWallet_rejectedWithExit3() throws Exception {
    h.init();
    KeyPair other = EcKeys.generateP256();
    Path f = h.write("c.txt", h.issue((ECPublicKey) other.getPublic(), 1));
    byte[] before = h.walletBytes();
    WalletHarness.Run r = h.run("import", f.toString());
    assertEquals(ExitCodes.VERIFICATION_FAILED, r.rc());
    assertTrue(r.err().contains("andere wallet"), r.err());
    assertTrue(
        h.run("import", f.toString(), "--lang", "en").err().contains("belongs to another wallet"));
    assertArrayEquals(before, h.walletBytes());
  }

  @Test
  void import_tamperedCredential_rejected() throws Exception {
    h.init();
    String cred = h.issue(h.holderKey(), 1);
    String[] parts = cred.split("\\.", 3);
    String tampered =
        parts[0] + "." + parts[1].substring(0, parts[1].length() - 4) + "AAAA." + parts[2];
    WalletHarness.Run r = h.run("import", h.write("t.txt", tampered).toString());
    assertEquals(ExitCodes.VERIFICATION_FAILED, r.rc(), r.all());
  }

  @Test
  void import_signedByAnotherKey_rejectedAsInvalid() throws Exception {
    h.init();
    String cred =
        h.issue(
            h.holderKey(), 1, "microcredential-data-analyse-python.json", ExampleKeys.untrusted());
    WalletHarness.Run r = h.run("import", h.write("u.txt", cred).toString(), "-v");
    assertEquals(ExitCodes.VERIFICATION_FAILED, r.rc(), r.all());
  }

  @Test
  void import_garbage_rejectedAsMalformed() throws Exception {
    h.init();
    WalletHarness.Run r = h.run("import", h.write("g.txt", "dit is geen leerbewijs").toString());
    assertEquals(ExitCodes.VERIFICATION_FAILED, r.rc());
    assertTrue(r.err().contains("geen leerbewijs"), r.err());
    assertEquals(ExitCodes.USAGE, h.run("import", tmp.resolve("bestaat-niet").toString()).rc());
    assertEquals(ExitCodes.USAGE, h.run("import", h.write("e.txt", "  \n").toString()).rc());
  }

  @Test
  void import_revokedCredential_rejected() throws Exception {
    h.init();
    h.revoke(5);
    WalletHarness.Run r = h.run("import", h.write("r.txt", h.issue(h.holderKey(), 5)).toString());
    assertEquals(ExitCodes.VERIFICATION_FAILED, r.rc());
    assertTrue(r.err().contains("ingetrokken"), r.err());
  }

  @Test
  void import_issuerUnreachable_exit1() throws Exception {
    h.init();
    String cred = h.issue(h.holderKey(), 1);
    h.close();
    WalletHarness.Run r = h.run("import", h.write("c.txt", cred).toString());
    assertEquals(ExitCodes.FAILURE, r.rc(), r.all());
    assertTrue(r.err().contains("niet bereikbaar"), r.err());
  }

  @Test
  void import_issuerMetadataUnusable_exit3AndNotStored() throws Exception {
    h.init();
    byte[] before = h.walletBytes();
    Path f = h.write("c.txt", h.issue(h.holderKey(), 1));
    String metadata = "/.well-known/jwt-vc-issuer/t/" + WalletHarness.SCHOOL;
    for (String body :
        new String[] {
          "{\"issuer\":\"https://evil.example/t/hs-voorbeeld\",\"jwks\":{\"keys\":[]}}",
          "{\"issuer\":\"" + h.issuerId() + "\",\"jwks_uri\":\"https://evil.example/k\"}",
        }) {
      h.server.json(metadata, 200, body);
      WalletHarness.Run r = h.run("import", f.toString(), "-v");
      assertEquals(ExitCodes.VERIFICATION_FAILED, r.rc(), r.all());
      assertTrue(r.err().contains("De gegevens van de school kloppen niet"), r.err());
      assertArrayEquals(before, h.walletBytes(), "nothing stored");
    }
  }

  /** A trust list naming the test school with keys_from_metadata and no keys of its own. */
  private Path metadataTrustList() throws Exception {
    return h.write(
        "trust-metadata.json",
        "{\"version\":1,\"name\":\"mijn scholen\",\"issuers\":[{\"id\":\""
            + h.issuerId()
            + "\",\"name\":{\"nl\":\"Hogeschool Voorbeeld\"},"
            + "\"credential_types\":[\"microcredential\"],\"keys_from_metadata\":true}]}");
  }

  @Test
  void import_trustListEntryWithKeysFromMetadata_acceptedThenUnreachableWhenDown()
      throws Exception {
    h.init();
    Path trust = metadataTrustList();
    Path f = h.write("c.txt", h.issue(h.holderKey(), 1));
    WalletHarness.Run ok = h.run("import", f.toString(), "--trust-list", trust.toString());
    assertEquals(ExitCodes.OK, ok.rc(), ok.all());

    Path f2 = h.write("c2.txt", h.issue(h.holderKey(), 2));
    h.close();
    WalletHarness.Run down = h.run("import", f2.toString(), "--trust-list", trust.toString());
    assertEquals(ExitCodes.FAILURE, down.rc(), down.all());
    assertTrue(down.err().contains("niet bereikbaar"), down.err());
  }

  /**
   * The same broken school gets the same answer whichever trust source names it: unusable metadata
   * is "the school's details are not valid" (exit 3) through a trust list entry with
   * keys_from_metadata too, as without a trust list (previous test), not "unreachable" (exit 1).
   */
  @Test
  void import_trustListEntryWithKeysFromMetadata_unusableMetadata_exit3AsWithoutTrustList()
      throws Exception {
    h.init();
    Path trust = metadataTrustList();
    byte[] before = h.walletBytes();
    Path f = h.write("c.txt", h.issue(h.holderKey(), 1));
    h.server.json(
        "/.well-known/jwt-vc-issuer/t/" + WalletHarness.SCHOOL,
        200,
        "{\"issuer\":\"https://evil.example/t/hs-voorbeeld\",\"jwks\":{\"keys\":[]}}");
    WalletHarness.Run withList =
        h.run("import", f.toString(), "--trust-list", trust.toString(), "-v");
    assertEquals(ExitCodes.VERIFICATION_FAILED, withList.rc(), withList.all());
    assertTrue(withList.err().contains("De gegevens van de school kloppen niet"), withList.err());
    WalletHarness.Run without = h.run("import", f.toString(), "-v");
    assertEquals(withList.rc(), without.rc(), without.all());
    assertArrayEquals(before, h.walletBytes(), "nothing stored");
  }

  @Test
  void import_withTrustList_issuerOnListAccepted_otherwiseRejected() throws Exception {
    h.init();
    String listed =
        ExampleKeys.trustListJsonWithIssuerIds(
            java.util.Map.of(WalletHarness.SCHOOL, h.issuerId()));
    Path trust = h.write("trust.json", listed);
    Path f = h.write("c.txt", h.issue(h.holderKey(), 1));
    assertEquals(
        ExitCodes.OK, h.run("import", f.toString(), "--trust-list", trust.toString()).rc());

    Path unrelated = h.write("trust2.json", ExampleKeys.trustListJson());
    Path f2 = h.write("c2.txt", h.issue(h.holderKey(), 2));
    WalletHarness.Run r = h.run("import", f2.toString(), "--trust-list", unrelated.toString());
    assertEquals(ExitCodes.VERIFICATION_FAILED, r.rc(), r.all());
    assertTrue(r.err().contains("niet van een school die je vertrouwt"), r.err());

    Path broken = h.write("trust3.json", "{\"version\":2}");
    assertEquals(
        ExitCodes.USAGE, h.run("import", f2.toString(), "--trust-list", broken.toString()).rc());
  }

  @Test
  void status_afterRevocation_showsRevoked() throws Exception {
    h.init();
    String id = importOne();
    h.revoke(3);
    WalletHarness.Run r = h.run("status");
    assertEquals(ExitCodes.OK, r.rc(), r.all());
    assertTrue(r.out().contains("INGETROKKEN"), r.out());
    JsonNode json =
        Json.parse(h.run("list", "--format", "json").out().getBytes(StandardCharsets.UTF_8));
    assertEquals("revoked", json.get(0).get("status").asText());
    assertTrue(h.run("show", id).out().contains("INGETROKKEN"));
  }

  @Test
  void status_issuerUnreachable_keepsLastKnownStatus() throws Exception {
    h.init();
    importOne();
    h.close();
    WalletHarness.Run r = h.run("status");
    assertEquals(ExitCodes.OK, r.rc(), r.all());
    assertTrue(r.out().contains("laatst bekend: geldig"), r.out());
  }

  @Test
  void delete_withYes_removed_unknownId_usageError() throws Exception {
    h.init();
    String id = importOne();
    assertEquals(ExitCodes.USAGE, h.run("delete", "ffffffff", "--yes").rc());
    assertEquals(ExitCodes.USAGE, h.run("delete", id).rc(), "no terminal and no --yes");
    assertEquals(ExitCodes.OK, h.run("delete", id, "--yes").rc());
    assertTrue(h.run("list").out().contains("nog leeg"));
  }

  @Test
  void delete_interactive_asksAndHonoursAnswer() throws Exception {
    h.init();
    String id = importOne();
    h.terminal = new ScriptedTerminal(true, "nee");
    assertTrue(h.run("delete", id).out().contains("Niet verwijderd"));
    h.terminal = new ScriptedTerminal(true, "ja");
    assertTrue(h.run("delete", id).out().contains("Verwijderd"));
  }

  @Test
  void exportRestore_roundTrip_samePassphrase() throws Exception {
    h.init();
    String id = importOne();
    Path backup = tmp.resolve("reserve.lbw");
    assertEquals(ExitCodes.OK, h.run("export", backup.toString()).rc());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)));
    assertEquals(ExitCodes.USAGE, h.run("export", backup.toString()).rc(), "no overwrite");
    assertEquals(ExitCodes.USAGE, h.run("restore", backup.toString()).rc(), "wallet exists");
    Files.delete(h.home.resolve(WalletStore.WALLET_FILE));
    assertEquals(ExitCodes.OK, h.run("restore", backup.toString()).rc());
    assertTrue(h.run("list").out().contains(id));
  }

  @Test
  void export_ownPassphrase_restoreNeedsIt() throws Exception {
    h.init();
    importOne();
    Path backup = tmp.resolve("reserve.lbw");
    h.env.put(WalletContext.BACKUP_PASSPHRASE_ENV, "back-up-wachtwoord");
    assertEquals(ExitCodes.OK, h.run("export", backup.toString()).rc());
    h.env.remove(WalletContext.BACKUP_PASSPHRASE_ENV);
    byte[] before = h.walletBytes();
    WalletHarness.Run wrong = h.run("restore", backup.toString(), "--force");
    assertEquals(ExitCodes.USAGE, wrong.rc(), wrong.all());
    assertArrayEquals(before, h.walletBytes(), "a failed restore changes nothing");
    Path pf = h.write("bp.txt", "back-up-wachtwoord");
    assertEquals(
        ExitCodes.OK,
        h.run("restore", backup.toString(), "--force", "--backup-passphrase-file", pf.toString())
            .rc());
    h.env.put(WalletContext.PASSPHRASE_ENV, "back-up-wachtwoord");
    assertEquals(ExitCodes.OK, h.run("list").rc());
  }

  @Test
  void restore_corruptBackup_nothingWritten() throws Exception {
    Path bad = h.write("bad.lbw", "{\"format\":\"leerbewijs-wallet\"}");
    WalletHarness.Run r = h.run("restore", bad.toString());
    assertEquals(ExitCodes.FAILURE, r.rc());
    assertFalse(Files.exists(h.home.resolve(WalletStore.WALLET_FILE)));
  }
}
