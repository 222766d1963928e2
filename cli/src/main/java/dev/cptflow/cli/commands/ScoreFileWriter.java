package dev.cptflow.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cptflow.activities.score.ScoreRow;
import dev.cptflow.activities.score.ScoreTables;
import dev.cptflow.activities.store.LocalFiles;
import dev.cptflow.cli.UserError;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Writes {@code cpt score}'s output a shard at a time, so memory holds one shard's rows: {@code id, source_id,
 * tokens, <column>} (and {@code eligible} for a metric whose rows say it) as JSONL or CSV appended as it goes, or
 * Parquet made from the shards' tables at the end. The file appears only when complete.
 */
final class ScoreFileWriter implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path out;
  private final String column;
  private final String extension;
  private final Path temporary;
  private final BufferedWriter text;
  private final List<Path> parts = new ArrayList<>();
  private long rows;
  /** Whether the rows carry eligibility; decided by the first rows written (a metric's rows all do, or none). */
  private Boolean eligibility;

  ScoreFileWriter(Path out, String column) {
    this.out = out;
    this.column = column;
    this.extension = extension(out);
    try {
      Path parent = out.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      this.temporary = extension.equals("parquet") ? Files.createTempDirectory(parent, ".tmp-scores-")
          : Files.createTempFile(parent, ".tmp-", "." + extension);
      this.text = extension.equals("parquet") ? null : Files.newBufferedWriter(temporary);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }

  /** The extension decides the format: {@code .parquet}, {@code .jsonl} or {@code .csv}. */
  static String extension(Path file) {
    String name = file.getFileName().toString();
    for (String extension : List.of("parquet", "jsonl", "csv")) {
      if (name.endsWith("." + extension)) {
        return extension;
      }
    }
    throw new UserError("--out " + file + ": the extension must be .parquet, .jsonl or .csv");
  }

  void append(List<ScoreRow> shardRows) {
    rows += shardRows.size();
    try {
      if (eligibility == null && !shardRows.isEmpty()) {
        eligibility = shardRows.stream().anyMatch(row -> row.eligible() != null);
        if (extension.equals("csv")) {
          text.write("id,source_id,tokens," + column + (eligibility ? "," + ScoreTables.ELIGIBLE : "") + "\n");
        }
      }
      switch (extension) {
        case "parquet" -> {
          Path part = temporary.resolve(String.format("part-%05d.parquet", parts.size()));
          ScoreTables.write(part, column, shardRows);
          parts.add(part);
        }
        case "jsonl" -> {
          for (ScoreRow row : shardRows) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", row.id());
            if (row.sourceId() != null) {
              line.put("source_id", row.sourceId());
            }
            line.put("tokens", row.tokens());
            line.put(column, row.score());
            if (eligibility) {
              line.put(ScoreTables.ELIGIBLE, row.eligible() == null || row.eligible());
            }
            text.write(JSON.writeValueAsString(line));
            text.write('\n');
          }
        }
        default -> {
          for (ScoreRow row : shardRows) {
            text.write(csv(row.id()) + "," + (row.sourceId() == null ? "" : csv(row.sourceId())) + "," + row.tokens() + ","
                + row.score() + (eligibility ? "," + (row.eligible() == null || row.eligible()) : "") + "\n");
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }

  long rows() {
    return rows;
  }

  /** Publishes the file. */
  @Override
  public void close() {
    try {
      if (text != null) {
        if (eligibility == null && extension.equals("csv")) {
          text.write("id,source_id,tokens," + column + "\n");
        }
        text.close();
        Files.move(temporary, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return;
      }
      mergeParts();
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("cannot write " + out + ": " + e.getMessage(), e);
    } finally {
      if (text == null) {
        try {
          LocalFiles.deleteRecursively(temporary);
        } catch (IOException ignored) {
          // A leftover temp directory beside the output is harmless; the output itself is complete.
        }
      }
    }
  }

  /** One Parquet file of the parts in shard order, through a single-threaded DuckDB (same rows, same bytes). */
  private void mergeParts() throws SQLException, IOException {
    Path merged = temporary.resolve("merged.parquet");
    if (parts.isEmpty()) {
      ScoreTables.write(merged, column, List.of());
    } else {
      Properties properties = new Properties();
      properties.setProperty("threads", "1");
      String files = parts.stream().map(part -> "'" + part.toAbsolutePath().toString().replace("'", "''") + "'")
          .collect(Collectors.joining(", ", "[", "]"));
      try (Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
          Statement statement = connection.createStatement()) {
        statement.execute("COPY (SELECT * FROM read_parquet(" + files + ")) TO '"
            + merged.toAbsolutePath().toString().replace("'", "''") + "' (FORMAT PARQUET, COMPRESSION ZSTD)");
      }
    }
    Files.move(merged, out, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String csv(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }
}
