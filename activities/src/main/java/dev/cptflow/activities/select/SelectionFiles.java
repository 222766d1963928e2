package dev.cptflow.activities.select;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes a selection in rank order: {@code id VARCHAR, source_id VARCHAR, tokens INTEGER, weight DOUBLE, rank BIGINT}
 * as Parquet (single-threaded DuckDB, so the same selection gives the same bytes), or as {@code .jsonl} /
 * {@code .csv}. {@code source_id} is the record's own id, so a selection joins back to the user's data.
 */
public final class SelectionFiles {
  private SelectionFiles() {}

  public static void write(Path file, Selector.Selection selection) {
    String name = file.getFileName().toString();
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temporary = Files.createTempFile(parent, ".tmp-", ".part");
      try {
        if (name.endsWith(".parquet")) {
          parquet(temporary, selection);
        } else if (name.endsWith(".jsonl")) {
          ObjectMapper json = new ObjectMapper();
          try (BufferedWriter writer = Files.newBufferedWriter(temporary)) {
            for (int r = 0; r < selection.size(); r++) {
              Map<String, Object> row = new LinkedHashMap<>();
              row.put("id", selection.id(r));
              if (selection.sourceId(r) != null) {
                row.put("source_id", selection.sourceId(r));
              }
              row.put("tokens", selection.tokens(r));
              row.put("weight", selection.weight(r));
              row.put("rank", (long) r);
              writer.write(json.writeValueAsString(row));
              writer.write('\n');
            }
          }
        } else if (name.endsWith(".csv")) {
          try (BufferedWriter writer = Files.newBufferedWriter(temporary)) {
            writer.write("id,source_id,tokens,weight,rank\n");
            for (int r = 0; r < selection.size(); r++) {
              String sourceId = selection.sourceId(r) == null ? "" : csv(selection.sourceId(r));
              writer.write(csv(selection.id(r)) + "," + sourceId + "," + selection.tokens(r) + "," + selection.weight(r) + "," + r
                  + "\n");
            }
          }
        } else {
          throw new IllegalArgumentException("selection file " + file + ": the extension must be .parquet, .jsonl or .csv");
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("cannot write selection " + file + ": " + e.getMessage(), e);
    }
  }

  /** The summary JSON beside a selection: docs, tokens, budget, metrics, sampling, seed, means. */
  public static void writeSummary(Path file, Selector.SelectionSummary summary) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), summary);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write selection summary " + file + ": " + e.getMessage(), e);
    }
  }

  /** {@code out.parquet} → {@code out.summary.json}. */
  public static Path summaryPath(Path selectionFile) {
    String name = selectionFile.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return selectionFile.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".summary.json");
  }

  /** The ids of a selection Parquet file, for packing: a set, since packing streams the shards in their own order. */
  public static Set<String> readIds(Path file) {
    Properties properties = new Properties();
    properties.setProperty("threads", "1");
    Set<String> ids = new HashSet<>();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id FROM read_parquet('"
            + file.toAbsolutePath().toString().replace("'", "''") + "')")) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalArgumentException("cannot read selection " + file + ": " + e.getMessage(), e);
    }
    return ids;
  }

  private static void parquet(Path file, Selector.Selection selection) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("threads", "1");
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE selection (id VARCHAR, source_id VARCHAR, tokens INTEGER, weight DOUBLE, rank BIGINT)");
      try (DuckDBAppender appender = ((DuckDBConnection) connection).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "selection")) {
        for (int r = 0; r < selection.size(); r++) {
          appender.beginRow();
          appender.append(selection.id(r));
          if (selection.sourceId(r) == null) {
            appender.appendNull();
          } else {
            appender.append(selection.sourceId(r));
          }
          appender.append(selection.tokens(r));
          appender.append(selection.weight(r));
          appender.append((long) r);
          appender.endRow();
        }
      }
      statement.execute("COPY selection TO '" + file.toAbsolutePath().toString().replace("'", "''")
          + "' (FORMAT PARQUET, COMPRESSION ZSTD)");
    }
  }

  private static String csv(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }
}
