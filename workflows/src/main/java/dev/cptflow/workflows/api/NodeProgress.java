package dev.cptflow.workflows.api;

/**
 * One row of a progress table.
 *
 * @param done units finished, e.g. shards
 * @param total units planned, or 0 when not known yet
 * @param unit what {@code done} counts ({@code shards}, {@code steps}, {@code node})
 * @param items documents (or tokens) processed so far, for rates such as docs/s
 * @param totalItems the documents the node will process, or 0 when not known (a score node's corpus size)
 * @param detail a short note: the failure message, or {@code cache hit}
 */
public record NodeProgress(
    String nodeId, NodeState state, long done, long total, String unit, long items, long totalItems, String detail) {

  /** A planned node: nothing done, {@code total} units of {@code unit} to do. */
  public static NodeProgress planned(String nodeId, long total, String unit) {
    return new NodeProgress(nodeId, NodeState.PENDING, 0, total, unit, 0, 0, "");
  }

  public NodeProgress withState(NodeState newState, String newDetail) {
    return new NodeProgress(nodeId, newState, done, total, unit, items, totalItems, newDetail);
  }

  public NodeProgress withTotals(long newTotal, long newTotalItems) {
    return new NodeProgress(nodeId, state, done, newTotal, unit, items, newTotalItems, detail);
  }

  public NodeProgress withProgress(long newDone, long newItems) {
    return new NodeProgress(nodeId, state, newDone, total, unit, newItems, totalItems, detail);
  }

  /** The same row counted in another unit (a training node's steps, an evaluation's items). */
  public NodeProgress inUnit(long newDone, long newTotal, String newUnit) {
    return new NodeProgress(nodeId, state, newDone, newTotal, newUnit, items, totalItems, detail);
  }
}
