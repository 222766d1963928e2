package dev.cptflow.activities.lm.train;

/**
 * One training run's hyper-parameters.
 *
 * @param steps the optimizer step to stop after (a resumed run counts the steps already done)
 * @param scheduleSteps the horizon of the learning-rate schedule; a run stopped early and resumed
 *     later keeps the same curve only if this stays the same, so it is separate from {@code steps}
 * @param warmup a fraction of {@code scheduleSteps} when below 1, otherwise a number of steps
 * @param clipNorm global gradient-norm limit; 0 turns clipping off
 * @param evalMaxTokens tokens of each held-out document that count toward its loss
 */
public record TrainConfig(
    int steps,
    int scheduleSteps,
    int microBatch,
    int gradAccum,
    double lr,
    double minLrRatio,
    double warmup,
    boolean cosine,
    double weightDecay,
    double clipNorm,
    int checkpointEvery,
    int evalEvery,
    long seed,
    int evalMaxTokens) {

  public TrainConfig {
    if (steps < 1 || scheduleSteps < 1 || microBatch < 1 || gradAccum < 1 || checkpointEvery < 1 || evalEvery < 1) {
      throw new IllegalArgumentException("steps, micro batch, grad accum, checkpoint and eval intervals must be >= 1");
    }
    if (!(lr > 0)) {
      throw new IllegalArgumentException("lr must be > 0, got " + lr);
    }
  }

  public LrSchedule schedule() {
    return new LrSchedule(lr, LrSchedule.warmupSteps(warmup, scheduleSteps), scheduleSteps, minLrRatio, cosine);
  }
}
