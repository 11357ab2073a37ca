package nl.leerbewijs.core.verify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.core.json.Utf8JsonWriter;

/**
 * The outcome of verifying one presentation: one {@link CheckResult} per {@link Check}, in order,
 * the single {@link Verdict}, and, when the credential could be read, what it discloses.
 *
 * <p>The JSON form ({@link #toJson()}) is the contract of the verifier's HTTP API and CLI: field
 * names and codes are stable.
 */
public final class VerificationReport {

  private final Verdict verdict;
  private final List<CheckResult> checks;
  private final DisclosedCredential credential;

  private VerificationReport(
      Verdict verdict, List<CheckResult> checks, DisclosedCredential credential) {
    this.verdict = verdict;
    this.checks = List.copyOf(checks);
    this.credential = credential;
  }

  /**
   * Builds a report from the check results; any check not reported is added as skipped, and the
   * verdict follows from the results by {@link #verdictOf}.
   */
  public static VerificationReport of(List<CheckResult> results, DisclosedCredential credential) {
    Map<Check, CheckResult> byCheck = new EnumMap<>(Check.class);
    for (CheckResult r : results) {
      if (byCheck.putIfAbsent(r.check(), r) != null) {
        throw new IllegalArgumentException("check reported twice: " + r.check());
      }
    }
    List<CheckResult> ordered = new ArrayList<>();
    for (Check c : Check.values()) {
      ordered.add(byCheck.getOrDefault(c, CheckResult.skipped(c, "not run")));
    }
    return new VerificationReport(verdictOf(ordered), ordered, credential);
  }

  /**
   * The verdict rule, in priority order: a structure failure is {@code MALFORMED}; a failed
   * signature, digest, key binding or schema check is {@code INVALID}; an untrusted issuer is
   * {@code UNTRUSTED_ISSUER} (its signature may still be valid); expired is {@code EXPIRED}; then
   * the status list decides {@code REVOKED} / {@code SUSPENDED}; a status that could not be checked
   * (or an application-specific status value) is {@code STATUS_UNKNOWN}; a credential without any
   * status reference can still be {@code VALID}.
   */
  static Verdict verdictOf(List<CheckResult> ordered) {
    Map<Check, CheckResult> r = new EnumMap<>(Check.class);
    ordered.forEach(c -> r.put(c.check(), c));
    if (failed(r, Check.STRUCTURE)) {
      return Verdict.MALFORMED;
    }
    for (Check c : List.of(Check.SIGNATURE, Check.DIGESTS, Check.KEY_BINDING, Check.SCHEMA)) {
      if (failed(r, c)) {
        return Verdict.INVALID;
      }
    }
    if (failed(r, Check.TRUSTED_ISSUER)) {
      return Verdict.UNTRUSTED_ISSUER;
    }
    if (failed(r, Check.VALIDITY)) {
      return Verdict.EXPIRED;
    }
    CheckResult status = r.get(Check.STATUS);
    if (status.outcome() == Outcome.FAIL) {
      return status.code().equals(StatusCodes.SUSPENDED) ? Verdict.SUSPENDED : Verdict.REVOKED;
    }
    if (status.outcome() == Outcome.WARN && !status.code().equals(StatusCodes.NONE)) {
      return Verdict.STATUS_UNKNOWN;
    }
    for (Check c : Check.values()) {
      // A check that must pass for a VALID verdict but was never run cannot give VALID.
      if (r.get(c).outcome() == Outcome.SKIPPED && c != Check.KEY_BINDING && c != Check.STATUS) {
        return Verdict.INVALID;
      }
    }
    return Verdict.VALID;
  }

  private static boolean failed(Map<Check, CheckResult> r, Check c) {
    return r.get(c).outcome() == Outcome.FAIL;
  }

  public Verdict verdict() {
    return verdict;
  }

  public List<CheckResult> checks() {
    return checks;
  }

  public CheckResult check(Check check) {
    Objects.requireNonNull(check, "check");
    return checks.get(check.ordinal());
  }

  public Optional<DisclosedCredential> credential() {
    return Optional.ofNullable(credential);
  }

  /** The stable JSON form of the report: a new tree the caller owns. */
  public ObjectNode toJson() {
    ObjectNode root = Json.object();
    root.put("verdict", verdict.id());
    root.put("severity", severity());
    ArrayNode arr = root.putArray("checks");
    for (CheckResult c : checks) {
      ObjectNode o = arr.addObject();
      o.put("check", c.check().id());
      o.put("outcome", c.outcome().id());
      o.put("code", c.code());
      o.put("message", c.message());
    }
    if (credential != null) {
      ObjectNode cred = root.putObject("credential");
      cred.put("vct", credential.vct());
      cred.put("type", credential.typeId());
      cred.put("issuer", credential.issuer());
      cred.put("issuer_name", credential.issuerName());
      cred.put("issued_at", text(credential.issuedAt()));
      cred.put("expires_at", text(credential.expiresAt()));
      cred.set("claims", credential.claims());
      ArrayNode paths = cred.putArray("disclosed");
      credential.disclosedPaths().forEach(paths::add);
      cred.put("undisclosed_count", credential.undisclosedCount());
    }
    return root;
  }

  /**
   * The stable JSON form as compact UTF-8, the same bytes as {@code Json.write(toJson())}: what a
   * service sends. Written straight into one buffer, without the tree of {@link #toJson()}: the
   * tree, the buffer grown from 256 bytes by doubling and the copies of the claims were a fifth of
   * the bytes the verifier's event loop allocated per request (async-profiler, 2026-11-24).
   */
  public byte[] toJsonBytes() {
    Utf8JsonWriter w = Utf8JsonWriter.compact(TYPICAL_BYTES);
    w.raw('{').name("verdict").string(verdict.id());
    w.comma().name("severity").string(severity());
    w.comma().name("checks").raw('[');
    for (int i = 0; i < checks.size(); i++) {
      CheckResult c = checks.get(i);
      if (i > 0) {
        w.comma();
      }
      w.raw('{').name("check").string(c.check().id());
      w.comma().name("outcome").string(c.outcome().id());
      stringOrNull(w.comma().name("code"), c.code());
      stringOrNull(w.comma().name("message"), c.message());
      w.raw('}');
    }
    w.raw(']');
    if (credential != null) {
      w.comma().name("credential").raw('{');
      w.name("vct").string(credential.vct());
      stringOrNull(w.comma().name("type"), credential.typeId());
      w.comma().name("issuer").string(credential.issuer());
      stringOrNull(w.comma().name("issuer_name"), credential.issuerName());
      stringOrNull(w.comma().name("issued_at"), text(credential.issuedAt()));
      stringOrNull(w.comma().name("expires_at"), text(credential.expiresAt()));
      w.comma().name("claims").value(credential.claimsUnsafe());
      w.comma().name("disclosed").raw('[');
      List<String> paths = credential.disclosedPaths();
      for (int i = 0; i < paths.size(); i++) {
        if (i > 0) {
          w.comma();
        }
        w.string(paths.get(i));
      }
      w.raw(']');
      w.comma().name("undisclosed_count").number(credential.undisclosedCount());
      w.raw('}');
    }
    return w.raw('}').toByteArray();
  }

  /**
   * Room for a report with a typical credential in one go (one with ten claims and skills came to
   * 3-4 KB); a larger one grows the buffer once or twice.
   */
  private static final int TYPICAL_BYTES = 6 * 1024;

  private String severity() {
    return verdict.severity().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static void stringOrNull(Utf8JsonWriter w, String s) {
    if (s == null) {
      w.ascii("null");
    } else {
      w.string(s);
    }
  }
}
