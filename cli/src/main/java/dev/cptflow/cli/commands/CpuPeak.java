package dev.cptflow.cli.commands;

import dev.cptflow.activities.lm.NeoXConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a model's tokens cost and what the cores could do: training FLOPs per token are {@code 6N + 12·L·d·s} and
 * scoring {@code 2N + 4·L·d·s} (N the parameters that multiply: every matrix, embed_out included, the input
 * embedding not; the second term attention's scores and mixing, as PaLM's model-FLOPs count them). The peak is
 * cores × clock × 32 FLOP per cycle: two 256-bit FMA pipes of float32 (AVX2, and AVX-512 as Zen 4 runs it), unless
 * given.
 */
record CpuPeak(double gflops, String source) {
  static final int FLOPS_PER_CYCLE = 32;

  static CpuPeak ofThisMachine(Double given) {
    int cores = Runtime.getRuntime().availableProcessors();
    if (given != null) {
      return new CpuPeak(given, "given");
    }
    double mhz = clockMhz();
    return new CpuPeak(cores * mhz / 1000 * FLOPS_PER_CYCLE,
        String.format(Locale.ROOT, "%d cores × %.0f MHz × %d FLOP/cycle", cores, mhz, FLOPS_PER_CYCLE));
  }

  static double trainingFlopsPerToken(NeoXConfig config, int seqLen) {
    return 6.0 * multiplyingParameters(config) + 12.0 * config.numHiddenLayers() * config.hiddenSize() * seqLen;
  }

  static double scoringFlopsPerToken(NeoXConfig config, int seqLen) {
    return 2.0 * multiplyingParameters(config) + 4.0 * config.numHiddenLayers() * config.hiddenSize() * seqLen;
  }

  private static double multiplyingParameters(NeoXConfig config) {
    double h = config.hiddenSize();
    double perLayer = h * 3 * h + h * h + 2 * h * config.intermediateSize();
    return config.numHiddenLayers() * perLayer + h * config.vocabSize();
  }

  /** The first core's clock from /proc/cpuinfo; 2,000 MHz where it does not say. */
  private static double clockMhz() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("cpu MHz")) {
          return Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
        }
      }
    } catch (IOException | NumberFormatException e) {
      // fall through
    }
    return 2000;
  }

  /** Achieved GFLOP/s and the share of the peak, for {@code tokensPerSecond} at {@code flopsPerToken}. */
  String utilisation(double tokensPerSecond, double flopsPerToken) {
    double achieved = tokensPerSecond * flopsPerToken / 1e9;
    return String.format(Locale.ROOT, "%8.1f %6.1f%%", achieved, 100 * achieved / gflops);
  }
}
