package dev.cptflow.workflows.api;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How a sweep ended.
 *
 * @param state {@code completed} or {@code failed}
 * @param results every finished node's result, keyed by node id
 * @param cachedNodes nodes that were cache hits
 * @param failures {@code "node: message"} for each node that failed
 * @param notRun nodes not attempted because something upstream failed
 * @param rejectedCacheEntries nodes whose cache entry did not match its artifacts, with what was wrong; they were
 *     computed again
 */
public record SweepResult(
    String sweepId,
    String state,
    SortedMap<String, StageResult> results,
    List<String> cachedNodes,
    List<String> failures,
    List<String> notRun,
    SortedMap<String, String> rejectedCacheEntries) {
  public static final String COMPLETED = "completed";
  public static final String FAILED = "failed";

  public SweepResult {
    // Outcomes written before entries were verified have none.
    rejectedCacheEntries = rejectedCacheEntries == null ? new TreeMap<>() : new TreeMap<>(rejectedCacheEntries);
  }

  public boolean succeeded() {
    return COMPLETED.equals(state);
  }
}
