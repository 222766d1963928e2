package dev.cptflow.activities.report;

import java.util.ArrayList;
import java.util.List;

/** report.md: the table, the selection quality, the plots and the notes, as GitHub-flavoured Markdown. */
final class MarkdownReport {
  private MarkdownReport() {}

  static String render(ReportInput input, List<ResultsTable.Row> rows, List<Plots.Plot> plots) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(inline(input.title())).append("\n\n");
    md.append("Sweep `").append(input.sweepId().replace("`", "'")).append("`\n\n");

    md.append("## Results\n\n");
    List<List<String>> body = new ArrayList<>();
    for (ResultsTable.Row row : rows) {
      body.add(Format.cells(row));
    }
    table(md, Format.header(input.columns()), body);
    md.append('\n').append(inline(Legend.RESULTS)).append("\n\n");

    if (!input.selections().isEmpty()) {
      md.append("## Selection vs the planted sub-domain\n\n");
      List<List<String>> selection = new ArrayList<>();
      for (SelectionQuality q : input.selections()) {
        selection.add(Format.selectionCells(q));
      }
      table(md, Format.selectionHeader(), selection);
      md.append('\n').append(inline(Legend.SELECTION)).append("\n\n");
    }

    if (!input.selectionLengths().isEmpty()) {
      md.append("## Selections: documents and token lengths\n\n");
      List<List<String>> lengths = new ArrayList<>();
      for (ReportInput.SelectionLengths l : input.selectionLengths()) {
        lengths.add(Format.lengthsCells(l));
      }
      table(md, Format.lengthsHeader(), lengths);
      md.append('\n').append(inline(Legend.LENGTHS)).append("\n\n");
    }

    if (!plots.isEmpty()) {
      md.append("## Plots\n\n");
      for (Plots.Plot plot : plots) {
        md.append("![").append(inline(plot.caption()).replace("]", "\\]")).append("](")
            .append(plot.relativePath()).append(")\n\n");
      }
    }

    if (!input.notes().isEmpty()) {
      md.append("## Notes\n\n");
      for (String note : input.notes()) {
        md.append("- ").append(inline(note)).append('\n');
      }
      md.append('\n');
    }
    return md.toString();
  }

  /** A pipe table: the first column (names) left-aligned, the rest (numbers) right-aligned. */
  private static void table(StringBuilder md, List<String> header, List<List<String>> rows) {
    row(md, header);
    md.append('|');
    for (int i = 0; i < header.size(); i++) {
      md.append(i == 0 ? " --- |" : " ---: |");
    }
    md.append('\n');
    for (List<String> cells : rows) {
      row(md, cells);
    }
  }

  private static void row(StringBuilder md, List<String> cells) {
    md.append('|');
    for (String cell : cells) {
      md.append(' ').append(inline(cell).replace("|", "\\|")).append(" |");
    }
    md.append('\n');
  }

  /**
   * One line of text: a line break inside a model name or note would end the table row or bullet. Every '<' is
   * written as the entity {@code &lt;}, which Markdown shows as '<', so a name such as {@code <script>} is never
   * taken for raw HTML by a renderer that passes HTML through.
   */
  static String inline(String text) {
    return text == null
        ? ""
        : text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace("<", "&lt;");
  }
}
