package dev.cptflow.activities.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GptNeoXTest {
  @ParameterizedTest(name = "parallel residual {0}")
  @ValueSource(booleans = {true, false})
  void gradientsMatchFiniteDifferencesForEveryParameter(boolean parallelResidual) {
    NeoXConfig config = TinyModels.config(17, 1, parallelResidual);
    try (GptNeoX model = TinyModels.model(config, 7, 0.3)) {
      long[][] tokens = {{3, 5, 1, 16, 2, 9}, {4, 4, 8, 0, 11, 12}};
      Map<String, float[]> analytic = gradients(model, tokens);
      SplittableRandom random = new SplittableRandom(11);
      for (Map.Entry<String, NDArray> entry : model.parameters().entrySet()) {
        String name = entry.getKey();
        float[] original = entry.getValue().toFloatArray();
        float[] direction = new float[original.length];
        double expected = 0;
        for (int i = 0; i < direction.length; i++) {
          direction[i] = random.nextBoolean() ? 1f : -1f;
          expected += direction[i] * analytic.get(name)[i];
        }
        double epsilon = 1e-2;
        double plus = lossWith(model, name, original, direction, epsilon, tokens);
        double minus = lossWith(model, name, original, direction, -epsilon, tokens);
        entry.getValue().set(original);
        double numeric = (plus - minus) / (2 * epsilon);
        double tolerance = 2e-3 + 2e-2 * Math.abs(expected);
        assertEquals(expected, numeric, tolerance, name + ": autograd " + expected + " vs finite differences " + numeric);
      }
    }
  }

  private static Map<String, float[]> gradients(GptNeoX model, long[][] tokens) {
    model.setTrainable(true);
    Map<String, float[]> gradients = new java.util.LinkedHashMap<>();
    try (NDScope scope = new NDScope(); NDManager manager = model.manager().newSubManager()) {
      scope.suppressNotUsedWarning();
      try (GradientCollector collector = LmRuntime.engine().newGradientCollector()) {
        collector.backward(loss(model, manager, tokens));
      }
      model.parameters().forEach((name, parameter) -> gradients.put(name, parameter.getGradient().toFloatArray()));
    }
    model.setTrainable(false);
    return gradients;
  }

  private static double lossWith(GptNeoX model, String name, float[] original, float[] direction, double step, long[][] tokens) {
    float[] moved = original.clone();
    for (int i = 0; i < moved.length; i++) {
      moved[i] += (float) (step * direction[i]);
    }
    model.parameters().get(name).set(moved);
    try (NDScope scope = new NDScope(); NDManager manager = model.manager().newSubManager()) {
      scope.suppressNotUsedWarning();
      return loss(model, manager, tokens).getFloat();
    }
  }

  /** Summed next-token NLL, so the gradients are not tiny. */
  private static NDArray loss(GptNeoX model, NDManager manager, long[][] tokens) {
    NDArray ids = model.tokens(manager, tokens);
    return TokenLogProbs.of(model, ids.get(":, :-1"), ids.get(":, 1:"), null, false).get(0).sum().neg();
  }

  @Test
  void changingALaterTokenNeverChangesEarlierLogits() {
    NeoXConfig config = TinyModels.config(23, 2, true);
    try (GptNeoX model = TinyModels.model(config, 3, 0.2); NDScope scope = new NDScope();
        NDManager manager = model.manager().newSubManager()) {
      scope.suppressNotUsedWarning();
      long[] sequence = {1, 7, 3, 9, 12, 5, 5, 20};
      float[] before = model.forward(model.tokens(manager, new long[][] {sequence}), null, null).toFloatArray();
      int changed = 4;
      long[] edited = sequence.clone();
      edited[changed] = 17;
      float[] after = model.forward(model.tokens(manager, new long[][] {edited}), null, null).toFloatArray();
      int vocab = config.vocabSize();
      for (int position = 0; position < sequence.length; position++) {
        double difference = 0;
        for (int v = 0; v < vocab; v++) {
          difference = Math.max(difference, Math.abs(before[position * vocab + v] - after[position * vocab + v]));
        }
        if (position < changed) {
          assertEquals(0.0, difference, 1e-6, "position " + position + " saw the future");
        } else {
          assertTrue(difference > 1e-4, "position " + position + " must see the change");
        }
      }
    }
  }

  @Test
  void savedCheckpointLoadsToTheSameLogits(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    NeoXConfig config = TinyModels.config(19, 2, false);
    try (GptNeoX model = TinyModels.model(config, 5, 0.1)) {
      ModelFiles.save(config, model.weights(), null, dir);
      try (GptNeoX loaded = ModelFiles.load(dir, ai.djl.Device.cpu()); NDScope scope = new NDScope();
          NDManager manager = model.manager().newSubManager()) {
        scope.suppressNotUsedWarning();
        assertEquals(config, loaded.config());
        long[][] tokens = {{1, 2, 3, 4, 18}};
        assertArrayEquals(model.forward(model.tokens(manager, tokens), null, null).toFloatArray(),
            loaded.forward(loaded.tokens(manager, tokens), null, null).toFloatArray());
      }
    }
  }

  @Test
  void greedyGenerationWithTheKvCacheMatchesGenerationWithout() {
    NeoXConfig config = TinyModels.config(31, 2, true);
    try (GptNeoX model = TinyModels.model(config, 13, 0.5)) {
      Generator generator = new Generator(model);
      int[] prompt = {4, 9, 2, 30, 7};
      int[] cached = generator.greedy(prompt, 24, -1, true, generated -> false);
      int[] uncached = generator.greedy(prompt, 24, -1, false, generated -> false);
      assertEquals(24, cached.length);
      assertArrayEquals(uncached, cached);
      assertTrue(java.util.Arrays.stream(cached).distinct().count() > 1, "a degenerate model would prove nothing");
    }
  }

  @Test
  void generationStopsAtEosAndAtTheStopCondition() {
    NeoXConfig config = TinyModels.config(31, 2, true);
    try (GptNeoX model = TinyModels.model(config, 13, 0.5)) {
      Generator generator = new Generator(model);
      int[] prompt = {4, 9, 2, 30, 7};
      int[] free = generator.greedy(prompt, 24, -1, true, generated -> false);
      int[] stopped = generator.greedy(prompt, 24, -1, true, generated -> generated.length == 3);
      assertArrayEquals(java.util.Arrays.copyOf(free, 3), stopped);
      int[] atEos = generator.greedy(prompt, 24, free[2], true, generated -> false);
      List<Integer> expected = new ArrayList<>();
      for (int token : free) {
        if (token == free[2]) {
          break;
        }
        expected.add(token);
      }
      assertEquals(expected, java.util.Arrays.stream(atEos).boxed().toList());
    }
  }
}
