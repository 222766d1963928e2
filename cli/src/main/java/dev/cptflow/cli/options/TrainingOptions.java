package dev.cptflow.cli.options;

import dev.cptflow.cli.UserError;
import dev.cptflow.workflows.api.stage.Schedule;
import dev.cptflow.workflows.api.stage.SpecEnum;
import dev.cptflow.workflows.api.stage.TrainEngine;
import dev.cptflow.workflows.api.stage.TrainParams;
import picocli.CommandLine.Option;

/** The spec's {@code training} section, option by option, with its defaults. */
public class TrainingOptions {
  @Option(names = "--seq-len", descriptionKey = "training.seq_len", paramLabel = "L",
      description = "Tokens per training block. Default: ${DEFAULT-VALUE}.")
  int seqLen;

  @Option(names = "--micro-batch", descriptionKey = "training.micro_batch", paramLabel = "B",
      description = "Blocks per forward pass. Default: ${DEFAULT-VALUE}.")
  int microBatch;

  @Option(names = "--grad-accum", descriptionKey = "training.grad_accum", paramLabel = "A",
      description = "Micro-batches per optimizer step. Default: ${DEFAULT-VALUE}.")
  int gradAccum;

  @Option(names = "--lr", descriptionKey = "training.lr", paramLabel = "X",
      description = "Peak learning rate. Default: ${DEFAULT-VALUE}.")
  double lr;

  @Option(names = "--min-lr-ratio", descriptionKey = "training.min_lr_ratio", paramLabel = "X",
      description = "The cosine schedule ends at this share of the peak. Default: ${DEFAULT-VALUE}.")
  double minLrRatio;

  @Option(names = "--weight-decay", descriptionKey = "training.weight_decay", paramLabel = "X",
      description = "AdamW's decoupled weight decay. Default: ${DEFAULT-VALUE}.")
  double weightDecay;

  @Option(names = "--warmup", descriptionKey = "training.warmup", paramLabel = "W",
      description = "Warmup: a fraction of the steps below 1, else steps. Default: ${DEFAULT-VALUE}.")
  double warmup;

  @Option(names = "--schedule", descriptionKey = "training.schedule", paramLabel = "S",
      description = "cosine or constant after warmup. Default: ${DEFAULT-VALUE}.")
  String schedule;

  @Option(names = "--epochs", descriptionKey = "training.epochs", paramLabel = "N",
      description = "Passes over the blocks. Default: ${DEFAULT-VALUE}.")
  int epochs;

  @Option(names = "--checkpoint-every", descriptionKey = "training.checkpoint_every", paramLabel = "K",
      description = "Steps between checkpoints. Default: ${DEFAULT-VALUE}.")
  int checkpointEvery;

  @Option(names = "--eval-every", descriptionKey = "training.eval_every", paramLabel = "K",
      description = "Steps between held-out losses. Default: ${DEFAULT-VALUE}.")
  int evalEvery;

  @Option(names = "--clip-norm", descriptionKey = "training.clip_norm", paramLabel = "X",
      description = "Global gradient-norm limit; 0 turns clipping off. Default: ${DEFAULT-VALUE}.")
  double clipNorm;

  @Option(names = "--engine", descriptionKey = "training.engine", paramLabel = "E",
      description = "djl (this process) or torch (PyTorch through --train-launcher). Default: ${DEFAULT-VALUE}.")
  String engine;

  public int seqLen() {
    return seqLen;
  }

  /** The train stage's params for {@code baseModel}, or one line naming the option that is off. */
  public TrainParams params(String baseModel, long seed) {
    try {
      Schedule parsed = SpecEnum.parse(Schedule.class, schedule, "--schedule");
      TrainEngine trainedBy = SpecEnum.parse(TrainEngine.class, engine, "--engine");
      return new TrainParams(baseModel, seed, seqLen, microBatch, gradAccum, lr, minLrRatio, weightDecay, warmup, parsed,
          epochs, checkpointEvery, evalEvery, clipNorm, trainedBy);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
