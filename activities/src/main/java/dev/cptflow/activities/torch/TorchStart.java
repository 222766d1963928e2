package dev.cptflow.activities.torch;

/**
 * What the trainer said when it started: where it runs and how.
 *
 * @param mode {@code single}, {@code ddp} or {@code fsdp}
 * @param precision {@code fp32} or {@code bf16}
 * @param device {@code cpu} or {@code cuda}
 * @param deviceName e.g. {@code NVIDIA H100 80GB HBM3}, or the CPU's model
 * @param resumedFrom the step it continued from, null for a fresh run
 */
public record TorchStart(String torch, int worldSize, String mode, String precision, String device, String deviceName,
    Integer resumedFrom) {
  /** {@code torch ddp, PyTorch 1.13.1, 2 × cpu}: the engine, how it ran and on what, as the report shows it. */
  public String describe() {
    String how = "torch" + (mode.equals("single") ? "" : " " + mode) + (precision.equals("fp32") ? "" : " " + precision);
    return how + ", PyTorch " + torch + ", " + worldSize + " × " + (device.equals("cpu") ? "cpu" : deviceName);
  }
}
