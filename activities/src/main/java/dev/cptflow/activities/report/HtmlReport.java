package dev.cptflow.activities.report;

import java.util.List;

/** report.html: the same content as report.md, as one self-contained page (inline CSS, plots by relative path). */
final class HtmlReport {
  private static final String CSS = """
      body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto;
             max-width: 1200px; padding: 0 1rem; color: #222; }
      h1 { margin-bottom: 0.2rem; }
      .sweep { color: #666; margin-top: 0; }
      table { border-collapse: collapse; margin: 1rem 0; font-size: 0.9rem; }
      th, td { border: 1px solid #ccc; padding: 0.3rem 0.6rem; white-space: nowrap; }
      th { background: #f3f3f3; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
      td.pos { color: #1a7f37; }
      td.neg { color: #c62828; }
      .legend { color: #555; font-size: 0.85rem; max-width: 60rem; }
      figure { margin: 1rem 0; }
      figcaption { color: #555; font-size: 0.85rem; }
      img { max-width: 100%; height: auto; border: 1px solid #eee; }
      """;

  private HtmlReport() {}

  static String render(ReportInput input, List<ResultsTable.Row> rows, List<Plots.Plot> plots) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(input.title())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    html.append("<h1>").append(escape(input.title())).append("</h1>\n");
    html.append("<p class=\"sweep\">Sweep <code>").append(escape(input.sweepId())).append("</code></p>\n");

    html.append("<h2>Results</h2>\n<table>\n<thead>");
    headerRow(html, Format.header(input.columns()));
    html.append("</thead>\n<tbody>\n");
    int deltaColumn = 1 + input.columns().size() + 1; // model, task columns, avg, then Δ avg
    for (ResultsTable.Row row : rows) {
      List<String> cells = Format.cells(row);
      html.append("<tr>");
      for (int i = 0; i < cells.size(); i++) {
        String css = i == 0 ? "" : "num";
        if (i == deltaColumn && row.deltaAvg() != null && row.deltaAvg() != 0) {
          css += row.deltaAvg() > 0 ? " pos" : " neg";
        }
        cell(html, cells.get(i), css);
      }
      html.append("</tr>\n");
    }
    html.append("</tbody>\n</table>\n<p class=\"legend\">").append(escape(Legend.RESULTS)).append("</p>\n");

    if (!input.selections().isEmpty()) {
      labelledTable(html, "Selection vs the planted sub-domain", Format.selectionHeader(),
          input.selections().stream().map(Format::selectionCells).toList(), Legend.SELECTION);
    }

    if (!input.selectionLengths().isEmpty()) {
      labelledTable(html, "Selections: documents and token lengths", Format.lengthsHeader(),
          input.selectionLengths().stream().map(Format::lengthsCells).toList(), Legend.LENGTHS);
    }

    if (!plots.isEmpty()) {
      html.append("<h2>Plots</h2>\n");
      for (Plots.Plot plot : plots) {
        html.append("<figure><img src=\"").append(escape(plot.relativePath())).append("\" alt=\"")
            .append(escape(plot.caption())).append("\" width=\"").append(Plots.WIDTH).append("\" height=\"")
            .append(Plots.HEIGHT).append("\"><figcaption>").append(escape(plot.caption()))
            .append("</figcaption></figure>\n");
      }
    }

    if (!input.notes().isEmpty()) {
      html.append("<h2>Notes</h2>\n<ul>\n");
      for (String note : input.notes()) {
        html.append("<li>").append(escape(note)).append("</li>\n");
      }
      html.append("</ul>\n");
    }
    html.append("</body>\n</html>\n");
    return html.toString();
  }

  /** A heading, a table whose first column is a label and the rest numbers, and its legend. */
  private static void labelledTable(StringBuilder html, String heading, List<String> header, List<List<String>> rows,
      String legend) {
    html.append("<h2>").append(escape(heading)).append("</h2>\n<table>\n<thead>");
    headerRow(html, header);
    html.append("</thead>\n<tbody>\n");
    for (List<String> cells : rows) {
      html.append("<tr>");
      for (int i = 0; i < cells.size(); i++) {
        cell(html, cells.get(i), i == 0 ? "" : "num");
      }
      html.append("</tr>\n");
    }
    html.append("</tbody>\n</table>\n<p class=\"legend\">").append(escape(legend)).append("</p>\n");
  }

  private static void headerRow(StringBuilder html, List<String> header) {
    html.append("<tr>");
    for (String h : header) {
      html.append("<th>").append(escape(h)).append("</th>");
    }
    html.append("</tr>");
  }

  private static void cell(StringBuilder html, String text, String css) {
    html.append(css.isEmpty() ? "<td>" : "<td class=\"" + css.trim() + "\">").append(escape(text)).append("</td>");
  }

  /** Escapes text for element content and quoted attribute values alike. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
