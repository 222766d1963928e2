package dev.cptflow.workflows.api;

import io.temporal.activity.ActivityInterface;

/**
 * {@link Stage#SCORE}, registered on both {@code cpt-cpu} and {@code cpt-gpu}: a score node's shards go to its
 * {@link PlanNode#queue()}, its fit and summary to {@code cpt-cpu}.
 */
@ActivityInterface
public interface ScoreActivities {
  /**
   * Learns what the metric needs from the whole corpus before any shard is scored (only for metrics that
   * {@code fitsCorpus}); its output stays under the node's prefix for the shards to read. Idempotent.
   */
  void fitCorpus(NodeRequest request);

  /** Scores one shard; heartbeats its document offset and resumes from it on retry. */
  ShardResult scoreShard(ShardRequest request);

  /** Merges the shard tables of a score node into its distribution summary. Output: {@link dev.cptflow.workflows.api.stage.ScoreOutput}. */
  StageResult summarizeScores(NodeRequest request);
}
