package dev.cptflow.activities.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MiniLM on the GPU: where this ONNX Runtime build has the CUDA provider ({@code ./mvnw -Pgpu}) and a GPU is visible,
 * the built-in embedder runs on it and gives the CPU session's vectors. Skipped, saying why, everywhere else.
 */
class OnnxGpuTest {
  private static final List<String> TEXTS = List.of(
      "Operating profit rose to EUR 13.1 mn from EUR 8.7 mn in the corresponding period.",
      "Whisk the eggs with sugar, fold in the flour gently, and bake the cake for forty minutes.",
      "The bank reported a pre-tax loss while revenue and earnings per share fell in the third quarter.");

  @Test
  void miniLmRunsOnTheGpuAndMatchesTheCpu() {
    assumeTrue(OnnxDevice.cudaProviderPresent(),
        "no GPU check: this ONNX Runtime build has no CUDA provider (build with -Pgpu for onnxruntime_gpu)");
    assumeTrue(OnnxDevice.gpuVisible(), "no GPU check: no NVIDIA GPU is visible (/dev/nvidia0)");
    float[][] onGpu;
    try (OnnxEmbedder gpu = OnnxEmbedder.builtinMiniLm()) {
      assertTrue(gpu.device().isCuda(), "a visible GPU and the CUDA provider, yet the session is on " + gpu.device());
      onGpu = gpu.embed(TEXTS);
    }
    float[][] onCpu;
    String previous = System.getProperty(OnnxDevice.SETTING);
    System.setProperty(OnnxDevice.SETTING, "cpu");
    try (OnnxEmbedder cpu = OnnxEmbedder.builtinMiniLm()) {
      assertEquals("cpu", cpu.device().toString());
      onCpu = cpu.embed(TEXTS);
    } finally {
      if (previous == null) {
        System.clearProperty(OnnxDevice.SETTING);
      } else {
        System.setProperty(OnnxDevice.SETTING, previous);
      }
    }
    for (int i = 0; i < TEXTS.size(); i++) {
      double dot = 0;
      for (int k = 0; k < onCpu[i].length; k++) {
        dot += onCpu[i][k] * onGpu[i][k];
      }
      assertTrue(dot > 0.9999, "text " + i + ": cosine of the GPU and CPU vectors is " + dot);
    }
  }

  @Test
  void theInt8ModelStaysOnTheCpuAndAgreesWithFp32() {
    try (OnnxEmbedder int8 = OnnxEmbedder.builtinMiniLmInt8(); OnnxEmbedder fp32 = OnnxEmbedder.builtinMiniLm()) {
      assertEquals("cpu", int8.device().toString());
      float[][] a = int8.embed(TEXTS);
      float[][] b = fp32.embed(TEXTS);
      for (int i = 0; i < TEXTS.size(); i++) {
        double dot = 0;
        for (int k = 0; k < a[i].length; k++) {
          dot += a[i][k] * b[i][k];
        }
        assertTrue(dot > 0.95 && dot < 1.0, "text " + i + ": int8 against fp32 cosine " + dot);
      }
    }
  }
}
