package dev.cptflow.activities.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.activities.lm.NeoXConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The torch engine's GPT-NeoX computes the Java model's logits, on the same weights, to within 1e-5. */
class TorchModelParityTest {
  @TempDir Path dir;

  @Test
  void theTinyShapeAgrees() throws Exception {
    assertSameLogits(NeoXConfig.preset("tiny", 300), 2, 64);
  }

  @Test
  void thePythia70mShapeAgrees() throws Exception {
    // Pythia-70M's layers (512 wide, 6 deep, 8 heads, rotary on a quarter of each head) with a small vocabulary.
    assertSameLogits(NeoXConfig.preset("pythia-70m", 1024), 3, 48);
  }

  @Test
  void aSequentialResidualModelAgrees() throws Exception {
    assertSameLogits(new NeoXConfig(200, 64, 2, 4, 128, 1.0, 10000, 1e-5, false, 128, 0, 0), 4, 40);
  }

  private void assertSameLogits(NeoXConfig config, long seed, int length) throws Exception {
    TorchRuntime runtime = TorchEngineForTests.runtime();
    Path model = dir.resolve("model-" + seed);
    ModelFiles.save(config, GptNeoX.randomWeights(config, seed), null, model);
    SplittableRandom random = new SplittableRandom(seed);
    long[] tokens = IntStream.range(0, length).mapToLong(i -> random.nextInt(config.vocabSize())).toArray();
    float[] ours;
    try (GptNeoX djl = ModelFiles.load(model, Device.cpu()); NDScope scope = new NDScope();
        NDManager manager = djl.manager().newSubManager()) {
      scope.suppressNotUsedWarning();
      NDArray logits = djl.forward(djl.tokens(manager, new long[][] {tokens}), null, null);
      ours = logits.toFloatArray();
    }
    Path out = dir.resolve("torch-" + seed + ".json");
    Process process = new ProcessBuilder(runtime.python().toString(), "-m", "cpt_torch.logits", model.toString(), "--tokens",
        java.util.Arrays.stream(tokens).mapToObj(Long::toString).collect(Collectors.joining(",")), "--out", out.toString())
        .directory(runtime.files().dir().toFile()).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(2, TimeUnit.MINUTES) && process.exitValue() == 0, output);
    JsonNode torch = new ObjectMapper().readTree(out.toFile());
    assertArrayEquals(new long[] {1, length, config.vocabSize()},
        new long[] {torch.get("shape").get(0).asLong(), torch.get("shape").get(1).asLong(), torch.get("shape").get(2).asLong()});
    JsonNode theirs = torch.get("logits");
    assertEquals(ours.length, theirs.size());
    double worst = 0;
    for (int i = 0; i < ours.length; i++) {
      worst = Math.max(worst, Math.abs(ours[i] - theirs.get(i).doubleValue()));
    }
    assertTrue(worst <= 1e-5, "largest |logit difference| " + worst);
    System.err.printf("torch vs DJL logits (%d layers x %d wide): max |difference| %.2e%n", config.numHiddenLayers(),
        config.hiddenSize(), worst);
  }
}
