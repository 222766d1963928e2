package dev.cptflow.workflows.api;

import dev.cptflow.workflows.plan.PlanNode;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The input of every stage activity: the node to run (its params and cache key) and the results of the
 * nodes it depends on. Only references travel here; the stage reads the artifacts from the store.
 *
 * @param sweepId the sweep that asked for the node (for logs; never part of a cache key)
 * @param storeUri the artifact store root, e.g. {@code s3://bucket/cpt} (credentials come from the worker)
 * @param node the plan node
 * @param upstream results of {@code node.upstream()}, keyed by node id
 */
public record NodeRequest(
    String sweepId, String storeUri, PlanNode node, SortedMap<String, StageResult> upstream) {

  public NodeRequest {
    upstream = Collections.unmodifiableSortedMap(new TreeMap<>(upstream == null ? Collections.emptySortedMap() : upstream));
  }

  /** Where this node writes its outputs. */
  public String outputPrefix() {
    return StoreLayout.prefix(node);
  }

  public StageResult upstreamResult(String nodeId) {
    StageResult result = upstream.get(nodeId);
    if (result == null) {
      throw new IllegalStateException(node.id() + " needs the result of " + nodeId + ", which was not passed");
    }
    return result;
  }
}
