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
}
