package dev.cptflow.cli.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * The tables of a sweep's {@code report.md} (results, selection quality), re-aligned for a terminal: what
 * {@code cpt run} prints at the end. The report is the one source of its numbers.
 */
public final class ReportSummary {
  private ReportSummary() {}

  public static String render(String markdown) {
    StringBuilder text = new StringBuilder();
    List<List<String>> table = new ArrayList<>();
    for (String line : markdown.split("\n", -1)) {
      if (line.startsWith("|")) {
        if (!line.matches("\\|( *-+:? *\\|)+")) {
          table.add(cells(line));
        }
        continue;
      }
      if (!table.isEmpty()) {
        text.append(aligned(table)).append('\n');
        table.clear();
      }
      if (line.startsWith("## ") && !line.equals("## Plots") && !line.equals("## Notes")) {
        text.append(line.substring(3)).append('\n');
      }
    }
    return text.toString();
  }

  /** The cells of a pipe-table row, with Markdown's escapes undone. */
  private static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    for (int i = 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        cell.append(line.charAt(++i));
      } else if (c == '|') {
        cells.add(cell.toString().strip().replace("&lt;", "<"));
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    return cells;
  }

  private static String aligned(List<List<String>> rows) {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        // Names left, numbers right, as in the report.
        String padding = " ".repeat(widths[i] - cell.length());
        text.append(i == 0 ? "" : "  ").append(i == 0 ? cell + padding : padding + cell);
      }
      text.append('\n');
    }
    return text.toString();
  }
}
