package dev.cptflow.workflows.api;

/**
 * How far an activity is inside its unit of work, as its heartbeat tells a client ({@code cpt status}, the
 * progress bars). Every long stage's heartbeat details carry one under {@code progress}, beside whatever cursor
 * the stage resumes from, so a client reads progress without knowing the stage's own record. The node id travels
 * with it because Temporal names pending activities by a sequence a client cannot map back to a node.
 *
 * @param nodeId the node the activity works for
 * @param scope whether the activity is the whole node (a training run) or a part of it (one shard of a score node)
 * @param done units finished inside the activity (training steps, evaluation items, documents of a shard)
 * @param total units the activity will do, or 0 when not known
 * @param unit what {@code done} counts: {@code steps}, {@code items}, {@code docs}
 * @param items documents read so far, added to the node's documents (0 where the unit is not documents)
 * @param note a short word on where it is, e.g. the evaluation task under way; empty when none
 * @param waiting true while the activity holds a worker slot but waits for something the worker shares (its
 *     one training at a time): a client shows the node as queued
 */
public record UnitProgress(
    String nodeId, Scope scope, long done, long total, String unit, long items, String note, boolean waiting) {
  public enum Scope {
    /** The activity is the node's work: its counts replace the node's. */
    NODE,
    /** The activity is a slice of the node's work: its documents add to the node's. */
    PART
  }

  public UnitProgress {
    note = note == null ? "" : note;
  }

  /**
   * Implemented by heartbeat records. The progress is written out with the record and ignored when it is read
   * back, so it is never a second copy of the cursor to keep in step.
   */
  public interface Reporting {
    UnitProgress progress();
  }
}
