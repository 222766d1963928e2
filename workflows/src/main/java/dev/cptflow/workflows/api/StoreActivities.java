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

  /**
   * Results of the probed nodes whose {@code _SUCCESS} marker exists, keyed by node id. Kept for sweeps started by an
   * earlier build, whose history has this call; new sweeps call {@link #probeVerified}.
   */
  Map<String, StageResult> probeCache(CacheProbe probe);

  /**
   * The finished nodes whose artifacts still match their cache entries (sizes always, content hashes where cheap or
   * when asked), and the entries that did not, which are removed so their nodes are computed again.
   */
  CacheProbeResult probeVerified(CacheProbe probe);

  /**
   * Marks a node finished: its result, a manifest of its artifacts (size and SHA-256 of each), then {@code _SUCCESS}.
   * A node already marked keeps its first entry: whoever committed it first made the artifacts every reader uses.
   */
  void commitNode(CacheCommit commit);

  /**
   * Writes {@code sweeps/<id>/outcome.json}, so results outlive the server (the embedded one keeps
   * nothing after {@code cpt run} exits).
   */
  void recordOutcome(String storeUri, SweepResult outcome);
}
