package dev.cptflow.activities.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.cptflow.activities.corpus.Document;
import dev.cptflow.activities.corpus.ShardWriter;
import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.NeoXConfig;
import dev.cptflow.activities.lm.tokenizer.BuiltinCorpus;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.activities.store.LocalStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardScoringTest {
  @TempDir static Path dir;
  static Path shard;
  static Path tokenizerDir;

  @BeforeAll
  static void shardOfFortyDocuments() throws Exception {
    tokenizerDir = Files.createDirectories(dir.resolve("tokenizer"));
    BuiltinCorpus.writeDefaultTokenizer(tokenizerDir, 400);
    shard = dir.resolve("docs-00000.jsonl.zst");
    try (ShardWriter writer = new ShardWriter(shard)) {
      for (int i = 0; i < 40; i++) {
        writer.write(new Document("doc" + i, "The bank reported quarter " + i + " profit of " + (i * 7) + " million.", 12, "test"));
      }
    }
  }

  static PplScorer scorer() {
    LmTokenizer tokenizer = LmTokenizer.load(tokenizerDir);
    NeoXConfig config = NeoXConfig.preset("tiny", tokenizer.vocabSize());
    Map<String, float[]> weights = GptNeoX.randomWeights(config, 3, 0.2);
    return new PplScorer(GptNeoX.fromWeights(config, weights::get, Device.cpu()), tokenizer, 64, 4096);
  }

  @Test
  void resumingAfterACrashGivesTheSameTableAsAnUninterruptedRun() throws Exception {
    Path whole = dir.resolve("whole.parquet");
    Path resumed = dir.resolve("resumed.parquet");
    try (PplScorer scorer = scorer(); LocalStore store = new LocalStore(dir.resolve("parts"))) {
      ScoreParts straightParts = new StoreScoreParts(store, "straight");
      ShardScoring.Result straight = ShardScoring.score(shard, scorer, straightParts, 8, (scored, persisted) -> {});
      assertEquals(0, straight.resumedFrom());
      ScoreTables.write(whole, "ppl", straight.rows());

      ScoreParts crashingParts = new StoreScoreParts(store, "crash");
      RuntimeException crash = assertThrows(RuntimeException.class, () -> ShardScoring.score(shard, scorer, crashingParts, 8,
          (scored, persisted) -> {
            if (persisted >= 16) {
              throw new RuntimeException("worker killed");
            }
          }));
      assertEquals("worker killed", crash.getMessage());
      ShardScoring.Result retry = ShardScoring.score(shard, scorer, crashingParts, 8, (scored, persisted) -> {});
      assertTrue(retry.resumedFrom() >= 16, "resumed from " + retry.resumedFrom());
      ScoreTables.write(resumed, "ppl", retry.rows());
    }
    assertEquals(40, ScoreTables.read(whole, "ppl").size());
    assertEquals(ScoreTables.read(whole, "ppl"), ScoreTables.read(resumed, "ppl"));
    assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(resumed));
  }

  @Test
  void theSummaryHoldsTheDistributionOfEveryTable() {
    Path first = dir.resolve("a.parquet");
    Path second = dir.resolve("b.parquet");
    ScoreTables.write(first, "ent", List.of(new ScoreRow("a", 10, 1.0), new ScoreRow("b", 20, 2.0)));
    ScoreTables.write(second, "ent", List.of(new ScoreRow("c", 30, 3.0), new ScoreRow("d", 40, 4.0), new ScoreRow("e", 50, 5.0)));
    MetricSummary summary = MetricSummary.of("ent", List.of(first, second));
    assertEquals(5, summary.docs());
    assertEquals(150, summary.tokens());
    assertEquals(1.0, summary.min());
    assertEquals(5.0, summary.max());
    assertEquals(3.0, summary.mean(), 1e-12);
    assertEquals(3.0, summary.p50(), 1e-12);
    assertEquals(1.04, summary.p01(), 1e-9);
    assertEquals(4.6, summary.p90(), 1e-9);
  }
}
