package dev.cptflow.workers;

/**
 * Concurrent activities per queue in one process. The GPU queue gets one slot per GPU, so two trainings
 * never share a device.
 */
public record WorkerSlots(int cpuSlots, int gpuSlots) {
  public WorkerSlots {
    if (cpuSlots < 1 || gpuSlots < 1) {
      throw new IllegalArgumentException("slots must be >= 1, got cpu=" + cpuSlots + " gpu=" + gpuSlots);
    }
  }

  public static WorkerSlots forThisMachine() {
    return new WorkerSlots(Math.max(1, Runtime.getRuntime().availableProcessors()), 1);
  }
}
