package dev.cptflow.cli.options;

import dev.cptflow.activities.torch.TorchRuntime;
import dev.cptflow.cli.UserError;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How this process runs the torch training engine: the interpreter and the launch template. */
public class TorchOptions {
  @Option(names = "--python", paramLabel = "PATH", defaultValue = "/usr/bin/python3",
      description = "The interpreter that runs the torch engine; its PyTorch must import. Default: ${DEFAULT-VALUE}.")
  Path python;

  @Option(names = "--train-launcher", paramLabel = "TEMPLATE",
      description = {"How torch training jobs start: a shell line naming {trainer} and {args}, with {python},",
          "{torchrun} (torchrun through the worker's interpreter) and {devices} (its GPUs) if wanted, e.g.",
          "'srun -N 4 --gpus-per-node 8 torchrun --rdzv-backend c10d --rdzv-endpoint $HEAD:29500 {trainer} {args}'.",
          "Default: '{python} {trainer} {args}' on a CPU host; with GPUs",
          "'{torchrun} --standalone --nproc_per_node={devices} {trainer} {args}'."})
  String launcher;

  /** The engine as this host can run it; the probe may say it cannot. */
  public TorchRuntime runtime() {
    try {
      return TorchRuntime.prepare(python, launcher, null);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  /** The engine, or one line saying why this host cannot run it and how to fix that. */
  public TorchRuntime usableRuntime(String neededBy) {
    try {
      return runtime().requireUsable();
    } catch (IllegalStateException e) {
      throw new UserError(neededBy + ": " + e.getMessage(), e);
    }
  }
}
