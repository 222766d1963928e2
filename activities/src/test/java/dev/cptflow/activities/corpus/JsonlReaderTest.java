package dev.cptflow.activities.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.luben.zstd.ZstdOutputStream;
import dev.cptflow.workflows.api.stage.BadRecordPolicy;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlReaderTest {
  @TempDir Path dir;

  private static byte[] plantedBadLines() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write("{\"doc\": {\"text\": \"first\"}, \"source\": \"news\"}\n".getBytes(StandardCharsets.UTF_8));
    bytes.write("{broken\n".getBytes(StandardCharsets.UTF_8));
    bytes.write("{\"doc\": {\"title\": \"no text\"}}\n".getBytes(StandardCharsets.UTF_8));
    bytes.write(new byte[] {'{', '"', 'd', 'o', 'c', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
    bytes.write("{\"doc\": {\"text\": \"   \"}}\n".getBytes(StandardCharsets.UTF_8));
    bytes.write("\n   \n".getBytes(StandardCharsets.UTF_8));
    bytes.write("{\"doc\": {\"text\": \"caf\u00e9 second\"}}\n".getBytes(StandardCharsets.UTF_8));
    bytes.write("{broken again\n".getBytes(StandardCharsets.UTF_8));
    bytes.write("{\"doc\": {\"text\": \"last, no newline\"}}".getBytes(StandardCharsets.UTF_8));
    return bytes.toByteArray();
  }

  @Test
  void everyBadLineIsCountedByReasonWithItsLocationsAndEveryGoodLineComesThroughInOrder() throws Exception {
    byte[] content = plantedBadLines();
    for (Path file : List.of(Files.write(dir.resolve("plain.jsonl"), content), gzip(content), zstd(content))) {
      String uri = "file:" + file.toAbsolutePath();
      List<SourceRecord> records = new ArrayList<>();
      BadRecords bad = new BadRecords(BadRecordPolicy.SKIP);
      new JsonlReader("doc.text").read(InputFile.local(file), records::add, bad);

      assertEquals(List.of("first", "caf\u00e9 second", "last, no newline"), records.stream().map(SourceRecord::text).toList());
      assertEquals(List.of(1L, 8L, 10L), records.stream().map(SourceRecord::position).toList(), "blank lines keep their numbers");
      assertEquals(List.of("news", uri, uri), records.stream().map(SourceRecord::sourceLabel).toList());
      SkippedRecords skipped = bad.snapshot();
      assertEquals(Map.of("invalid JSON", 2L, "missing field 'doc.text'", 1L, "invalid UTF-8", 1L, "empty text", 1L),
          skipped.counts(), file.toString());
      assertEquals(List.of(uri + ":2", uri + ":9"), skipped.firstLocations().get("invalid JSON"));
      assertEquals(List.of(uri + ":3"), skipped.firstLocations().get("missing field 'doc.text'"));
      assertEquals(List.of(uri + ":4"), skipped.firstLocations().get("invalid UTF-8"));
      assertEquals(List.of(uri + ":5"), skipped.firstLocations().get("empty text"));
    }
  }

  @Test
  void onlyTheFirstFiveLocationsOfAReasonAreKeptButAllAreCounted() throws Exception {
    Path file = Files.writeString(dir.resolve("many.jsonl"), "{bad\n".repeat(8) + "{\"text\": \"ok\"}\n");
    BadRecords bad = new BadRecords(BadRecordPolicy.SKIP);
    new JsonlReader("text").read(InputFile.local(file), record -> { }, bad);
    assertEquals(8L, bad.snapshot().counts().get("invalid JSON"));
    assertEquals(5, bad.snapshot().firstLocations().get("invalid JSON").size());
  }

  @Test
  void underFailTheFirstBadRecordStopsWithOneLineNamingFileLineAndReason() throws Exception {
    Path file = Files.write(dir.resolve("bad.jsonl"), plantedBadLines());
    BadRecordException failure = assertThrows(BadRecordException.class,
        () -> new JsonlReader("doc.text").read(InputFile.local(file), record -> { }, new BadRecords(BadRecordPolicy.FAIL)));
    assertEquals("bad record at file:" + file.toAbsolutePath() + ":2: invalid JSON (on_bad_record=fail)", failure.getMessage());
  }

  private Path gzip(byte[] content) throws Exception {
    Path file = dir.resolve("data.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content);
    }
    return file;
  }

  private Path zstd(byte[] content) throws Exception {
    Path file = dir.resolve("data.jsonl.zst");
    try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(file))) {
      out.write(content);
    }
    return file;
  }
}
