package dev.cptflow.activities.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.workflows.api.stage.BadRecordPolicy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetReaderTest {
  @TempDir Path dir;

  /** Rows: 1 good, 2 null text, 3 blank text, 4 good. */
  static Path fixture(Path dir) throws Exception {
    Path file = dir.resolve("docs.parquet");
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = connection.createStatement()) {
      sql.execute("COPY (SELECT * FROM (VALUES "
          + "(1, 'alpha body', {'title': 't1', 'body': 'nested alpha'}), "
          + "(2, NULL, {'title': 't2', 'body': NULL}), "
          + "(3, '  ', {'title': 't3', 'body': 'nested gamma'}), "
          + "(4, 'delta body', {'title': 't4', 'body': 'nested delta'})) AS t(n, body, meta) ORDER BY n) "
          + "TO '" + file + "' (FORMAT PARQUET)");
    }
    return file;
  }

  @Test
  void aTopLevelColumnStreamsInRowOrderAndNullAndBlankTextsAreCountedWithTheirRows() throws Exception {
    Path file = fixture(dir);
    String uri = "file:" + file.toAbsolutePath();
    List<SourceRecord> records = new ArrayList<>();
    BadRecords bad = new BadRecords(BadRecordPolicy.SKIP);
    new ParquetReader("body").read(InputFile.local(file), records::add, bad);

    assertEquals(List.of(new SourceRecord(uri, 1, "alpha body", uri), new SourceRecord(uri, 4, "delta body", uri)), records);
    assertEquals(Map.of("missing field 'body'", 1L, "empty text", 1L), bad.snapshot().counts());
    assertEquals(List.of(uri + ":2"), bad.snapshot().firstLocations().get("missing field 'body'"));
    assertEquals(List.of(uri + ":3"), bad.snapshot().firstLocations().get("empty text"));
  }

  @Test
  void aDottedFieldReadsInsideAStructColumn() throws Exception {
    Path file = fixture(dir);
    List<String> texts = new ArrayList<>();
    BadRecords bad = new BadRecords(BadRecordPolicy.SKIP);
    new ParquetReader("meta.body").read(InputFile.local(file), record -> texts.add(record.text()), bad);
    assertEquals(List.of("nested alpha", "nested gamma", "nested delta"), texts);
    assertEquals(Map.of("missing field 'meta.body'", 1L), bad.snapshot().counts());
  }

  @Test
  void aMissingColumnIsOneErrorNamingTheFileAndTheField() throws Exception {
    Path file = fixture(dir);
    IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
        () -> new ParquetReader("content").read(InputFile.local(file), record -> { }, new BadRecords(BadRecordPolicy.SKIP)));
    assertTrue(failure.getMessage().startsWith("file:" + file.toAbsolutePath() + ": no column or struct field 'content'"),
        failure.getMessage());
    assertEquals(1, failure.getMessage().lines().count());
  }
}
