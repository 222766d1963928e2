package dev.cptflow.activities.stage;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import dev.cptflow.activities.lm.LmRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a training run cost, written as {@code cost.json} beside its model.
 *
 * @param tokensTrained tokens the optimizer stepped on (steps × grad accum × micro batch × (seq len − 1))
 * @param wallSeconds wall time summed over every attempt, resumed ones included
 * @param device the engine and device, e.g. {@code PyTorch 2.7.1 on gpu}
 * @param peakHostBytes the worker process's peak resident memory (VmHWM), 0 where the OS does not say
 * @param gpuMemoryBytes GPU memory in use at the end of training, 0 on the CPU
 */
public record TrainCost(long tokensTrained, double wallSeconds, String device, long peakHostBytes, long gpuMemoryBytes) {

  /** The cost of a run that has trained {@code tokens} in {@code seconds} on {@code device}, memory read now. */
  static TrainCost measure(long tokens, double seconds, Device device) {
    return new TrainCost(tokens, seconds, LmRuntime.describe(), peakResidentBytes(),
        device.isGpu() ? CudaUtils.getGpuMemory(device).getUsed() : 0);
  }

  /** The peak resident set of this process, from {@code /proc/self/status}; 0 where there is none. */
  static long peakResidentBytes() {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return 0;
    }
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}
