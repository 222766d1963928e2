package dev.cptflow.activities.eval.data;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: quoted fields, "" escapes, separators and line breaks inside quotes. */
final class Csv {
  /** A record with the line it starts on, which is what a user finds in an editor. */
  record Row(int line, List<String> fields) {}

  private Csv() {}

  /** Blank lines are skipped. Line breaks end records as CRLF, LF or CR. */
  static List<Row> parse(String text, String uri) {
    List<Row> rows = new ArrayList<>();
    int line = 1;
    int i = 0;
    int n = text.length();
    while (i < n) {
      int start = line;
      List<String> fields = new ArrayList<>();
      while (true) {
        StringBuilder field = new StringBuilder();
        if (i < n && text.charAt(i) == '"') {
          int opened = line;
          i++;
          while (true) {
            if (i >= n) {
              throw new EvalDataException(uri + ":" + opened + ": a quoted field is never closed");
            }
            char c = text.charAt(i++);
            if (c == '"' && i < n && text.charAt(i) == '"') {
              field.append('"');
              i++;
            } else if (c == '"') {
              break;
            } else {
              line += c == '\n' ? 1 : 0;
              field.append(c);
            }
          }
          if (i < n && !endsField(text.charAt(i))) {
            throw new EvalDataException(uri + ":" + line + ": text after the closing quote of a field");
          }
        } else {
          while (i < n && !endsField(text.charAt(i))) {
            field.append(text.charAt(i++));
          }
        }
        fields.add(field.toString());
        if (i < n && text.charAt(i) == ',') {
          i++;
          continue;
        }
        if (i < n && text.charAt(i) == '\r') {
          i++;
        }
        if (i < n && text.charAt(i) == '\n') {
          i++;
        }
        line++;
        break;
      }
      if (fields.size() > 1 || !fields.get(0).isBlank()) {
        rows.add(new Row(start, List.copyOf(fields)));
      }
    }
    return rows;
  }

  private static boolean endsField(char c) {
    return c == ',' || c == '\n' || c == '\r';
  }
}
