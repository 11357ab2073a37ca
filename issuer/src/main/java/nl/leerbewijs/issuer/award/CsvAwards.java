package nl.leerbewijs.issuer.award;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.core.json.Json;
import nl.leerbewijs.issuer.http.ProblemException;
import nl.leerbewijs.issuer.http.ProblemException.FieldError;

/**
 * Maps a CSV upload to awards: one award per row, columns named by claim path (see the issuer
 * README, "CSV columns"). A column name is either a claim path with dots ({@code
 * learner.given_name}, {@code title.nl}, {@code period.from}) or one of the short aliases in {@link
 * #ALIASES}; {@code type} is required, {@code learner_reference} and {@code tx_code} are optional.
 * An empty cell means "absent". Numbers, booleans and the list columns ({@code skills}, {@code
 * werkprocessen}, {@code competences}, {@code learning_outcomes}) are converted as documented;
 * every problem names the row (header = row 1) and the column.
 */
final class CsvAwards {
  static final String TYPE = "type";
  static final String LEARNER_REFERENCE = "learner_reference";
  static final String TX_CODE = "tx_code";

  /** Short column names for the common claims. */
  static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("given_name", "learner.given_name"),
          Map.entry("family_name", "learner.family_name"),
          Map.entry("birthdate", "learner.birthdate"),
          Map.entry("student_id", "learner.student_id"),
          Map.entry("title_nl", "title.nl"),
          Map.entry("title_en", "title.en"),
          Map.entry("description_nl", "description.nl"),
          Map.entry("description_en", "description.en"),
          Map.entry("institution_name", "institution.name"),
          Map.entry("period_from", "period.from"),
          Map.entry("period_to", "period.to"),
          Map.entry("leerbedrijf_name", "leerbedrijf.name"),
          Map.entry("leerbedrijf_kvk", "leerbedrijf.kvk"),
          Map.entry("praktijkopleider", "praktijkopleider.name"),
          Map.entry("assessor", "assessor.name"),
          Map.entry("standard_kind", "standard.kind"),
          Map.entry("standard_code", "standard.code"),
          Map.entry("standard_name", "standard.name"));

  private static final Set<String> NUMBERS = Set.of("ects");
  private static final Set<String> INTEGERS = Set.of("study_load_hours");
  private static final Set<String> BOOLEANS =
      Set.of("identity_verified", "supervised", "stackable");

  /** List columns: items separated by ';', parts of an item by '|'. */
  private static final Map<String, List<String>> LISTS =
      Map.of(
          "skills", List.of("label", "uri"),
          "werkprocessen", List.of("code", "title"),
          "competences", List.of("code", "title"),
          "learning_outcomes", List.of());

  private static final java.util.regex.Pattern PATH =
      java.util.regex.Pattern.compile("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*){0,2}$");

  private CsvAwards() {}

  /** A parsed CSV: its awards and, per award row, which column each claim pointer came from. */
  record Parsed(List<AwardInput> awards, Map<String, String> columnByPointer) {}

  static Parsed parse(byte[] body, int maxRows, AwardRejection rej) {
    List<CsvReader.Record> records = CsvReader.read(body, maxRows + 1);
    if (records.isEmpty()) {
      throw ProblemException.badRequest(
          "malformed_csv", "the CSV file is empty; expected a header row");
    }
    List<String> header = records.get(0).fields();
    Map<Integer, String> pathByIndex = new HashMap<>();
    Map<String, String> columnByPointer = new LinkedHashMap<>();
    int typeIndex = -1;
    int refIndex = -1;
    int txIndex = -1;
    List<FieldError> headerErrors = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (int c = 0; c < header.size(); c++) {
      String name = header.get(c).trim().toLowerCase(Locale.ROOT);
      if (!seen.add(name)) {
        headerErrors.add(
            new FieldError(
                "/" + name, "duplicate_column", "column '" + name + "' appears twice", 1, name));
        continue;
      }
      switch (name) {
        case TYPE -> typeIndex = c;
        case LEARNER_REFERENCE -> refIndex = c;
        case TX_CODE -> txIndex = c;
        default -> {
          String path = ALIASES.getOrDefault(name, name);
          if (!PATH.matcher(path).matches()) {
            headerErrors.add(
                new FieldError(
                    "/" + name,
                    "unknown_column",
                    "column '"
                        + header.get(c)
                        + "' is not a claim path (e.g. learner.given_name) or a known alias",
                    1,
                    header.get(c)));
          } else {
            pathByIndex.put(c, path);
            columnByPointer.put("/" + path.replace('.', '/'), header.get(c).trim());
          }
        }
      }
    }
    if (typeIndex < 0) {
      headerErrors.add(
          new FieldError("/type", "missing_column", "the header has no 'type' column", 1, TYPE));
    }
    if (!headerErrors.isEmpty()) {
      throw new ProblemException(
          400, "malformed_csv", "Bad request", "the CSV header is not usable", headerErrors);
    }
    if (records.size() == 1) {
      throw ProblemException.badRequest(
          "malformed_csv", "the CSV file has a header but no award rows");
    }
    List<AwardInput> out = new ArrayList<>();
    for (int r = 1; r < records.size(); r++) {
      CsvReader.Record rec = records.get(r);
      int row = rec.row();
      List<String> f = rec.fields();
      if (f.size() != header.size()) {
        rej.add(
            new FieldError(
                "/",
                "column_count",
                "row has " + f.size() + " fields, the header " + header.size(),
                row,
                null));
        continue;
      }
      boolean ok = true;
      String typeText = f.get(typeIndex).trim();
      Optional<CredentialType> type = CredentialType.fromId(typeText);
      if (type.isEmpty()) {
        rej.add(
            new FieldError(
                "/type",
                "unknown_type",
                "expected microcredential, mbo-certificaat, praktijkverklaring or evc-ervaringscertificaat, got '"
                    + truncate(typeText)
                    + "'",
                row,
                header.get(typeIndex)));
        ok = false;
      }
      String ref = refIndex < 0 ? "" : f.get(refIndex).trim();
      if (ref.length() > AwardJson.MAX_LEARNER_REFERENCE) {
        rej.add(
            new FieldError(
                "/learner_reference",
                "too_long",
                "at most 200 characters",
                row,
                LEARNER_REFERENCE));
        ok = false;
      }
      boolean tx = false;
      if (txIndex >= 0 && !f.get(txIndex).isBlank()) {
        Boolean b = bool(f.get(txIndex));
        if (b == null) {
          rej.add(new FieldError("/tx_code", "invalid", "expected true or false", row, TX_CODE));
          ok = false;
        } else {
          tx = b;
        }
      }
      ObjectNode claims = Json.object();
      for (Map.Entry<Integer, String> e : pathByIndex.entrySet()) {
        String cell = f.get(e.getKey());
        if (cell.isBlank()) {
          continue;
        }
        String column = header.get(e.getKey()).trim();
        String problem = put(claims, e.getValue(), cell.trim());
        if (problem != null) {
          rej.add(
              new FieldError(
                  "/" + e.getValue().replace('.', '/'), "invalid", problem, row, column));
          ok = false;
        }
      }
      if (ok) {
        out.add(new AwardInput(row, type.get(), claims, ref.isEmpty() ? null : ref, tx));
      }
    }
    return new Parsed(out, columnByPointer);
  }

  /** Puts a cell's value at a dotted path; returns a problem text or null. */
  private static String put(ObjectNode claims, String path, String cell) {
    String[] parts = path.split("\\.");
    ObjectNode target = claims;
    for (int i = 0; i < parts.length - 1; i++) {
      var child = target.get(parts[i]);
      if (child == null) {
        target = target.putObject(parts[i]);
      } else if (child.isObject()) {
        target = (ObjectNode) child;
      } else {
        return "conflicts with another column for '" + parts[i] + "'";
      }
    }
    String leaf = parts[parts.length - 1];
    if (parts.length == 1 && NUMBERS.contains(leaf)) {
      try {
        target.put(leaf, new BigDecimal(cell.replace(',', '.')));
      } catch (NumberFormatException e) {
        return "expected a number (e.g. 7.5), got '" + truncate(cell) + "'";
      }
    } else if (parts.length == 1 && INTEGERS.contains(leaf)) {
      try {
        target.put(leaf, Long.parseLong(cell));
      } catch (NumberFormatException e) {
        return "expected a whole number, got '" + truncate(cell) + "'";
      }
    } else if (parts.length == 1 && BOOLEANS.contains(leaf)) {
      Boolean b = bool(cell);
      if (b == null) {
        return "expected true or false, got '" + truncate(cell) + "'";
      }
      target.put(leaf, b);
    } else if (parts.length == 1 && LISTS.containsKey(leaf)) {
      ArrayNode arr = target.putArray(leaf);
      List<String> names = LISTS.get(leaf);
      for (String item : cell.split(";", -1)) {
        String it = item.trim();
        if (it.isEmpty()) {
          return "an empty item in the list (items are separated by ';')";
        }
        if (names.isEmpty()) {
          arr.add(it);
          continue;
        }
        String[] p = it.split("\\|", -1);
        if (p.length > names.size()) {
          return "an item has more than "
              + names.size()
              + " parts separated by '|' ("
              + String.join("|", names)
              + ")";
        }
        ObjectNode o = arr.addObject();
        if (leaf.equals("competences") && p.length == 1) {
          o.put("title", p[0].trim());
          continue;
        }
        if (leaf.equals("werkprocessen") && p.length != 2) {
          return "each werkproces is 'code|title'";
        }
        for (int i = 0; i < p.length; i++) {
          if (!p[i].isBlank()) {
            o.put(names.get(i), p[i].trim());
          }
        }
      }
    } else {
      target.put(leaf, cell);
    }
    return null;
  }

  private static Boolean bool(String s) {
    switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "ja", "1":
        return true;
      case "false", "no", "nee", "0":
        return false;
      default:
        return null;
    }
  }

  private static String truncate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
