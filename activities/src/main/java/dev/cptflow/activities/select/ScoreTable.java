package dev.cptflow.activities.select;

import java.util.Arrays;
import java.util.List;

/**
 * Scores of a corpus held as primitive columns: {@code ids[i], tokens[i], values[m][i]} for metric {@code metrics.get(m)}
 * and {@code eligible[m][i]}, whether metric m lets a selection take row i ({@code eligible[m]} null: every row).
 * Rows are always sorted by id ({@link String#compareTo}), so everything order-dependent is independent of how the rows
 * arrived (input order, split into files). Duplicate ids and NaN scores are rejected.
 */
public final class ScoreTable {
  private final String[] ids;
  /** The records' own ids, or null when no score file carried them (a row without one holds null). */
  private final String[] sourceIds;
  private final int[] tokens;
  private final List<String> metrics;
  private final double[][] values;
  private final boolean[][] eligible;

  private ScoreTable(String[] ids, String[] sourceIds, int[] tokens, List<String> metrics, double[][] values,
      boolean[][] eligible) {
    this.ids = ids;
    this.sourceIds = sourceIds;
    this.tokens = tokens;
    this.metrics = metrics;
    this.values = values;
    this.eligible = eligible;
  }

  /** Builds a table, sorting rows by id; the arrays are not copied when already sorted. */
  public static ScoreTable of(String[] ids, int[] tokens, List<String> metrics, double[][] values) {
    return of(ids, null, tokens, metrics, values);
  }

  /** As {@link #of(String[], int[], List, double[][])}, with the records' own ids ({@code sourceIds} may be null). */
  public static ScoreTable of(String[] ids, String[] sourceIds, int[] tokens, List<String> metrics, double[][] values) {
    return of(ids, sourceIds, tokens, metrics, values, new boolean[values.length][]);
  }

  /** As above, with each metric's eligibility ({@code eligible[m]} null: every row is eligible). */
  public static ScoreTable of(String[] ids, String[] sourceIds, int[] tokens, List<String> metrics, double[][] values,
      boolean[][] eligible) {
    int n = ids.length;
    if (tokens.length != n || values.length != metrics.size() || (sourceIds != null && sourceIds.length != n)
        || eligible.length != metrics.size()) {
      throw new IllegalArgumentException("score table columns differ in length");
    }
    for (boolean[] column : eligible) {
      if (column != null && column.length != n) {
        throw new IllegalArgumentException("score table columns differ in length");
      }
    }
    for (int m = 0; m < values.length; m++) {
      if (values[m].length != n) {
        throw new IllegalArgumentException("metric '" + metrics.get(m) + "' has " + values[m].length + " values for " + n + " ids");
      }
      for (int i = 0; i < n; i++) {
        if (Double.isNaN(values[m][i])) {
          throw new IllegalArgumentException("metric '" + metrics.get(m) + "' is NaN for id " + ids[i]);
        }
      }
    }
    if (metrics.stream().distinct().count() != metrics.size()) {
      throw new IllegalArgumentException("metric named twice: " + metrics);
    }
    boolean sorted = true;
    for (int i = 1; i < n && sorted; i++) {
      sorted = ids[i - 1].compareTo(ids[i]) < 0;
    }
    if (!sorted) {
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      IntSort.sort(order, (a, b) -> ids[a].compareTo(ids[b]));
      String[] sortedIds = new String[n];
      String[] sortedSourceIds = sourceIds == null ? null : new String[n];
      int[] sortedTokens = new int[n];
      double[][] sortedValues = new double[values.length][n];
      boolean[][] sortedEligible = new boolean[eligible.length][];
      for (int m = 0; m < eligible.length; m++) {
        sortedEligible[m] = eligible[m] == null ? null : new boolean[n];
      }
      for (int i = 0; i < n; i++) {
        sortedIds[i] = ids[order[i]];
        if (sortedSourceIds != null) {
          sortedSourceIds[i] = sourceIds[order[i]];
        }
        sortedTokens[i] = tokens[order[i]];
        for (int m = 0; m < values.length; m++) {
          sortedValues[m][i] = values[m][order[i]];
          if (sortedEligible[m] != null) {
            sortedEligible[m][i] = eligible[m][order[i]];
          }
        }
      }
      for (int i = 1; i < n; i++) {
        if (sortedIds[i - 1].equals(sortedIds[i])) {
          throw new IllegalArgumentException("duplicate id in scores: " + sortedIds[i]);
        }
      }
      return new ScoreTable(sortedIds, sortedSourceIds, sortedTokens, List.copyOf(metrics), sortedValues, sortedEligible);
    }
    return new ScoreTable(ids, sourceIds, tokens, List.copyOf(metrics), values, eligible.clone());
  }

  /**
   * This table with the listed metrics negated, so that ranking it highest first ranks those metrics lowest first.
   * The other columns are shared, not copied.
   */
  ScoreTable negated(List<String> lowerFirst) {
    if (lowerFirst.isEmpty()) {
      return this;
    }
    double[][] oriented = values.clone();
    for (String metric : lowerFirst) {
      int m = metricIndex(metric);
      oriented[m] = java.util.Arrays.stream(values[m]).map(value -> -value).toArray();
    }
    return new ScoreTable(ids, sourceIds, tokens, metrics, oriented, eligible);
  }

  public int size() {
    return ids.length;
  }

  public String id(int row) {
    return ids[row];
  }

  /** The record's own id, or null when it has none. */
  public String sourceId(int row) {
    return sourceIds == null ? null : sourceIds[row];
  }

  public int tokens(int row) {
    return tokens[row];
  }

  /** Every row's token count, in row order (shared, not copied). */
  int[] tokenColumn() {
    return tokens;
  }

  public List<String> metrics() {
    return metrics;
  }

  /** The column index of a metric, or an error naming the metrics the table has. */
  public int metricIndex(String metric) {
    int index = metrics.indexOf(metric);
    if (index < 0) {
      throw new IllegalArgumentException("the scores have no metric '" + metric + "' (they have " + metrics + ")");
    }
    return index;
  }

  /** Whether {@code metric} lets a selection take {@code row}. */
  public boolean eligible(int metric, int row) {
    return eligible[metric] == null || eligible[metric][row];
  }

  public double value(int metric, int row) {
    return values[metric][row];
  }

  double[] column(int metric) {
    return values[metric];
  }

  public long totalTokens() {
    long total = 0;
    for (int t : tokens) {
      total += t;
    }
    return total;
  }

  @Override
  public String toString() {
    return "ScoreTable[" + ids.length + " rows, metrics " + metrics + ", first " + Arrays.toString(Arrays.copyOf(ids, Math.min(3, ids.length))) + "]";
  }
}
