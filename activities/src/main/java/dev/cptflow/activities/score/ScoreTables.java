package dev.cptflow.activities.score;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Score tables: Parquet with columns {@code id, source_id, tokens, <column>} (see
 * {@code dev.cptflow.workflows.api.stage.ScoreOutput}), and {@code eligible} when the metric lets a selection take only
 * some documents (its rows say so), written and read through an in-memory DuckDB. Writes are single-threaded so the
 * same rows give the same bytes.
 */
public final class ScoreTables {
  /** The optional column saying whether a selection may take the row. */
  public static final String ELIGIBLE = "eligible";

  private ScoreTables() {}

  public static void write(Path file, String metric, List<ScoreRow> rows) {
    checkMetric(metric);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".tmp-", ".parquet");
      try (Connection connection = open(); Statement statement = connection.createStatement()) {
        boolean eligibility = rows.stream().anyMatch(row -> row.eligible() != null);
        statement.execute("CREATE TABLE scores (id VARCHAR, source_id VARCHAR, tokens INTEGER, " + metric + " DOUBLE"
            + (eligibility ? ", " + ELIGIBLE + " BOOLEAN" : "") + ")");
        try (DuckDBAppender appender = ((DuckDBConnection) connection).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "scores")) {
          for (ScoreRow row : rows) {
            appender.beginRow();
            appender.append(row.id());
            if (row.sourceId() == null) {
              appender.appendNull();
            } else {
              appender.append(row.sourceId());
            }
            appender.append(row.tokens());
            appender.append(row.score());
            if (eligibility) {
              appender.append(row.eligible() == null || row.eligible());
            }
            appender.endRow();
          }
        }
        statement.execute("COPY scores TO '" + sqlPath(temporary) + "' (FORMAT PARQUET, COMPRESSION ZSTD)");
      }
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("cannot write score table " + file + ": " + e.getMessage(), e);
    }
  }

  public static List<ScoreRow> read(Path file, String metric) {
    checkMetric(metric);
    List<ScoreRow> rows = new ArrayList<>();
    try (Connection connection = open(); Statement statement = connection.createStatement()) {
      boolean eligibility;
      try (ResultSet columns = statement.executeQuery("SELECT count(*) FROM (DESCRIBE SELECT * FROM read_parquet('"
          + sqlPath(file) + "')) WHERE column_name = '" + ELIGIBLE + "'")) {
        columns.next();
        eligibility = columns.getLong(1) > 0;
      }
      try (ResultSet results = statement.executeQuery("SELECT id, source_id, tokens, " + metric
          + (eligibility ? ", " + ELIGIBLE : "") + " FROM read_parquet('" + sqlPath(file) + "')")) {
        while (results.next()) {
          rows.add(new ScoreRow(results.getString(1), results.getString(2), results.getInt(3), results.getDouble(4),
              eligibility ? results.getBoolean(5) : null));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read score table " + file + ": " + e.getMessage(), e);
    }
    return rows;
  }

  /** An in-memory DuckDB with one thread, so output files do not depend on scheduling. */
  static Connection open() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("threads", "1");
    return DriverManager.getConnection("jdbc:duckdb:", properties);
  }

  static String sqlPath(Path file) {
    return file.toAbsolutePath().toString().replace("'", "''");
  }

  /** Metric names become column names in SQL, so only plain identifiers pass. */
  static void checkMetric(String metric) {
    if (!metric.matches("[a-z][a-z0-9_]{0,31}")) {
      throw new IllegalArgumentException("not a metric name: '" + metric + "'");
    }
  }
}
