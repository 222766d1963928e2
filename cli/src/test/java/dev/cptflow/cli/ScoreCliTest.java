package dev.cptflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.lm.tokenizer.BuiltinCorpus;
import dev.cptflow.activities.score.ScoreRow;
import dev.cptflow.activities.score.ScoreTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCliTest {
  @TempDir static Path dir;
  static Path corpus;
  static Path tasks;
  static Path tokenizer;

  @BeforeAll
  static void files() throws Exception {
    tokenizer = Files.createDirectories(dir.resolve("tokenizer"));
    BuiltinCorpus.writeDefaultTokenizer(tokenizer, 400);
    corpus = Files.write(dir.resolve("corpus.jsonl"), List.of(
        "{\"text\": \"The bank raised its dividend after quarterly profit rose sharply.\"}",
        "{\"text\": \"Whisk the eggs with sugar, then fold in the flour and bake.\"}",
        "{\"text\": \"buy buy buy buy buy buy buy buy buy buy\"}",
        "not json"));
    tasks = Files.write(dir.resolve("tasks.jsonl"), List.of("{\"text\": \"Quarterly profit and dividend of the bank.\"}"));
  }

  @Test
  void simRanksTheFinanceDocumentAboveTheRecipeAndWritesParquet() {
    Path out = dir.resolve("sim.parquet");
    CliRunner cli = CliRunner.run("score", "--metric", "sim", "--embedder", "builtin:hashed-ngrams", "--input", corpus.toString(),
        "--task", tasks.toString(), "--tokenizer", tokenizer.toString(), "--out", out.toString());
    assertEquals(0, cli.exitCode(), cli.err());
    assertTrue(cli.out().contains("skipped 1 records"), cli.out());
    List<ScoreRow> rows = ScoreTables.read(out, "sim");
    assertEquals(3, rows.size());
    assertTrue(rows.get(0).score() > rows.get(1).score(), "finance " + rows.get(0) + " vs recipe " + rows.get(1));
    assertTrue(rows.get(0).tokens() > 0);
  }

  @Test
  void entWritesCsvWithOneRowPerDocumentAndRepetitionScoresLowest() throws Exception {
    Path out = dir.resolve("ent.csv");
    CliRunner cli = CliRunner.run("score", "--metric", "ent", "--input", corpus.toString(), "--tokenizer", tokenizer.toString(),
        "--out", out.toString());
    assertEquals(0, cli.exitCode(), cli.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals("id,source_id,tokens,ent", lines.get(0));
    assertEquals(4, lines.size());
    double repeated = Double.parseDouble(lines.get(3).split(",")[3]);
    double prose = Double.parseDouble(lines.get(1).split(",")[3]);
    assertTrue(repeated < prose, repeated + " vs " + prose);
  }

  @Test
  void aRecordsOwnIdCarriesThroughAndTheSweepsIngestNormalisesAndDedups() throws Exception {
    // "café" twice, once composed (NFC) and once decomposed: the sweep's ingest sees one document.
    Path input = Files.write(dir.resolve("ids.jsonl"), List.of(
        "{\"id\": \"rep\", \"text\": \"The bank's caf\u00e9 reported higher quarterly profit.\"}",
        "{\"id\": \"dup\", \"text\": \"The bank's cafe\u0301 reported higher quarterly profit.\"}",
        "{\"id\": 17, \"text\": \"Bake the cake for an hour.\"}",
        "{\"text\": \"A record without an id of its own.\"}"));
    Path out = dir.resolve("ids.jsonl.out.jsonl");
    CliRunner cli = CliRunner.run("score", "--metric", "ent", "--input", input.toString(), "--tokenizer", tokenizer.toString(),
        "--out", out.toString());
    assertEquals(0, cli.exitCode(), cli.err());
    assertTrue(cli.out().contains("dropped 1 exact duplicates"), cli.out());
    List<String> lines = Files.readAllLines(out);
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(lines.get(0).contains("\"source_id\":\"rep\""), lines.get(0));
    assertTrue(lines.get(1).contains("\"source_id\":\"17\""), lines.get(1));
    assertTrue(!lines.get(2).contains("source_id"), lines.get(2));
    assertTrue(lines.get(0).matches("\\{\"id\":\"[0-9a-f]{16}\",.*"), "the stable id stays the key: " + lines.get(0));
  }

  @Test
  void missingFlagsAreUsageErrorsNamingTheFlag() {
    CliRunner sim = CliRunner.run("score", "--metric", "sim", "--input", corpus.toString(), "--tokenizer", tokenizer.toString(),
        "--out", dir.resolve("x.jsonl").toString());
    assertEquals(2, sim.exitCode());
    assertTrue(sim.err().contains("--task"), sim.err());
    CliRunner ppl = CliRunner.run("score", "--metric", "ppl", "--input", corpus.toString(), "--out", dir.resolve("y.jsonl").toString());
    assertEquals(2, ppl.exitCode());
    assertTrue(ppl.err().contains("--model"), ppl.err());
    CliRunner badOut = CliRunner.run("score", "--metric", "ent", "--input", corpus.toString(), "--tokenizer", tokenizer.toString(),
        "--out", dir.resolve("z.txt").toString());
    assertEquals(2, badOut.exitCode());
    CliRunner unknown = CliRunner.run("score", "--metric", "sym", "--input", corpus.toString(), "--tokenizer",
        tokenizer.toString(), "--out", dir.resolve("w.jsonl").toString());
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.err().contains("known metrics are sim, ppl, ent"), unknown.err());
  }
}
