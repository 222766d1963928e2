package dev.cptflow.workflows.api;

import io.temporal.activity.ActivityInterface;
import java.util.Map;

/**
 * The workflows' only window onto the artifact store: which nodes are done, marking a node done, and recording how a
 * sweep ended. Served on {@link #QUEUE}.
 */
@ActivityInterface
public interface StoreActivities {
  /** Store bookkeeping is small and every deployment has cpu workers. */
  TaskQueues QUEUE = TaskQueues.CPU;

  /** Results of the probed nodes whose {@code _SUCCESS} marker exists, keyed by node id. */
  Map<String, StageResult> probeCache(CacheProbe probe);

  void commitNode(CacheCommit commit);

  /**
   * Writes {@code sweeps/<id>/outcome.json}, so results outlive the server (the embedded one keeps
   * nothing after {@code cpt run} exits).
   */
  void recordOutcome(String storeUri, SweepResult outcome);
}
