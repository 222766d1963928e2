package dev.cptflow.workflows.api.stage;

/**
 * One variant's continued pre-training from {@code baseModel}: {@code epochs} passes over its blocks in a seeded order,
 * AdamW with warmup then {@code schedule} down to {@code minLrRatio × lr}.
 *
 * @param warmup a fraction of the steps below 1, else a step count
 * @param engine what trains it; the two engines' results differ in rounding, so it is part of the cache key. Absent
 *     (a payload of a release without it, as the recorded histories are) it is {@code djl}, which that release used.
 */
public record TrainParams(String baseModel, long seed, int seqLen, int microBatch, int gradAccum, double lr,
    double minLrRatio, double weightDecay, double warmup, Schedule schedule, int epochs, int checkpointEvery,
    int evalEvery, double clipNorm, TrainEngine engine) implements StageParams {
  public TrainParams {
    if (engine == null) {
      engine = TrainEngine.DJL;
    }
    if (schedule == null) {
      throw new IllegalArgumentException("schedule: must be cosine or constant");
    }
    if (microBatch < 1 || gradAccum < 1 || epochs < 1 || checkpointEvery < 1 || evalEvery < 1) {
      throw new IllegalArgumentException("micro_batch, grad_accum, epochs, checkpoint_every and eval_every must be >= 1");
    }
    if (!(lr > 0) || !(minLrRatio >= 0 && minLrRatio <= 1) || !(weightDecay >= 0) || !(warmup >= 0) || !(clipNorm >= 0)) {
      throw new IllegalArgumentException("lr must be > 0, min_lr_ratio in [0, 1], weight_decay, warmup and clip_norm >= 0");
    }
  }
}
