package dev.cptflow.activities.report;

import java.util.ArrayList;
import dev.cptflow.activities.select.SelectionBalance;
import java.util.List;
import java.util.Locale;

/** Text forms of the table's values, shared by the Markdown and HTML reports. Locale.ROOT: "0.6123", "1,234". */
final class Format {
  static final String MISSING = "–";

  private Format() {}

  /** The table's header cells, in the order {@link #cells} fills them. */
  static List<String> header(List<String> columns) {
    List<String> header = new ArrayList<>();
    header.add("model");
    header.addAll(columns);
    header.addAll(List.of("avg", "Δ avg", "domain loss", "general loss", "tokens", "% of DACP", "wall"));
    return header;
  }

  static List<String> cells(ResultsTable.Row row) {
    List<String> cells = new ArrayList<>();
    cells.add(row.model());
    for (Estimate e : row.cells()) {
      cells.add(estimate(e));
    }
    cells.add(fixed4(row.avg()));
    cells.add(signed4(row.deltaAvg()));
    cells.add(fixed4(row.domainLoss()));
    cells.add(fixed4(row.generalLoss()));
    cells.add(count(row.tokens()));
    cells.add(percent(row.dacpShare()));
    cells.add(wall(row.wallSeconds(), row.device()));
    return cells;
  }

  static String estimate(Estimate e) {
    if (e == null) {
      return MISSING;
    }
    return e.stderr() == null ? fixed4(e.value()) : fixed4(e.value()) + " ± " + fixed4(e.stderr());
  }

  static String fixed4(Double v) {
    return v == null ? MISSING : String.format(Locale.ROOT, "%.4f", v);
  }

  static String signed4(Double v) {
    return v == null ? MISSING : String.format(Locale.ROOT, "%+.4f", v);
  }

  static String count(Long v) {
    return v == null ? MISSING : String.format(Locale.ROOT, "%,d", v);
  }

  /** A fraction as a percentage with one decimal: 0.1234 → "12.3%". */
  static String percent(Double fraction) {
    return fraction == null ? MISSING : String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }

  /** "12.3 s", "4.1 min" or "2.0 h", then the device in parentheses when known. */
  static String wall(Double seconds, String device) {
    String time;
    if (seconds == null) {
      time = MISSING;
    } else if (seconds < 60) {
      time = String.format(Locale.ROOT, "%.1f s", seconds);
    } else if (seconds < 3600) {
      time = String.format(Locale.ROOT, "%.1f min", seconds / 60);
    } else {
      time = String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
    if (device == null || device.isBlank()) {
      return time;
    }
    return time + " (" + device + ")";
  }

  /** The selection-quality table's header and cells, shared by the Markdown and HTML reports. */
  static List<String> selectionHeader() {
    return List.of(
        "variant", "selected docs", "selected tokens", "in-domain selected", "precision", "recall", "base rate",
        "precision / base rate");
  }

  /** The selection-lengths table's header and cells, shared by the Markdown and HTML reports. */
  static List<String> lengthsHeader() {
    return List.of("variant", "selected docs", "selected tokens", "p10", "median", "p90", "max", "corpus median",
        "corpus p90", "docs holding half the tokens");
  }

  static List<String> lengthsCells(ReportInput.SelectionLengths lengths) {
    SelectionBalance balance = lengths.balance();
    return List.of(
        lengths.variant(),
        count(balance.selected().docs()),
        count(balance.selected().tokens()),
        count((long) balance.selected().p10()),
        count((long) balance.selected().p50()),
        count((long) balance.selected().p90()),
        count((long) balance.selected().max()),
        count((long) balance.corpus().p50()),
        count((long) balance.corpus().p90()),
        count(balance.halfTokensDocs()) + (balance.warning() == null ? "" : " ⚠"));
  }

  static List<String> selectionCells(SelectionQuality q) {
    Double lift = q.lift();
    return List.of(
        q.variant(),
        count(q.selectedDocs()),
        count(q.selectedTokens()),
        count(q.inDomainSelected()) + " of " + count(q.inDomainTotal()),
        fixed4(q.precision()),
        fixed4(q.recall()),
        fixed4(q.baseRate()) + " (" + count(q.inDomainTotal()) + " / " + count(q.corpusDocs()) + ")",
        lift == null ? MISSING : String.format(Locale.ROOT, "%.2f×", lift));
  }
}
