package dev.cptflow.workflows.plan;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The plan of one sweep: every node it needs, shared nodes once, in a stable topological order (by stage, then
 * as planned). It travels as a workflow payload, so it stays a plain record; lookups scan the list, which holds
 * tens of nodes, not thousands.
 */
public record ExperimentGraph(String sweepName, long seed, List<PlanNode> nodes) {

  public ExperimentGraph {
    nodes = List.copyOf(nodes);
  }

  public PlanNode node(String id) {
    return nodes.stream()
        .filter(node -> node.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node '" + id + "' in sweep " + sweepName));
  }

  /** The ids of the nodes that read from {@code id}, in graph order. */
  public List<String> downstream(String id) {
    node(id);
    return nodes.stream().filter(node -> node.upstream().contains(id)).map(PlanNode::id).toList();
  }

  public List<PlanNode> ofStage(Stage stage) {
    return nodes.stream().filter(node -> node.stage() == stage).toList();
  }

  /** A key for the whole plan (the sweep id uses it): equal plans, equal keys, whatever the sweep's name. */
  public String graphKey() {
    return CacheKeys.sha256Hex(nodes.stream().map(PlanNode::cacheKey).collect(Collectors.joining("\n")));
  }
}
