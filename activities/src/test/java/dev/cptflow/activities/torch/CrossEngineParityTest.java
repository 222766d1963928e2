package dev.cptflow.activities.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.activities.lm.NeoXConfig;
import dev.cptflow.activities.lm.train.BlockFile;
import dev.cptflow.activities.lm.train.Packer;
import dev.cptflow.activities.lm.train.TrainConfig;
import dev.cptflow.activities.lm.train.TrainListener;
import dev.cptflow.activities.lm.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two engines train alike: the tiny model, float32, the same blocks, seed and hyper-parameters, 30 steps. The
 * per-step losses (and the held-out losses) of DJL and of the torch engine agree within 1e-3 relative in one process,
 * and within 2e-3 over the same global batch on two DDP ranks (gloo).
 */
class CrossEngineParityTest {
  private static final TrainConfig CONFIG = new TrainConfig(30, 30, 4, 2, 3e-3, 0.1, 0.1, true, 0.01, 1.0, 1000, 10, 7, 33);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static Path base;
  private static Path blocks;
  private static Map<String, List<int[]>> heldout;
  private static Path djl;

  @BeforeAll
  static void trainWithDjl() throws Exception {
    TorchEngineForTests.runtime();
    NeoXConfig config = NeoXConfig.preset("tiny", 300);
    base = dir.resolve("base");
    ModelFiles.save(config, GptNeoX.randomWeights(config, 5), null, base);
    SplittableRandom random = new SplittableRandom(11);
    List<int[]> documents = new ArrayList<>();
    for (int d = 0; d < 96; d++) {
      int[] document = new int[random.nextInt(5, 60)];
      for (int t = 0; t < document.length; t++) {
        document[t] = 1 + random.nextInt(299);
      }
      documents.add(document);
    }
    blocks = dir.resolve("blocks");
    Packer.pack(documents.subList(0, 80).iterator(), 33, 0, "test", blocks);
    heldout = Map.of("domain", documents.subList(80, 96));
    djl = dir.resolve("djl");
    try (GptNeoX model = ModelFiles.load(base, Device.cpu()); BlockFile file = BlockFile.open(blocks)) {
      assertTrue(file.blocks() >= 60, "enough blocks for two epochs' worth of steps: " + file.blocks());
      new Trainer(model, file, CONFIG, djl, null, heldout, 0, TrainListener.NONE).train(Optional.empty());
    }
  }

  @Test
  void oneTorchProcessFollowsTheDjlLossesWithinOneInAThousand() throws Exception {
    Path out = trainWithTorch(TorchEngineForTests.runtime(), "torch-1");
    assertClose(djl, out, 1e-3, "1 process");
  }

  @Test
  void twoDdpRanksOverTheSameGlobalBatchFollowThemWithinTwoInAThousand() throws Exception {
    Path out = trainWithTorch(TorchEngineForTests.runtime().withLauncher("{torchrun} --standalone --nproc_per_node=2 {trainer} {args}"),
        "torch-2");
    assertClose(djl, out, 2e-3, "2 DDP ranks");
  }

  private static Path trainWithTorch(TorchRuntime runtime, String name) throws Exception {
    Path job = dir.resolve(name + "-job");
    Path out = dir.resolve(name);
    TorchJob.write(job, base, null, blocks, out, 0, heldout, CONFIG);
    TorchRun.Outcome outcome = new TorchRun(runtime).run(job, out, TorchListener.QUIET);
    assertEquals(30, outcome.result().steps());
    return out;
  }

  private static void assertClose(Path expected, Path actual, double tolerance, String what) throws Exception {
    List<JsonNode> djlLosses = lines(expected.resolve(Trainer.LOSSES));
    List<JsonNode> torchLosses = lines(actual.resolve(Trainer.LOSSES));
    assertEquals(30, djlLosses.size());
    assertEquals(30, torchLosses.size());
    double worst = 0;
    for (int i = 0; i < 30; i++) {
      JsonNode a = djlLosses.get(i);
      JsonNode b = torchLosses.get(i);
      assertEquals(a.get("step").asInt(), b.get("step").asInt());
      assertEquals(a.get("lr").asDouble(), b.get("lr").asDouble(), 1e-15, "the same schedule at step " + (i + 1));
      double relative = Math.abs(a.get("loss").asDouble() - b.get("loss").asDouble()) / Math.abs(a.get("loss").asDouble());
      worst = Math.max(worst, relative);
      assertTrue(relative <= tolerance, what + ", step " + (i + 1) + ": DJL " + a.get("loss") + ", torch " + b.get("loss"));
    }
    List<JsonNode> djlEvals = lines(expected.resolve(Trainer.EVALS));
    List<JsonNode> torchEvals = lines(actual.resolve(Trainer.EVALS));
    assertEquals(3, djlEvals.size(), "held-out loss at steps 10, 20, 30");
    assertEquals(djlEvals.size(), torchEvals.size());
    for (int i = 0; i < djlEvals.size(); i++) {
      double a = djlEvals.get(i).get("domain").asDouble();
      double b = torchEvals.get(i).get("domain").asDouble();
      assertTrue(Math.abs(a - b) / a <= tolerance, what + ", held-out at step " + djlEvals.get(i).get("step") + ": " + a + " vs " + b);
    }
    System.err.printf("DJL vs torch (%s): largest relative loss difference over 30 steps %.2e%n", what, worst);
  }

  private static List<JsonNode> lines(Path file) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }
}
