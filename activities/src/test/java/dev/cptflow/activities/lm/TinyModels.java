package dev.cptflow.activities.lm;

import ai.djl.Device;
import java.util.Map;

/** Small GPT-NeoX models with seeded random weights, built in code for tests. */
final class TinyModels {
  private TinyModels() {}

  static NeoXConfig config(int vocab, int layers, boolean parallelResidual) {
    return new NeoXConfig(vocab, 32, layers, 4, 64, 0.5, 10000, 1e-5, parallelResidual, 128, 0, 0);
  }

  static GptNeoX model(NeoXConfig config, long seed, double std) {
    Map<String, float[]> weights = GptNeoX.randomWeights(config, seed, std);
    return GptNeoX.fromWeights(config, weights::get, Device.cpu());
  }
}
