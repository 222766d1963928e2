package dev.cptflow.workflows.api;

import dev.cptflow.workflows.api.stage.StageOutput;
import dev.cptflow.workflows.api.stage.StageParams;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The input of every stage activity: the node to run (its typed params and cache key) and the results of the
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

  public <P extends StageParams> P params(Class<P> type) {
    return node.params(type);
  }

  /** The output of input {@code nodeId}, as its stage's record; a missing input is a planning error. */
  public <O extends StageOutput> O input(String nodeId, Class<O> type) {
    StageResult result = upstream.get(nodeId);
    if (result == null) {
      throw new IllegalStateException(node.id() + " needs the result of " + nodeId + ", which was not passed");
    }
    return result.output(type);
  }

  /** The output of {@code nodeId} when it is among the inputs (the general set is optional). */
  public <O extends StageOutput> Optional<O> optionalInput(String nodeId, Class<O> type) {
    return upstream.containsKey(nodeId) ? Optional.of(input(nodeId, type)) : Optional.empty();
  }

  /** Builds this node's result from its output and the numbers shown to people. */
  public StageResult result(StageOutput output, SortedMap<String, Double> counters) {
    return new StageResult(node.id(), node.cacheKey(), outputPrefix(), output, counters, false);
  }
}
