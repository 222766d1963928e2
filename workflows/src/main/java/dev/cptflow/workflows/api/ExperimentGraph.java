package dev.cptflow.workflows.api;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The plan of one sweep: every node it needs, shared nodes once, in a stable topological order (by stage, then as
 * planned), and which child workflow owns which nodes. It travels as a workflow payload, so it stays a plain record;
 * lookups scan the list, which holds tens of nodes, not thousands.
 */
public record ExperimentGraph(String sweepName, long seed, List<PlanNode> nodes, List<GraphPart> parts) {

  public ExperimentGraph {
    nodes = List.copyOf(nodes);
    parts = List.copyOf(parts);
  }

  public PlanNode node(String id) {
    return nodes.stream()
        .filter(node -> node.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node '" + id + "' in sweep " + sweepName));
  }

  public List<PlanNode> nodes(List<String> ids) {
    return ids.stream().map(this::node).toList();
  }

  /** The ids of the nodes that read from {@code id}, in graph order. */
  public List<String> downstream(String id) {
    node(id);
    return nodes.stream().filter(node -> node.upstream().contains(id)).map(PlanNode::id).toList();
  }

  public List<PlanNode> ofStage(Stage stage) {
    return nodes.stream().filter(node -> node.stage() == stage).toList();
  }

  /** The nodes no child workflow owns: the root sweep runs them itself. */
  public List<PlanNode> rootNodes() {
    Set<String> owned = parts.stream().flatMap(part -> part.nodeIds().stream()).collect(Collectors.toSet());
    return nodes.stream().filter(node -> !owned.contains(node.id())).toList();
  }

  /** A key for the whole plan (the sweep id uses it): equal plans, equal keys, whatever the sweep's name. */
  public String graphKey() {
    return Sha256.hex(nodes.stream().map(PlanNode::cacheKey).collect(Collectors.joining("\n")));
  }
}
