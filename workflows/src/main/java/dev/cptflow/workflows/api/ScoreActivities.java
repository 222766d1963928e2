package dev.cptflow.workflows.api;

import io.temporal.activity.ActivityInterface;

/**
 * Registered on both {@code cpt-cpu} and {@code cpt-gpu}; the workflow routes each metric with
 * {@link TaskQueues#forMetric}.
 */
@ActivityInterface
public interface ScoreActivities {
  /** Scores one shard; heartbeats its document offset and resumes from it on retry. */
  ShardResult scoreShard(ShardRequest request);

  /** Merges the shard tables of a score node into its distribution summary. */
  StageResult summarizeScores(NodeRequest request);
}
