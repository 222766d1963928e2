package dev.cptflow.workflows.api;

import java.util.List;
import java.util.SortedMap;

/**
 * How a sweep ended.
 *
 * @param state {@code completed} or {@code failed}
 * @param results every finished node's result, keyed by node id
 * @param cachedNodes nodes that were cache hits
 * @param failures {@code "node: message"} for each node that failed
 * @param notRun nodes not attempted because something upstream failed
 */
public record SweepResult(
    String sweepId,
    String state,
    SortedMap<String, StageResult> results,
    List<String> cachedNodes,
    List<String> failures,
    List<String> notRun) {
  public static final String COMPLETED = "completed";
  public static final String FAILED = "failed";

  public boolean succeeded() {
    return COMPLETED.equals(state);
  }
}
