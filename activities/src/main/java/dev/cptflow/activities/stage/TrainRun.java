package dev.cptflow.activities.stage;

import dev.cptflow.activities.lm.train.BlockFile;
import dev.cptflow.activities.lm.train.TrainConfig;
import dev.cptflow.workflows.api.stage.Schedule;
import dev.cptflow.workflows.api.stage.TrainParams;

/** A training run's config from a train node's params, as the train stage and {@code cpt train} both make it. */
public final class TrainRun {
  private TrainRun() {}

  /** {@code epochs} passes over the blocks, at least one step; the cosine horizon is the whole run. */
  public static TrainConfig config(TrainParams params, BlockFile blocks) {
    return config(params, blocks, null);
  }

  /**
   * As {@link #config(TrainParams, BlockFile)}, stopping after {@code stopAfter} steps when it is given (a command line
   * may stop early); the schedule's horizon stays the whole run, so a run stopped and resumed follows the same curve.
   */
  public static TrainConfig config(TrainParams params, BlockFile blocks, Integer stopAfter) {
    if (blocks.blocks() == 0) {
      throw new IllegalArgumentException("no training blocks: the selection holds fewer tokens than one block of seq_len "
          + blocks.seqLen());
    }
    if (blocks.seqLen() != params.seqLen()) {
      throw new IllegalArgumentException("the blocks hold " + blocks.seqLen() + " tokens each, the run asks for seq_len "
          + params.seqLen());
    }
    int steps = (int) Math.max(1,
        Math.floor(params.epochs() * (double) blocks.blocks() / ((double) params.microBatch() * params.gradAccum())));
    return new TrainConfig(stopAfter == null ? steps : stopAfter, steps, params.microBatch(), params.gradAccum(),
        params.lr(), params.minLrRatio(), params.warmup(), params.schedule() == Schedule.COSINE, params.weightDecay(),
        params.clipNorm(), params.checkpointEvery(), params.evalEvery(), params.seed(), blocks.seqLen());
  }
}
