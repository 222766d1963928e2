package dev.cptflow.workflows.api;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a finished graph node leaves behind: references into the artifact store, never the artifacts.
 *
 * @param nodeId the plan node, e.g. {@code score/sim}
 * @param cacheKey the node's content key
 * @param outputPrefix the store prefix that holds every output of the node ({@code cas/<stage>/<key>})
 * @param artifacts named store keys, e.g. {@code "manifest" -> "cas/ingest/…/manifest.json"}
 * @param counters small numeric facts for progress and reports: docs, tokens, shards, loss, seconds
 * @param cached true when the node was not run because its {@code _SUCCESS} marker already existed
 */
public record StageResult(
    String nodeId,
    String cacheKey,
    String outputPrefix,
    SortedMap<String, String> artifacts,
    SortedMap<String, Double> counters,
    boolean cached) {

  public StageResult {
    artifacts = Collections.unmodifiableSortedMap(new TreeMap<>(artifacts == null ? Collections.emptySortedMap() : artifacts));
    counters = Collections.unmodifiableSortedMap(new TreeMap<>(counters == null ? Collections.emptySortedMap() : counters));
  }

  public StageResult asCached() {
    return new StageResult(nodeId, cacheKey, outputPrefix, artifacts, counters, true);
  }

  public double counter(String name, double fallback) {
    Double value = counters.get(name);
    return value == null ? fallback : value;
  }
}
