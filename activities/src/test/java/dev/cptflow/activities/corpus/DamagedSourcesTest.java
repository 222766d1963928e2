package dev.cptflow.activities.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdOutputStream;
import dev.cptflow.workflows.api.stage.BadRecordPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.LongStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Source files as they arrive from the world: cut short, empty, not quite UTF-8 or JSON, too long. */
class DamagedSourcesTest {
  @TempDir Path dir;

  /** {@code lines} JSON records of random words (so the compressed data spans many blocks); text {@code "<n> ..."}. */
  private static byte[] records(int lines) {
    SplittableRandom random = new SplittableRandom(42);
    StringBuilder out = new StringBuilder();
    for (int n = 1; n <= lines; n++) {
      out.append("{\"text\": \"").append(n);
      for (int w = 0; w < 12; w++) {
        out.append(' ').append(Long.toString(random.nextLong() >>> 20, 36));
      }
      out.append("\"}\n");
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] compress(byte[] content, Function<OutputStream, OutputStream> compressor) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = compressor.apply(bytes)) {
      out.write(content);
    }
    return bytes.toByteArray();
  }

  private static OutputStream gzip(OutputStream out) {
    try {
      return new GZIPOutputStream(out);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static OutputStream zstd(OutputStream out) {
    try {
      return new ZstdOutputStream(out);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private record Read(List<SourceRecord> records, SkippedRecords skipped) {}

  private static Read read(RecordReader reader, Path file) {
    List<SourceRecord> records = new ArrayList<>();
    BadRecords bad = new BadRecords(BadRecordPolicy.SKIP);
    reader.read(InputFile.local(file), records::add, bad);
    return new Read(records, bad.snapshot());
  }

  private static String uri(Path file) {
    return "file:" + file.toAbsolutePath();
  }

  @Test
  void aTruncatedGzipOrZstdFileKeepsEveryRecordBeforeTheCutAndCountsTheCutLineNamingTheByte() throws Exception {
    byte[] content = records(20_000);
    for (String extension : List.of("gz", "zst")) {
      byte[] whole = compress(content, extension.equals("gz") ? DamagedSourcesTest::gzip : DamagedSourcesTest::zstd);
      int cut = whole.length * 3 / 4;
      Path file = Files.write(dir.resolve("cut.jsonl." + extension), Arrays.copyOf(whole, cut));

      Read read = read(new JsonlReader("text"), file);

      long kept = read.records().size();
      assertTrue(kept > 1_000 && kept < 20_000, extension + ": kept " + kept);
      assertEquals(LongStream.rangeClosed(1, kept).boxed().toList(), read.records().stream().map(SourceRecord::position).toList(),
          extension + ": every line before the cut, in order");
      assertTrue(read.records().get((int) kept - 1).text().startsWith(kept + " "), "the records are the file's own");
      String reason = "." + extension + " data cut short or corrupt: decompression stopped at byte " + cut + " of " + cut;
      assertEquals(1, read.skipped().total(), extension + ": " + read.skipped().counts());
      String counted = read.skipped().counts().keySet().iterator().next();
      assertTrue(counted.startsWith(reason), counted);
      assertEquals(List.of(uri(file) + ":" + (kept + 1)), read.skipped().firstLocations().get(counted));

      BadRecordException failure = assertThrows(BadRecordException.class, () -> new JsonlReader("text")
          .read(InputFile.local(file), record -> { }, new BadRecords(BadRecordPolicy.FAIL)));
      assertTrue(failure.getMessage().startsWith("bad record at " + uri(file) + ":" + (kept + 1) + ": " + reason),
          failure.getMessage());
      assertEquals(1, failure.getMessage().lines().count());
    }
  }

  @Test
  void aGzipFileCutInsideItsHeaderIsOneBadRecordAtLineOne() throws Exception {
    Path file = Files.write(dir.resolve("header.jsonl.gz"), Arrays.copyOf(compress(records(10), DamagedSourcesTest::gzip), 5));
    Read read = read(new JsonlReader("text"), file);
    assertEquals(List.of(), read.records());
    String counted = read.skipped().counts().keySet().iterator().next();
    assertTrue(counted.startsWith(".gz data cut short or corrupt: decompression stopped at byte 5 of 5"), counted);
    assertEquals(List.of(uri(file) + ":1"), read.skipped().firstLocations().get(counted));
  }

  @Test
  void aTruncatedCompressedTextFileIsOneBadDocument() throws Exception {
    byte[] whole = compress(records(2_000), DamagedSourcesTest::gzip);
    Path file = Files.write(dir.resolve("notes.txt.gz"), Arrays.copyOf(whole, whole.length / 2));
    Read read = read(new TextFilesReader(), file);
    assertEquals(List.of(), read.records());
    String counted = read.skipped().counts().keySet().iterator().next();
    assertTrue(counted.startsWith(".gz data cut short or corrupt"), counted);
    assertEquals(List.of(uri(file) + ":1"), read.skipped().firstLocations().get(counted));

    Read lines = read(new TextLinesReader(), file);
    assertTrue(lines.records().size() > 100, "the lines before the cut are documents too");
    assertEquals(1, lines.skipped().total());
  }

  @Test
  void emptyFilesOfEveryKindHoldNoRecordsAndNoErrors() throws Exception {
    for (String name : List.of("empty.jsonl", "empty.jsonl.gz", "empty.jsonl.zst", "empty.txt", "empty.parquet")) {
      Path file = Files.write(dir.resolve(name), new byte[0]);
      Read read = read(RecordReaders.forFile(dev.cptflow.workflows.api.stage.SourceFormat.AUTO, InputFile.local(file), "text", "id"),
          file);
      assertEquals(List.of(), read.records(), name);
      assertEquals(0, read.skipped().total(), name);
    }
    for (String name : List.of("empty-stream.jsonl.gz", "empty-stream.jsonl.zst")) {
      Path file = Files.write(dir.resolve(name), compress(new byte[0], name.endsWith("gz") ? DamagedSourcesTest::gzip : DamagedSourcesTest::zstd));
      Read read = read(new JsonlReader("text"), file);
      assertEquals(List.of(), read.records(), name);
      assertEquals(0, read.skipped().total(), name);
    }
  }

  @Test
  void everyKindOfInvalidUtf8IsABadRecordAtItsOwnLineAndTheLinesAroundItAreKept() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[][] invalid = {
        {(byte) 0xFF},                               // never valid in UTF-8
        {(byte) 0xC3},                               // a lead byte without its continuation
        {(byte) 0xC0, (byte) 0xAF},                  // overlong '/'
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80},     // a surrogate encoded as UTF-8 (CESU-8)
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
        {(byte) 0x80},                               // a continuation byte alone
    };
    for (int i = 0; i < invalid.length; i++) {
      bytes.write(("{\"text\": \"good " + i + "\"}\n").getBytes(StandardCharsets.UTF_8));
      bytes.write("{\"text\": \"bad ".getBytes(StandardCharsets.UTF_8));
      bytes.write(invalid[i]);
      bytes.write("\"}\n".getBytes(StandardCharsets.UTF_8));
    }
    Path file = Files.write(dir.resolve("utf8.jsonl"), bytes.toByteArray());
    BadRecords bad = new BadRecords(BadRecordPolicy.SKIP);
    List<SourceRecord> records = new ArrayList<>();
    new JsonlReader("text").read(InputFile.local(file), records::add, bad);

    assertEquals(List.of(1L, 3L, 5L, 7L, 9L, 11L), records.stream().map(SourceRecord::position).toList());
    assertEquals(Map.of("invalid UTF-8", 6L), bad.snapshot().counts());
    assertEquals(List.of(2, 4, 6, 8, 10).stream().map(line -> uri(file) + ":" + line).toList(),
        bad.snapshot().firstLocations().get("invalid UTF-8"), "the first five, by line");
  }

  @Test
  void aJsonEscapeOfHalfASurrogatePairIsABadRecordWhileAWholePairIsText() throws Exception {
    Path file = Files.writeString(dir.resolve("escapes.jsonl"), String.join("\n",
        "{\"text\": \"lone \\ud83d here\"}",
        "{\"text\": \"pair \\ud83d\\ude00 here\"}",
        "{\"text\": \"fine\", \"source\": \"\\udc00\"}",
        "{\"text\": \"fine\", \"id\": \"x\\ud800\"}"));
    Read read = read(new JsonlReader("text", "id"), file);
    assertEquals(List.of("pair \ud83d\ude00 here"), read.records().stream().map(SourceRecord::text).toList());
    assertEquals(Map.of("unpaired surrogate escape (not Unicode text)", 3L), read.skipped().counts());
  }

  @Test
  void aLineMustHoldExactlyOneJsonValueAndMayStartWithAByteOrderMark() throws Exception {
    Path file = Files.writeString(dir.resolve("glued.jsonl"), String.join("\n",
        "\ufeff{\"text\": \"after a BOM\"}",
        "{\"text\": \"first\"}{\"text\": \"second, glued on\"}",
        "{\"text\": \"trailing\"} junk",
        "{\"text\": \"last\"}   "));
    Read read = read(new JsonlReader("text"), file);
    assertEquals(List.of("after a BOM", "last"), read.records().stream().map(SourceRecord::text).toList());
    assertEquals(Map.of("invalid JSON", 2L), read.skipped().counts());
    assertEquals(List.of(uri(file) + ":2", uri(file) + ":3"), read.skipped().firstLocations().get("invalid JSON"));
  }

  @Test
  void aLineOverTheRecordLimitIsCountedWithoutBeingHeldAndReadingGoesOn() throws Exception {
    String longText = "x".repeat(5_000);
    Path file = Files.writeString(dir.resolve("long.jsonl"), String.join("\n",
        "{\"text\": \"short\"}", "{\"text\": \"" + longText + "\"}", "{\"text\": \"after\"}", "{\"text\": \"" + longText + "\"}"));
    Read read = read(new JsonlReader("text", null, 1_000), file);
    assertEquals(List.of("short", "after"), read.records().stream().map(SourceRecord::text).toList());
    assertEquals(Map.of("record longer than 1000 bytes", 2L), read.skipped().counts());
    assertEquals(List.of(uri(file) + ":2", uri(file) + ":4"), read.skipped().firstLocations().get("record longer than 1000 bytes"));

    Read whole = read(new JsonlReader("text", null, 5_100), file);
    assertEquals(4, whole.records().size(), "a line up to the limit is read whole");
  }

  @Test
  void aJsonStringLongerThanJacksonsDefaultCapIsStillText() throws Exception {
    // Jackson refuses strings over 20M chars unless told otherwise; the record limit is 64 MiB.
    String text = "y".repeat(21_000_000);
    Path file = Files.writeString(dir.resolve("big.jsonl"), "{\"text\": \"" + text + "\"}\n");
    Read read = read(new JsonlReader("text"), file);
    assertEquals(0, read.skipped().total(), read.skipped().counts().toString());
    assertEquals(text.length(), read.records().get(0).text().length());
  }
}
