package nl.leerbewijs.issuer.award;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import nl.leerbewijs.issuer.http.ProblemException;

/**
 * A strict RFC 4180 reader: comma-separated, fields optionally in double quotes ({@code ""} for a
 * quote inside), CRLF or LF line ends, UTF-8 (a leading byte order mark is skipped). Blank lines
 * are skipped. Malformed input is a 400 naming the row (header = row 1).
 */
final class CsvReader {
  /** One record with its row number (the header is row 1). */
  record Record(int row, List<String> fields) {}

  private CsvReader() {}

  static List<Record> read(byte[] bytes, int maxRecords) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw ProblemException.badRequest("malformed_csv", "the CSV file is not valid UTF-8");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<Record> out = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int row = 1;
    int recordRow = 1;
    int i = 0;
    int n = text.length();
    boolean fieldStarted = false;
    while (i <= n) {
      char c = i < n ? text.charAt(i) : '\n';
      if (i == n && !fieldStarted && fields.isEmpty()) {
        break;
      }
      if (c == '"' && field.length() == 0 && !fieldStarted) {
        fieldStarted = true;
        i++;
        while (true) {
          if (i >= n) {
            throw ProblemException.badRequest(
                "malformed_csv", "row " + recordRow + ": a quoted field is not closed");
          }
          char q = text.charAt(i);
          if (q == '"') {
            if (i + 1 < n && text.charAt(i + 1) == '"') {
              field.append('"');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (q == '\n') {
            row++;
          }
          field.append(q);
          i++;
        }
        if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
          throw ProblemException.badRequest(
              "malformed_csv", "row " + recordRow + ": unexpected text after a closing quote");
        }
        continue;
      }
      if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        fieldStarted = false;
        i++;
        continue;
      }
      if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        fields.add(field.toString());
        field.setLength(0);
        fieldStarted = false;
        boolean blank = fields.size() == 1 && fields.get(0).isEmpty();
        if (!blank) {
          if (out.size() >= maxRecords) {
            throw new ProblemException(
                413,
                "too_many_rows",
                "Payload too large",
                "the CSV file has more than " + (maxRecords - 1) + " award rows",
                List.of());
          }
          out.add(new Record(recordRow, List.copyOf(fields)));
        }
        fields.clear();
        i++;
        row++;
        recordRow = row;
        continue;
      }
      if (c == '"') {
        throw ProblemException.badRequest(
            "malformed_csv", "row " + recordRow + ": a quote inside an unquoted field");
      }
      field.append(c);
      fieldStarted = true;
      i++;
    }
    return out;
  }
}
