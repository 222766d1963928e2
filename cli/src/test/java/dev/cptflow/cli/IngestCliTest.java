package dev.cptflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.lm.tokenizer.BuiltinCorpus;
import dev.cptflow.workflows.api.stage.IngestOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCliTest {
  @TempDir Path dir;

  @Test
  void ingestPrintsTheSummaryAndWritesShards() throws Exception {
    Path tokenizer = BuiltinCorpus.writeDefaultTokenizer(dir.resolve("tok"), 512);
    Files.writeString(dir.resolve("news.jsonl"), "{\"text\": \"rates rise\", \"source\": \"news\"}\n{bad\n"
        + "{\"text\": \"rates rise\", \"source\": \"news\"}\n{\"text\": \"bonds fall\"}\n");
    CliRunner result = CliRunner.run("ingest", "--input", dir + "/*.jsonl", "--tokenizer", tokenizer.getParent().toString(),
        "--out", dir.resolve("out").toString(), "--heldout", "0");

    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().contains("docs read: 3\n"), result.out());
    assertTrue(result.out().contains("docs written: 2 in 1 shards\n"), result.out());
    assertTrue(result.out().contains("duplicates: 1\n"), result.out());
    assertTrue(result.out().contains("  invalid JSON: 1 (first at file:" + dir.resolve("news.jsonl") + ":2)"), result.out());
    assertTrue(result.out().contains("source news: 1 docs"), result.out());
    assertTrue(result.out().contains("wrote " + dir.resolve("out")), result.out());
    assertTrue(Files.exists(dir.resolve("out").resolve(IngestOutput.shardName(0))));
  }

  @Test
  void aMissingInputExitsTwoWithOneLine() throws Exception {
    Path tokenizer = BuiltinCorpus.writeDefaultTokenizer(dir.resolve("tok"), 512);
    CliRunner result = CliRunner.run("ingest", "--input", dir + "/nothing-*.jsonl", "--tokenizer", tokenizer.toString(),
        "--out", dir.resolve("out").toString());

    assertEquals(2, result.exitCode(), result.err());
    assertEquals(1, result.errLines(), result.err());
    assertEquals("cpt: source '" + dir + "/nothing-*.jsonl' matches no files", result.err().strip());
  }

  @Test
  void aCorpusOfOnlyBadRecordsExitsTwoWithOneLineSayingWhatWasSkipped() throws Exception {
    Path tokenizer = BuiltinCorpus.writeDefaultTokenizer(dir.resolve("tok"), 512);
    Files.writeString(dir.resolve("bad.jsonl"), "{broken\n{\"title\": \"no text\"}\n{\"text\": \"  \"}\n");
    Files.write(dir.resolve("empty.jsonl.gz"), new byte[0]);
    CliRunner result = CliRunner.run("ingest", "--input", dir + "/*.jsonl*", "--tokenizer", tokenizer.toString(),
        "--out", dir.resolve("out").toString(), "--heldout", "0");

    assertEquals(2, result.exitCode(), result.err());
    assertEquals(1, result.errLines(), result.err());
    String uri = "file:" + dir.resolve("bad.jsonl");
    assertEquals("cpt: no training documents from [" + dir + "/*.jsonl*] (2 files): 0 good records read, 0 duplicates,"
        + " 0 held out, skipped 1 invalid JSON (first at " + uri + ":1), 1 missing field 'text' (first at " + uri + ":2),"
        + " 1 empty text (first at " + uri + ":3)", result.err().strip());
    assertEquals(false, Files.exists(dir.resolve("out").resolve(IngestOutput.shardName(0))));
  }

  @Test
  void anUnsupportedSchemeExitsTwoNamingIt() throws Exception {
    Path tokenizer = BuiltinCorpus.writeDefaultTokenizer(dir.resolve("tok"), 512);
    CliRunner result = CliRunner.run("ingest", "--input", "ftp://x/y.jsonl", "--tokenizer", tokenizer.toString(),
        "--out", dir.resolve("out").toString());
    assertEquals(2, result.exitCode(), result.err());
    assertEquals(1, result.errLines(), result.err());
    assertTrue(result.err().startsWith("cpt: source 'ftp://x/y.jsonl': unsupported URI scheme 'ftp:'"), result.err());
  }
}
