package dev.cptflow.activities.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The paper-style table, computed once from the input so that report.md, report.html, results.csv and results.json
 * all show the same numbers. Holds raw values; {@link Format} turns them into text.
 */
final class ResultsTable {
  static final String BASE = "base";
  static final String DACP = "dacp";

  /**
   * One computed row. Every field is null when it is missing or not applicable.
   *
   * @param cells one per column, in column order; null where the row has no (finite) value
   * @param avg mean of the present cells' values
   * @param deltaAvg {@code avg − base avg}; null for base itself and when either is missing
   * @param dacpShare tokens trained as a fraction of the "dacp" row's (1.0 = the same); null for base
   */
  record Row(
      String model,
      List<Estimate> cells,
      Double avg,
      Double deltaAvg,
      Double domainLoss,
      Double generalLoss,
      Long tokens,
      Double dacpShare,
      Double wallSeconds,
      String device) {}

  private ResultsTable() {}

  static List<Row> compute(ReportInput input) {
    List<String> columns = input.columns();
    Long dacpTokens = null;
    Double baseAvg = null;
    boolean haveBase = false;
    for (ModelRow row : input.rows()) {
      if (dacpTokens == null && DACP.equals(row.model())) {
        dacpTokens = row.tokensTrained();
      }
      if (!haveBase && BASE.equals(row.model())) {
        haveBase = true;
        baseAvg = average(cells(row, columns));
      }
    }
    List<Row> out = new ArrayList<>(input.rows().size());
    for (ModelRow row : input.rows()) {
      List<Estimate> cells = cells(row, columns);
      Double avg = average(cells);
      boolean isBase = BASE.equals(row.model());
      Double delta = isBase || avg == null || baseAvg == null ? null : avg - baseAvg;
      Long tokens = row.tokensTrained();
      Double share =
          isBase || tokens == null || dacpTokens == null || dacpTokens <= 0 ? null : (double) tokens / dacpTokens;
      out.add(new Row(
          row.model(),
          cells,
          avg,
          delta,
          finite(row.domainLoss()),
          finite(row.generalLoss()),
          tokens,
          share,
          finite(row.wallSeconds()),
          row.device()));
    }
    return out;
  }

  /** The row's estimate per column; a NaN or infinite value counts as missing (it has no place in a mean or JSON). */
  private static List<Estimate> cells(ModelRow row, List<String> columns) {
    List<Estimate> cells = new ArrayList<>(columns.size());
    for (String column : columns) {
      Estimate e = row.metrics().get(column);
      if (e == null || !Double.isFinite(e.value())) {
        cells.add(null);
      } else {
        cells.add(new Estimate(e.value(), finite(e.stderr())));
      }
    }
    return cells;
  }

  /** Mean over the present cells, so a task skipped for one model does not zero its average; null if none. */
  static Double average(List<Estimate> cells) {
    double sum = 0;
    int n = 0;
    for (Estimate e : cells) {
      if (e != null) {
        sum += e.value();
        n++;
      }
    }
    return n == 0 ? null : sum / n;
  }

  static Double finite(Double v) {
    return v == null || !Double.isFinite(v) ? null : v;
  }
}
