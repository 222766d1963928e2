package dev.cptflow.activities.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Parquet, read through in-memory DuckDB. The text field is a column or a dotted path into struct
 * columns ({@code meta.body}). Rows stream: DuckDB's JDBC driver materialises whole results unless
 * {@code jdbc_stream_results} is on, so it is, and the fetch size bounds each round trip.
 */
public final class ParquetReader implements RecordReader {
  private static final int FETCH_SIZE = 2048;

  private final String textField;
  private final String textExpression;
  private final String idField;

  /** Reads no record ids. */
  public ParquetReader(String textField) {
    this(textField, null);
  }

  /** @param idField the column (or dotted struct path) of the record's own id, or null; used when the file has it */
  public ParquetReader(String textField, String idField) {
    this.textField = textField;
    this.textExpression = expression(textField);
    this.idField = idField;
  }

  /** {@code a.b.c} → {@code struct_extract(struct_extract("a", 'b'), 'c')}: quoted, so any name is safe. */
  private static String expression(String dottedPath) {
    String[] parts = dottedPath.split("\\.");
    String expression = '"' + parts[0].replace("\"", "\"\"") + '"';
    for (int i = 1; i < parts.length; i++) {
      expression = "struct_extract(" + expression + ", '" + parts[i].replace("'", "''") + "')";
    }
    return expression;
  }

  @Override
  public void read(InputFile file, Consumer<SourceRecord> records, BadRecords bad) {
    Properties properties = new Properties();
    properties.setProperty("jdbc_stream_results", "true");
    try (InputFile.LocalCopy copy = file.localCopy();
        Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
        Statement query = connection.createStatement()) {
      query.setFetchSize(FETCH_SIZE);
      // The path is inlined as a literal: table-function arguments are bound when the query is planned.
      String path = copy.path().toString().replace("'", "''");
      String id = hasColumn(query, path, idField) ? "CAST(" + expression(idField) + " AS VARCHAR)" : "NULL";
      try (ResultSet rows = query.executeQuery("SELECT file_row_number, CAST(" + textExpression
          + " AS VARCHAR), " + id + " FROM read_parquet('" + path + "', file_row_number = true)")) {
        while (rows.next()) {
          long row = rows.getLong(1) + 1;
          String text = rows.getString(2);
          if (text == null) {
            bad.record("missing field '" + textField + "'", file.uri() + ":" + row);
          } else if (text.isBlank()) {
            bad.record("empty text", file.uri() + ":" + row);
          } else {
            records.accept(new SourceRecord(file.uri(), row, text, file.uri(), rows.getString(3)));
          }
        }
      }
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).contains("Binder Error")) {
        throw new IllegalArgumentException(file.uri() + ": no column or struct field '" + textField
            + "' in this Parquet file (" + firstLine(e) + ")", e);
      }
      throw new UncheckedIOException(new IOException(file.uri() + ": cannot read Parquet: " + firstLine(e), e));
    }
  }

  /** Whether the file has the top-level column a dotted path starts with (an id is optional; a text is not). */
  private static boolean hasColumn(Statement query, String path, String dottedPath) throws SQLException {
    if (dottedPath == null) {
      return false;
    }
    String root = dottedPath.split("\\.")[0];
    try (ResultSet columns = query.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + path + "')")) {
      while (columns.next()) {
        if (columns.getString(1).equals(root)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String firstLine(SQLException e) {
    return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
  }
}
