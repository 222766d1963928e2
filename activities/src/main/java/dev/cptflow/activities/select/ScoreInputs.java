package dev.cptflow.activities.select;

import dev.cptflow.activities.score.ScoreTables;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Reads score files (Parquet, JSONL or CSV by extension, columns {@code id, tokens}, one or more metric columns, and
 * optionally {@code source_id}, the records' own ids, and {@code eligible}, whether the file's metrics let a selection
 * take the row)
 * into a {@link ScoreTable}. Files with the same metric columns are parts of one table (rows split across files);
 * files with different metrics are joined on id. An id that lacks a metric, a duplicate id, or token counts that
 * disagree between tables is an {@link IllegalArgumentException} naming it.
 */
public final class ScoreInputs {
  /** The optional column of the records' own ids. */
  public static final String SOURCE_ID = "source_id";

  private ScoreInputs() {}

  public static ScoreTable read(List<Path> files) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no score files given");
    }
    Properties properties = new Properties();
    properties.setProperty("threads", "1");
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
        Statement statement = connection.createStatement()) {
      Map<List<String>, List<String>> groups = new LinkedHashMap<>();
      java.util.Set<List<String>> groupsWithEligibility = new java.util.HashSet<>();
      for (Path file : files) {
        String source = source(file);
        List<String> columns = new ArrayList<>();
        try (ResultSet described = statement.executeQuery("DESCRIBE SELECT * FROM " + source)) {
          while (described.next()) {
            columns.add(described.getString(1));
          }
        }
        if (!columns.contains("id") || !columns.contains("tokens")) {
          throw new IllegalArgumentException("score file " + file + " must have columns id and tokens, has " + columns);
        }
        List<String> metrics = new ArrayList<>(new TreeSet<>(columns));
        metrics.remove("id");
        metrics.remove("tokens");
        boolean hasSourceIds = metrics.remove(SOURCE_ID);
        boolean hasEligibility = metrics.remove(ScoreTables.ELIGIBLE);
        if (metrics.isEmpty()) {
          throw new IllegalArgumentException("score file " + file + " has no metric column (only " + columns + ")");
        }
        for (String metric : metrics) {
          if (!metric.matches("[a-z][a-z0-9_]{0,31}")) {
            throw new IllegalArgumentException("score file " + file + ": not a metric name: '" + metric + "'");
          }
        }
        StringBuilder select = new StringBuilder("SELECT CAST(id AS VARCHAR) AS id, CAST(tokens AS INTEGER) AS tokens, "
            + (hasSourceIds ? "CAST(source_id AS VARCHAR)" : "CAST(NULL AS VARCHAR)") + " AS source_id, "
            + (hasEligibility ? "coalesce(CAST(eligible AS BOOLEAN), TRUE)" : "TRUE") + " AS eligible");
        for (String metric : metrics) {
          select.append(", CAST(\"").append(metric).append("\" AS DOUBLE) AS \"").append(metric).append('"');
        }
        groups.computeIfAbsent(metrics, key -> new ArrayList<>()).add(select + " FROM " + source);
        if (hasEligibility) {
          groupsWithEligibility.add(metrics);
        }
      }
      List<String> allMetrics = new ArrayList<>();
      int g = 0;
      for (Map.Entry<List<String>, List<String>> group : groups.entrySet()) {
        for (String metric : group.getKey()) {
          if (allMetrics.contains(metric)) {
            throw new IllegalArgumentException("metric '" + metric + "' appears in score files with different columns");
          }
          allMetrics.add(metric);
        }
        statement.execute("CREATE TABLE g" + g + " AS " + String.join(" UNION ALL ", group.getValue()));
        try (ResultSet duplicate = statement.executeQuery("SELECT id FROM g" + g + " GROUP BY id HAVING count(*) > 1 ORDER BY id LIMIT 1")) {
          if (duplicate.next()) {
            throw new IllegalArgumentException("duplicate id in score files for " + group.getKey() + ": " + duplicate.getString(1));
          }
        }
        g++;
      }
      int groupCount = g;
      StringBuilder from = new StringBuilder("g0");
      for (int i = 1; i < groupCount; i++) {
        from.append(" FULL OUTER JOIN g").append(i).append(" ON ").append(coalesce(i, "id")).append(" = g").append(i).append(".id");
      }
      StringBuilder query = new StringBuilder("SELECT ").append(coalesce(groupCount, "id")).append(" AS id, ")
          .append(coalesce(groupCount, "source_id")).append(" AS source_id");
      for (int i = 0; i < groupCount; i++) {
        query.append(", g").append(i).append(".tokens");
      }
      for (Map.Entry<List<String>, List<String>> group : groups.entrySet()) {
        int index = new ArrayList<>(groups.keySet()).indexOf(group.getKey());
        for (String metric : group.getKey()) {
          query.append(", g").append(index).append(".\"").append(metric).append('"');
        }
      }
      for (int i = 0; i < groupCount; i++) {
        query.append(", g").append(i).append(".eligible");
      }
      query.append(" FROM ").append(from);
      statement.execute("CREATE TABLE joined AS " + query);
      int n;
      try (ResultSet count = statement.executeQuery("SELECT count(*) FROM joined")) {
        count.next();
        long rows = count.getLong(1);
        if (rows > Integer.MAX_VALUE - 16) {
          throw new IllegalArgumentException("too many score rows: " + rows);
        }
        n = (int) rows;
      }
      String[] ids = new String[n];
      String[] sourceIds = new String[n];
      boolean anySourceId = false;
      int[] tokens = new int[n];
      double[][] values = new double[allMetrics.size()][n];
      List<List<String>> groupMetrics = new ArrayList<>(groups.keySet());
      // Only groups whose files carry eligibility get a mask: a 100M-row table should not pay for masks it lacks.
      boolean[][] groupEligible = new boolean[groupCount][];
      for (int i = 0; i < groupCount; i++) {
        groupEligible[i] = groupsWithEligibility.contains(groupMetrics.get(i)) ? new boolean[n] : null;
      }
      boolean[] anyIneligible = new boolean[groupCount];
      try (ResultSet rows = statement.executeQuery("SELECT * FROM joined ORDER BY id")) {
        int row = 0;
        while (rows.next()) {
          String id = rows.getString(1);
          ids[row] = id;
          sourceIds[row] = rows.getString(2);
          anySourceId |= sourceIds[row] != null;
          Integer first = null;
          for (int i = 0; i < groupCount; i++) {
            int t = rows.getInt(3 + i);
            if (rows.wasNull()) {
              List<String> missing = new ArrayList<>(groups.keySet()).get(i);
              throw new IllegalArgumentException("id " + id + " has no " + String.join("/", missing) + " score (or no tokens)");
            }
            if (first != null && first != t) {
              throw new IllegalArgumentException("id " + id + " has different token counts in different score files: " + first + " vs " + t);
            }
            first = t;
          }
          tokens[row] = first;
          for (int m = 0; m < allMetrics.size(); m++) {
            double value = rows.getDouble(3 + groupCount + m);
            if (rows.wasNull()) {
              throw new IllegalArgumentException("id " + id + " has no " + allMetrics.get(m) + " score");
            }
            values[m][row] = value;
          }
          for (int i = 0; i < groupCount; i++) {
            if (groupEligible[i] != null) {
              groupEligible[i][row] = rows.getBoolean(3 + groupCount + allMetrics.size() + i);
              anyIneligible[i] |= !groupEligible[i][row];
            }
          }
          row++;
        }
      }
      boolean[][] eligible = new boolean[allMetrics.size()][];
      for (int i = 0; i < groupCount; i++) {
        for (String metric : groupMetrics.get(i)) {
          eligible[allMetrics.indexOf(metric)] = anyIneligible[i] ? groupEligible[i] : null;
        }
      }
      return ScoreTable.of(ids, anySourceId ? sourceIds : null, tokens, allMetrics, values, eligible);
    } catch (SQLException e) {
      throw new IllegalArgumentException("cannot read score files " + files + ": " + e.getMessage(), e);
    }
  }

  private static String coalesce(int groups, String column) {
    if (groups == 1) {
      return "g0." + column;
    }
    StringBuilder expression = new StringBuilder("coalesce(");
    for (int i = 0; i < groups; i++) {
      expression.append(i == 0 ? "" : ", ").append("g").append(i).append(".").append(column);
    }
    return expression.append(')').toString();
  }

  private static String source(Path file) {
    String path = "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
    String name = file.getFileName().toString();
    if (name.endsWith(".parquet")) {
      return "read_parquet(" + path + ")";
    }
    if (name.endsWith(".jsonl") || name.endsWith(".json")) {
      return "read_json(" + path + ", format = 'newline_delimited')";
    }
    if (name.endsWith(".csv")) {
      return "read_csv(" + path + ", header = true, all_varchar = true)";
    }
    throw new IllegalArgumentException("score file " + file + ": the extension must be .parquet, .jsonl or .csv");
  }
}
