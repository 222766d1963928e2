package dev.cptflow.activities.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.workflows.api.stage.BadRecordPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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

  /** 100,000 rows in row groups of 10,000; row n's text is {@code "row n ..."}. */
  private static Path large(Path dir) throws Exception {
    Path file = dir.resolve("large.parquet");
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = connection.createStatement()) {
      sql.execute("COPY (SELECT 'row ' || (i + 1) || ' ' || md5(i::VARCHAR) || md5((i * 7)::VARCHAR) AS body "
          + "FROM range(100000) t(i)) TO '" + file + "' (FORMAT PARQUET, ROW_GROUP_SIZE 10000)");
    }
    return file;
  }

  @Test
  void aFileThatIsNotParquetIsOneBadRecordNamingTheFileAndDuckDbsReason() throws Exception {
    byte[] parquet = Files.readAllBytes(large(dir));
    Path junk = Files.writeString(dir.resolve("junk.parquet"), "this is not a Parquet file\n");
    Path cut = Files.write(dir.resolve("cut.parquet"), Arrays.copyOf(parquet, parquet.length / 2));
    for (Path file : List.of(junk, cut)) {
      String uri = "file:" + file.toAbsolutePath();
      List<SourceRecord> records = new ArrayList<>();
      BadRecords bad = new BadRecords(BadRecordPolicy.SKIP);
      new ParquetReader("body").read(InputFile.local(file), records::add, bad);
      assertEquals(List.of(), records);
      String reason = "unreadable Parquet data (Invalid Input Error: No magic bytes found at end of file '" + uri + "')";
      assertEquals(Map.of(reason, 1L), bad.snapshot().counts());
      assertEquals(List.of(uri + ":1"), bad.snapshot().firstLocations().get(reason));

      BadRecordException failure = assertThrows(BadRecordException.class, () -> new ParquetReader("body")
          .read(InputFile.local(file), record -> { }, new BadRecords(BadRecordPolicy.FAIL)));
      assertEquals("bad record at " + uri + ":1: " + reason + " (on_bad_record=fail)", failure.getMessage());
    }
  }

  @Test
  void damageInsideTheFileKeepsTheRowsReadBeforeItTheSameOnEveryRun() throws Exception {
    byte[] parquet = Files.readAllBytes(large(dir));
    SplittableRandom random = new SplittableRandom(3);
    for (int i = parquet.length * 4 / 5; i < parquet.length * 4 / 5 + 64; i++) {
      parquet[i] = (byte) random.nextInt(256);
    }
    Path file = Files.write(dir.resolve("damaged.parquet"), parquet);
    String uri = "file:" + file.toAbsolutePath();
    List<Long> firstRun = null;
    for (int run = 0; run < 2; run++) {
      List<SourceRecord> records = new ArrayList<>();
      BadRecords bad = new BadRecords(BadRecordPolicy.SKIP);
      new ParquetReader("body").read(InputFile.local(file), records::add, bad);
      int kept = records.size();
      assertTrue(kept > 0 && kept < 100_000, "kept " + kept);
      for (int row = 0; row < kept; row++) {
        assertEquals(row + 1, records.get(row).position());
        assertTrue(records.get(row).text().startsWith("row " + (row + 1) + " "), records.get(row).text());
      }
      assertEquals(1, bad.snapshot().total(), bad.snapshot().counts().toString());
      String reason = bad.snapshot().counts().keySet().iterator().next();
      assertTrue(reason.startsWith("unreadable Parquet data (Invalid Input Error: "), reason);
      assertFalse(reason.contains("Invalid result set"), "DuckDB's own reason, not the streaming wrapper's: " + reason);
      assertEquals(List.of(uri + ":" + (kept + 1)), bad.snapshot().firstLocations().get(reason));
      List<Long> positions = records.stream().map(SourceRecord::position).toList();
      if (firstRun != null) {
        assertEquals(firstRun, positions, "the same rows on every run");
      }
      firstRun = positions;
    }
  }
}
