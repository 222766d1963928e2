package dev.cptflow.workflows.api;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The input of a child workflow of a sweep: the part of the graph it owns and the results it starts from.
 *
 * @param nodes the part's nodes, in graph order
 * @param known results of the shared nodes the part reads and of its own cache hits, keyed by node id
 */
public record PartRequest(
    String sweepId, String storeUri, GraphPart part, List<PlanNode> nodes, SortedMap<String, StageResult> known,
    RunTuning tuning) {
  public PartRequest {
    nodes = List.copyOf(nodes);
    known = Collections.unmodifiableSortedMap(new TreeMap<>(known));
  }
}
