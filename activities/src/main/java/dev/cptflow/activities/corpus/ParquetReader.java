package dev.cptflow.activities.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
 *
 * <p>A file that is not valid Parquet (cut short, overwritten, another format) is one bad record at the first row not
 * read, with DuckDB's reason; the rows streamed before the damage are kept. DuckDB reads ahead, so those are the rows
 * of the fetches that completed, not every row before the bad page. A streamed read can also just stop at a bad page,
 * so the rows read are checked against the footer's count. An empty (0-byte) file has no rows.
 */
public final class ParquetReader implements RecordReader {
  private static final int FETCH_SIZE = 2048;
  /** How DuckDB's messages start when a file's bytes are not valid Parquet (cut short, overwritten, not Parquet). */
  private static final String DAMAGED = "Invalid Input Error";

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
    // One thread reads in file order, so which rows of a damaged file came through before the damage is the same on
    // every run; the rows go to one consumer thread anyway.
    properties.setProperty("threads", "1");
    try (InputFile.LocalCopy copy = file.localCopy();
        Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
        Statement query = connection.createStatement()) {
      if (Files.size(copy.path()) == 0) {
        return; // an empty file holds no rows; DuckDB would call it too small to be Parquet
      }
      query.setFetchSize(FETCH_SIZE);
      // The path is inlined as a literal: table-function arguments are bound when the query is planned.
      String path = copy.path().toString().replace("'", "''");
      long rowsRead;
      String damage = null;
      try {
        rowsRead = readRows(file, query, path, records, bad);
      } catch (SQLException e) {
        if (!String.valueOf(e.getMessage()).startsWith(DAMAGED)) {
          throw e;
        }
        rowsRead = e instanceof RowsReadException read ? read.rows : 0;
        damage = firstLine(e).contains("Invalid result set") ? reason(path) : firstLine(e);
      }
      if (damage == null) {
        // A streamed read that meets a bad page may end early without an error: the footer says how many rows there are.
        long rows = rowCount(query, path);
        if (rowsRead < rows) {
          damage = reason(path);
          damage = damage == null ? "only " + rowsRead + " of its " + rows + " rows could be read" : damage;
        }
      }
      if (damage != null) {
        bad.record("unreadable Parquet data (" + damage.replace(copy.path().toString(), file.uri()) + ")",
            file.uri() + ":" + (rowsRead + 1));
      }
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).contains("Binder Error")) {
        throw new IllegalArgumentException(file.uri() + ": no column or struct field '" + textField
            + "' in this Parquet file (" + firstLine(e) + ")", e);
      }
      throw new UncheckedIOException(new IOException(file.uri() + ": cannot read Parquet: " + firstLine(e), e));
    } catch (IOException e) {
      throw new UncheckedIOException(file.uri() + ": " + e.getMessage(), e);
    }
  }

  /** Streams the rows; returns how many were read. A text over the record limit is not fetched, only counted. */
  private long readRows(InputFile file, Statement query, String path, Consumer<SourceRecord> records, BadRecords bad)
      throws SQLException {
    String id = hasColumn(query, path, idField) ? "CAST(" + expression(idField) + " AS VARCHAR)" : "NULL";
    long row = 0;
    try (ResultSet rows = query.executeQuery("SELECT file_row_number, CASE WHEN strlen(cpt_text) <= "
        + RecordReaders.MAX_RECORD_BYTES + " THEN cpt_text END, cpt_text IS NULL, cpt_id FROM (SELECT file_row_number, CAST("
        + textExpression + " AS VARCHAR) AS cpt_text, " + id + " AS cpt_id FROM read_parquet('" + path
        + "', file_row_number = true))")) {
      while (next(rows, row)) {
        row = rows.getLong(1) + 1;
        String text = rows.getString(2);
        String location = file.uri() + ":" + row;
        if (rows.getBoolean(3)) {
          bad.record("missing field '" + textField + "'", location);
        } else if (text == null) {
          bad.record("record longer than " + RecordReaders.MAX_RECORD_BYTES + " bytes", location);
        } else if (text.isBlank()) {
          bad.record("empty text", location);
        } else {
          records.accept(new SourceRecord(file.uri(), row, text, file.uri(), rows.getString(4)));
        }
      }
    }
    return row;
  }

  private static boolean next(ResultSet rows, long read) throws SQLException {
    try {
      return rows.next();
    } catch (SQLException e) {
      throw new RowsReadException(e, read);
    }
  }

  /** A failure after some rows came through: the rows before it are kept. */
  private static final class RowsReadException extends SQLException {
    final long rows;

    RowsReadException(SQLException cause, long rows) {
      super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
      this.rows = rows;
    }
  }

  /**
   * DuckDB's reason the file cannot be read, or null when it reads. A streamed result that breaks says only "Invalid
   * result set", or nothing, so the file is read once more without streaming, which fails with the reason.
   */
  private String reason(String path) {
    try (Connection plain = DriverManager.getConnection("jdbc:duckdb:");
        Statement again = plain.createStatement();
        ResultSet ignored = again.executeQuery("SELECT max(strlen(CAST(" + textExpression + " AS VARCHAR))) FROM read_parquet('"
            + path + "')")) {
      return null;
    } catch (SQLException reason) {
      return firstLine(reason);
    }
  }

  private static long rowCount(Statement query, String path) throws SQLException {
    try (ResultSet count = query.executeQuery("SELECT num_rows FROM parquet_file_metadata('" + path + "')")) {
      count.next();
      return count.getLong(1);
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
