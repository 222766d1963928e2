package dev.cptflow.activities.report;

import dev.cptflow.activities.select.SelectionBalance;
import java.util.List;
import java.util.Objects;

/**
 * Everything the sweep report shows. Lists are in display order. The report is a pure rendering of this record:
 * every number it prints comes from here.
 *
 * @param sweepId the sweep's id
 * @param title a heading, e.g. the spec's name (the sweep id when null)
 * @param columns task metric columns, e.g. {@code ["fpb.f1", "fiqasa.f1", "ner.entity_f1"]}
 * @param rows {@code "base"} first, then each variant
 * @param metricScores one per selection metric used (sim, ppl, ent); may be empty
 * @param selections one per variant with a selection; may be empty
 * @param notes warnings to print (skipped tasks etc.)
 * @param selectionLengths per variant, the token lengths of what it selected against the corpus's; may be empty
 */
public record ReportInput(
    String sweepId,
    String title,
    List<String> columns,
    List<ModelRow> rows,
    List<MetricScores> metricScores,
    List<SelectionQuality> selections,
    List<String> notes,
    List<SelectionLengths> selectionLengths) {

  /** One variant's selection shape: its documents' token lengths against the corpus's, and the warning if any. */
  public record SelectionLengths(String variant, SelectionBalance balance) {}

  public ReportInput(String sweepId, String title, List<String> columns, List<ModelRow> rows,
      List<MetricScores> metricScores, List<SelectionQuality> selections, List<String> notes) {
    this(sweepId, title, columns, rows, metricScores, selections, notes, List.of());
  }

  public ReportInput {
    Objects.requireNonNull(sweepId, "sweepId");
    if (title == null) {
      title = sweepId;
    }
    // Null lists mean "nothing to show", so callers need not build empty ones.
    columns = columns == null ? List.of() : List.copyOf(columns);
    rows = rows == null ? List.of() : List.copyOf(rows);
    metricScores = metricScores == null ? List.of() : List.copyOf(metricScores);
    selections = selections == null ? List.of() : List.copyOf(selections);
    notes = notes == null ? List.of() : List.copyOf(notes);
    selectionLengths = selectionLengths == null ? List.of() : List.copyOf(selectionLengths);
  }
}
