package nl.leerbewijs.wallet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TimeZone;
import nl.leerbewijs.core.credential.CredentialClaims;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.core.credential.NlqfLevel;
import nl.leerbewijs.core.credential.TypeMetadata;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.wallet.Messages;
import nl.leerbewijs.wallet.issuance.Sanitize;
import nl.leerbewijs.wallet.store.CredentialStatus;
import nl.leerbewijs.wallet.store.JsonTree;
import nl.leerbewijs.wallet.store.StoredCredential;

/**
 * How a stored credential is shown to the learner, from the type metadata (display names) and the
 * claims (core {@link CredentialClaims}). Claim values are sanitised before printing: they come
 * from the issuer.
 */
final class Display {

  /** The learner's time zone, read once. */
  private static final class Zone {
    static final TimeZone DEFAULT = TimeZone.getDefault();
  }

  /**
   * 1970-01-01 and 2036-01-01 (epoch seconds): where {@link TimeZone} gives the same offsets as
   * java.time. From 2037 on it extrapolates from a last rule, which for some zones (e.g.
   * Africa/Casablanca, and Africa/Windhoek already at the end of 2036) differs from java.time's;
   * {@code DisplayTest} compares every zone.
   */
  private static final long FROM = 0;

  private static final long UNTIL = 2082758400L;

  private static final Map<CredentialType, TypeMetadata> METADATA =
      Collections.synchronizedMap(new EnumMap<>(CredentialType.class));

  private final Messages msg;

  Display(Messages msg) {
    this.msg = msg;
  }

  /**
   * The packaged type metadata, as {@link TypeMetadata#forType} gives it, but read with {@link
   * JsonTree} so that showing credentials does not build Jackson's ObjectMapper (start time). Any
   * problem falls back to {@link TypeMetadata#forType}, which reports it as before.
   */
  static TypeMetadata metadata(CredentialType type) {
    return METADATA.computeIfAbsent(
        type,
        t -> {
          try (InputStream in =
              Display.class.getClassLoader().getResourceAsStream(t.typeMetadataResource())) {
            if (in != null) {
              TypeMetadata m = TypeMetadata.parse(JsonTree.parse(in.readAllBytes()));
              if (m.vct().equals(t.vct())) {
                return m;
              }
            }
          } catch (Exception e) {
            // fall through: forType reports it
          }
          return TypeMetadata.forType(t);
        });
  }

  Optional<CredentialClaims> claims(StoredCredential c) {
    return Optional.ofNullable(c.typeId())
        .flatMap(CredentialType::fromId)
        .map(t -> CredentialClaims.of(t, c.claims()));
  }

  String typeName(StoredCredential c) {
    return Optional.ofNullable(c.typeId())
        .flatMap(CredentialType::fromId)
        .flatMap(t -> metadata(t).displayName(msg.language()))
        .orElse(safe(c.vct()));
  }

  String title(StoredCredential c) {
    return claims(c).flatMap(cc -> cc.title(msg.locale())).map(Display::safe).orElse(typeName(c));
  }

  String institution(StoredCredential c) {
    return claims(c)
        .flatMap(CredentialClaims::institutionName)
        .map(Display::safe)
        .orElse(c.issuerName() != null ? safe(c.issuerName()) : safe(c.issuer()));
  }

  String status(CredentialStatus s) {
    return msg.get("status." + s.state().id(), when(s.checkedAt()));
  }

  /** {@code yyyy-MM-dd HH:mm} in the learner's time zone, or "" for null. */
  static String when(Instant i) {
    return i == null ? "" : when(i, Zone.DEFAULT);
  }

  /**
   * What {@code DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone.toZoneId())} writes,
   * but with the offset from {@link TimeZone}: java.time's zone rules read the time-zone database a
   * second time, which costs 5 to 10 ms of {@code wallet list}'s start. Both read the same
   * database; outside 1970 to 2035 the formatter itself is used.
   */
  static String when(Instant i, TimeZone zone) {
    long s = i.getEpochSecond();
    if (s < FROM || s >= UNTIL) {
      return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone.toZoneId()).format(i);
    }
    LocalDateTime t =
        LocalDateTime.ofEpochSecond(s + zone.getOffset(s * 1000) / 1000, 0, ZoneOffset.UTC);
    StringBuilder b = new StringBuilder(16);
    b.append(t.getYear()).append('-');
    twoDigits(b, t.getMonthValue()).append('-');
    twoDigits(b, t.getDayOfMonth()).append(' ');
    twoDigits(b, t.getHour()).append(':');
    return twoDigits(b, t.getMinute()).toString();
  }

  private static StringBuilder twoDigits(StringBuilder b, int n) {
    return b.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
  }

  /** The lines of {@code wallet show}. */
  List<String> details(StoredCredential c) {
    List<String> lines = new ArrayList<>();
    Optional<CredentialClaims> cc = claims(c);
    lines.add(title(c));
    lines.add(row("show.id", c.id()));
    lines.add(row("show.type", typeName(c)));
    lines.add(row("show.institution", institution(c)));
    cc.flatMap(CredentialClaims::learnerName)
        .ifPresent(n -> lines.add(row("show.learner", safe(n))));
    cc.flatMap(CredentialClaims::awardDate)
        .ifPresent(d -> lines.add(row("show.awardDate", d.toString())));
    cc.flatMap(CredentialClaims::nlqf)
        .ifPresent(
            n -> {
              OptionalInt eqf = cc.get().eqf();
              lines.add(
                  row(
                      "show.level",
                      msg.get(
                          eqf.isPresent() ? "show.level.both" : "show.level.nlqf",
                          nlqfText(n),
                          msg.number(eqf.isPresent() ? eqf.getAsInt() : 0))));
            });
    cc.flatMap(CredentialClaims::ects)
        .ifPresent(e -> lines.add(row("show.ects", e.stripTrailingZeros().toPlainString())));
    cc.flatMap(x -> x.description(msg.locale()))
        .ifPresent(d -> lines.add(row("show.description", safe(d))));
    List<CredentialClaims.Skill> skills = cc.map(CredentialClaims::skills).orElse(List.of());
    if (!skills.isEmpty()) {
      lines.add(msg.get("show.skills"));
      for (int i = 0; i < skills.size(); i++) {
        lines.add("    " + (i + 1) + ". " + safe(skills.get(i).label()));
      }
    }
    lines.add(row("show.status", status(c.status())));
    lines.add(row("show.added", when(c.addedAt())));
    return lines;
  }

  private String row(String key, String value) {
    return padded(msg.get(key) + ":", value);
  }

  /** {@code String.format(" %-22s %s", label, value)}, without java.util.Formatter. */
  static String padded(String label, String value) {
    StringBuilder b = new StringBuilder("  ").append(label);
    while (b.length() < 2 + 22) {
      b.append(' ');
    }
    return b.append(' ').append(value).toString();
  }

  private static String nlqfText(NlqfLevel n) {
    return n.claimValue();
  }

  /** The JSON of {@code wallet list --format json}: stable member names. */
  ObjectNode toJson(StoredCredential c) {
    ObjectNode o = Json.object();
    Optional<CredentialClaims> cc = claims(c);
    o.put("id", c.id());
    o.put("type", c.typeId());
    o.put("vct", c.vct());
    o.put("type_name", typeName(c));
    o.put("title", title(c));
    o.put("institution", institution(c));
    o.put("issuer", c.issuer());
    o.put("award_date", cc.flatMap(CredentialClaims::awardDate).map(Object::toString).orElse(null));
    o.put("nlqf", c.claims().path("nlqf").textValue());
    OptionalInt eqf = cc.map(CredentialClaims::eqf).orElse(OptionalInt.empty());
    if (eqf.isPresent()) {
      o.put("eqf", eqf.getAsInt());
    } else {
      o.putNull("eqf");
    }
    BigDecimal ects = cc.flatMap(CredentialClaims::ects).orElse(null);
    o.put("ects", ects);
    o.put("status", c.status().state().id());
    o.put(
        "status_checked_at",
        c.status().checkedAt() == null ? null : c.status().checkedAt().toString());
    o.put("added_at", c.addedAt().toString());
    return o;
  }

  static String safe(String s) {
    return Sanitize.text(s, 500);
  }
}
