package dev.cptflow.activities.stage;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import dev.cptflow.activities.lm.LmRuntime;
import dev.cptflow.activities.torch.TorchStart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a training run cost, written as {@code cost.json} beside its model.
 *
 * @param tokensTrained tokens the optimizer stepped on (steps × grad accum × micro batch × (seq len − 1))
 * @param wallSeconds wall time summed over every attempt, resumed ones included
 * @param deviceSeconds devices × wall seconds, what the run occupied
 * @param engine {@code djl} or {@code torch}
 * @param worldSize the processes (one device each) that trained it
 * @param deviceName the device's own name: a GPU's model, or {@code cpu (<model>)}
 * @param device how the report shows engine and device, e.g. {@code djl, PyTorch 2.7.1, 1 × cpu} or
 *     {@code torch fsdp bf16, PyTorch 2.4.0, 8 × NVIDIA H100 80GB HBM3}
 * @param peakHostBytes the worker process's peak resident memory (VmHWM), 0 where the OS does not say (and for the
 *     torch engine, whose memory is the trainer processes')
 * @param gpuMemoryBytes GPU memory in use at the end of training, 0 on the CPU and for the torch engine
 */
public record TrainCost(long tokensTrained, double wallSeconds, double deviceSeconds, String engine, int worldSize,
    String deviceName, String device, long peakHostBytes, long gpuMemoryBytes) {

  /** The cost of a DJL run that has trained {@code tokens} in {@code seconds} on {@code device}, memory read now. */
  static TrainCost djl(long tokens, double seconds, Device device) {
    String type = device.getDeviceType();
    return new TrainCost(tokens, seconds, seconds, "djl", 1, type, "djl, PyTorch " + LmRuntime.engine().getVersion() + ", 1 × " + type,
        peakResidentBytes(), device.isGpu() ? CudaUtils.getGpuMemory(device).getUsed() : 0);
  }

  /** The cost of a torch run so far, as its trainer described where it runs. */
  static TrainCost torch(long tokens, double seconds, TorchStart start) {
    return new TrainCost(tokens, seconds, seconds * start.worldSize(), "torch", start.worldSize(), start.deviceName(),
        start.describe(), 0, 0);
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
