package dev.cptflow.activities.lm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.activities.lm.NeoXConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
  static final NeoXConfig CONFIG = new NeoXConfig(64, 32, 2, 4, 64, 0.5, 10000, 1e-5, true, 128, 0, 0);

  @TempDir Path dir;

  @Test
  void aTwoLayerModelOverfitsEightFixedBlocks() throws Exception {
    BlockFile blocks = randomBlocks(dir.resolve("blocks"), 8, 33, 1);
    TrainConfig config = new TrainConfig(400, 400, 8, 1, 1e-2, 1.0, 20, false, 0.0, 1.0, 1000, 1000, 5, 64);
    try (GptNeoX model = model(1); blocks) {
      Trainer.Result result = new Trainer(model, blocks, config, dir.resolve("out"), null, Map.of(), 0, TrainListener.NONE)
          .train(Optional.empty());
      assertTrue(result.finalLoss() < 0.1, "final loss " + result.finalLoss());
      List<String> losses = Files.readAllLines(dir.resolve("out").resolve(Trainer.LOSSES));
      assertEquals(400, losses.size());
      assertTrue(losses.get(0).startsWith("{\"step\":1,\"loss\":"), losses.get(0));
    }
  }

  @Test
  void twentyStepsThenResumeToFortyMatchFortyStraight() throws Exception {
    BlockFile blocks = randomBlocks(dir.resolve("blocks"), 24, 17, 2);
    TrainConfig forty = new TrainConfig(40, 40, 4, 2, 3e-3, 0.1, 0.1, true, 0.01, 1.0, 10, 10, 9, 32);
    // Stopped at 20 on the 40-step cosine curve, as a crash would stop it.
    TrainConfig twenty = new TrainConfig(20, 40, 4, 2, 3e-3, 0.1, 0.1, true, 0.01, 1.0, 10, 10, 9, 32);
    Path straight = dir.resolve("straight");
    Path interrupted = dir.resolve("interrupted");
    Map<String, List<int[]>> heldout = Map.of("domain", List.of(new int[] {1, 2, 3, 4, 5, 6}, new int[] {9, 9, 9}));
    try (blocks) {
      try (GptNeoX model = model(3)) {
        new Trainer(model, blocks, forty, straight, null, heldout, 0, TrainListener.NONE).train(Optional.empty());
      }
      try (GptNeoX model = model(3)) {
        new Trainer(model, blocks, twenty, interrupted, null, heldout, 0, TrainListener.NONE).train(Optional.empty());
      }
      Path checkpoint = Checkpoints.latest(interrupted).orElseThrow();
      assertEquals(20, Checkpoints.stepOf(checkpoint));
      try (GptNeoX resumed = ModelFiles.load(checkpoint, Device.cpu())) {
        new Trainer(resumed, blocks, forty, interrupted, null, heldout, 0, TrainListener.NONE).train(Optional.of(checkpoint));
      }
    }
    RunComparison.assertSameLosses(straight.resolve(Trainer.LOSSES), interrupted.resolve(Trainer.LOSSES));
    RunComparison.assertSameLosses(straight.resolve(Trainer.EVALS), interrupted.resolve(Trainer.EVALS));
    RunComparison.assertSameWeights(straight.resolve(Trainer.FINAL), interrupted.resolve(Trainer.FINAL));
  }

  @Test
  void aFreshRunRefusesToOverwriteCheckpoints() throws Exception {
    BlockFile blocks = randomBlocks(dir.resolve("blocks"), 4, 9, 3);
    TrainConfig config = new TrainConfig(2, 2, 2, 1, 1e-3, 0.1, 0, true, 0, 1.0, 1, 1, 1, 8);
    try (blocks; GptNeoX model = model(4)) {
      new Trainer(model, blocks, config, dir.resolve("out"), null, Map.of(), 0, TrainListener.NONE).train(Optional.empty());
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
          () -> new Trainer(model, blocks, config, dir.resolve("out"), null, Map.of(), 0, TrainListener.NONE).train(Optional.empty()));
      assertTrue(refused.getMessage().contains("already holds checkpoints"), refused.getMessage());
    }
  }

  @Test
  void logLinesAreTheCompactJsonTheReportReadsWithDoublesAsDoubleToString() throws Exception {
    SplittableRandom random = new SplittableRandom(5);
    List<Double> doubles = new ArrayList<>(List.of(0.0, -0.0, 1.0, 2e-3, 1e-7, 1e23, 3.0e-5, 0.1 + 0.2, Double.MIN_VALUE,
        Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    for (int i = 0; i < 10_000; i++) {
      doubles.add(random.nextDouble() * Math.pow(10, random.nextInt(-12, 12)));
      doubles.add(Double.longBitsToDouble(random.nextLong()));
    }
    for (int i = 0; i + 1 < doubles.size(); i++) {
      double loss = doubles.get(i);
      double lr = doubles.get(i + 1);
      Map<String, Double> values = new LinkedHashMap<>();
      values.put("loss", loss);
      values.put("lr", lr);
      // What the trainer wrote by hand before it used Jackson: the report and the resume tests read these bytes.
      assertEquals("{\"step\":" + (i + 1) + ",\"loss\":" + loss + ",\"lr\":" + lr + "}\n", Trainer.logLine(i + 1, values));
    }
    Map<String, Double> evals = new LinkedHashMap<>();
    evals.put("domain", 3.25);
    evals.put("general", 4.0);
    assertEquals("{\"step\":40,\"domain\":3.25,\"general\":4.0}\n", Trainer.logLine(40, evals));
  }

  @Test
  void truncateLogKeepsLinesUpToTheStepAndDropsALineCutShort() throws Exception {
    Path log = Files.writeString(dir.resolve("losses.jsonl"), ""
        + "{\"step\":1,\"loss\":NaN,\"lr\":0.001}\n"
        + "{\"step\":2,\"loss\":2.5,\"lr\":0.001}\n"
        + "{\"step\":3,\"loss\":2.25,\"lr\":0.001}\n"
        + "{\"step\":1");
    Trainer.truncateLog(log, 2);
    assertEquals(List.of("{\"step\":1,\"loss\":NaN,\"lr\":0.001}", "{\"step\":2,\"loss\":2.5,\"lr\":0.001}"),
        Files.readAllLines(log));
  }

  static GptNeoX model(long seed) {
    Map<String, float[]> weights = GptNeoX.randomWeights(CONFIG, seed);
    return GptNeoX.fromWeights(CONFIG, weights::get, Device.cpu());
  }

  static BlockFile randomBlocks(Path dir, int blocks, int seqLen, long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    List<int[]> documents = new ArrayList<>();
    for (int i = 0; i < blocks; i++) {
      int[] document = new int[seqLen - 1];
      for (int t = 0; t < document.length; t++) {
        document[t] = 1 + random.nextInt(CONFIG.vocabSize() - 1);
      }
      documents.add(document);
    }
    Packer.pack(documents.iterator(), seqLen, 0, "test", dir);
    return BlockFile.open(dir);
  }
}
