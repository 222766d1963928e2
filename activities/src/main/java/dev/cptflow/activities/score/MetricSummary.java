package dev.cptflow.activities.score;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A metric's distribution over a whole corpus: documents, tokens, min, max, mean and the
 * 1/10/50/90/99th percentiles, computed by DuckDB over all shard tables at once.
 */
public record MetricSummary(String metric, long docs, long tokens, double min, double max, double mean,
    double p01, double p10, double p50, double p90, double p99) {

  public static MetricSummary of(String metric, List<Path> tables) {
    ScoreTables.checkMetric(metric);
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("no score tables for " + metric);
    }
    String files = tables.stream().map(file -> "'" + ScoreTables.sqlPath(file) + "'").collect(Collectors.joining(", ", "[", "]"));
    String query = "SELECT count(*), sum(tokens), min(m), max(m), avg(m), "
        + "quantile_cont(m, 0.01), quantile_cont(m, 0.10), quantile_cont(m, 0.50), quantile_cont(m, 0.90), quantile_cont(m, 0.99) "
        + "FROM (SELECT tokens, " + metric + " AS m FROM read_parquet(" + files + "))";
    try (Connection connection = ScoreTables.open(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(query)) {
      row.next();
      return new MetricSummary(metric, row.getLong(1), row.getLong(2), row.getDouble(3), row.getDouble(4), row.getDouble(5),
          row.getDouble(6), row.getDouble(7), row.getDouble(8), row.getDouble(9), row.getDouble(10));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot summarise " + metric + ": " + e.getMessage(), e);
    }
  }

  /** As stage-result counters. */
  public Map<String, Double> counters() {
    Map<String, Double> counters = new LinkedHashMap<>();
    counters.put("docs", (double) docs);
    counters.put("tokens", (double) tokens);
    counters.put("min", min);
    counters.put("max", max);
    counters.put("mean", mean);
    counters.put("p01", p01);
    counters.put("p10", p10);
    counters.put("p50", p50);
    counters.put("p90", p90);
    counters.put("p99", p99);
    return counters;
  }
}
