package dev.cptflow.activities.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.luben.zstd.ZstdOutputStream;
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

class JsonlTextsTest {
  @TempDir Path dir;

  @Test
  void everyBadLineIsCountedByReasonAndEveryGoodLineComesThrough() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write("{\"doc\": {\"text\": \"first\"}}\n".getBytes(StandardCharsets.UTF_8));
    bytes.write("{broken\n".getBytes(StandardCharsets.UTF_8));
    bytes.write("{\"doc\": {\"title\": \"no text\"}}\n".getBytes(StandardCharsets.UTF_8));
    bytes.write(new byte[] {'{', '"', 'd', 'o', 'c', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
    bytes.write("{\"doc\": {\"text\": \"   \"}}\n".getBytes(StandardCharsets.UTF_8));
    bytes.write("\n".getBytes(StandardCharsets.UTF_8));
    bytes.write("{\"doc\": {\"text\": \"caf\u00e9 second\"}}\n".getBytes(StandardCharsets.UTF_8));
    bytes.write("{broken again\n".getBytes(StandardCharsets.UTF_8));
    bytes.write("{\"doc\": {\"text\": \"last, no newline\"}}".getBytes(StandardCharsets.UTF_8));
    for (Path file : List.of(write("plain.jsonl", bytes.toByteArray()), gzip(bytes.toByteArray()), zstd(bytes.toByteArray()))) {
      List<String> texts = new ArrayList<>();
      JsonlTexts.Skipped skipped = JsonlTexts.read(file, "doc.text", texts::add);
      assertEquals(List.of("first", "caf\u00e9 second", "last, no newline"), texts, file.toString());
      assertEquals(Map.of("invalid JSON", 2L, "missing field 'doc.text'", 1L, "invalid UTF-8", 1L, "empty text", 1L),
          skipped.counts(), file.toString());
      assertEquals(List.of(file + ":2", file + ":8"), skipped.firstLocations().get("invalid JSON"));
      assertEquals(List.of(file + ":4"), skipped.firstLocations().get("invalid UTF-8"));
    }
  }

  private Path write(String name, byte[] content) throws Exception {
    return Files.write(dir.resolve(name), content);
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
