package dev.cptflow.workflows.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Collects nodes as the planner names them, then orders them by stage and keys each one from its inputs' keys.
 * Every edge runs from an earlier stage to a later one, so stage order is a topological order.
 */
final class GraphBuilder {

  private record Draft(String id, Stage stage, String variant, SortedMap<String, String> params, List<String> upstream) {}

  private final Map<String, Draft> drafts = new LinkedHashMap<>();

  void add(String id, Stage stage, String variant, SortedMap<String, String> params, List<String> upstream) {
    if (drafts.putIfAbsent(id, new Draft(id, stage, variant, params, upstream.stream().sorted().toList())) != null) {
      throw new IllegalStateException("node '" + id + "' planned twice");
    }
  }

  ExperimentGraph build(String sweepName, long seed) {
    List<Draft> ordered = new ArrayList<>(drafts.values());
    ordered.sort(Comparator.comparing(Draft::stage)); // stable: planning order within a stage
    Map<String, PlanNode> built = new HashMap<>();
    List<PlanNode> nodes = new ArrayList<>();
    for (Draft draft : ordered) {
      List<String> upstreamKeys = draft.upstream().stream().map(id -> input(built, draft, id).cacheKey()).toList();
      PlanNode node = new PlanNode(draft.id(), draft.stage(), draft.variant(), draft.params(), draft.upstream(),
          CacheKeys.of(draft.stage(), draft.params(), upstreamKeys));
      built.put(node.id(), node);
      nodes.add(node);
    }
    return new ExperimentGraph(sweepName, seed, nodes);
  }

  private PlanNode input(Map<String, PlanNode> built, Draft draft, String upstreamId) {
    PlanNode input = built.get(upstreamId);
    if (input == null || input.stage().compareTo(draft.stage()) >= 0) {
      throw new IllegalStateException(draft.id() + " reads " + upstreamId + ", which is not planned in an earlier stage");
    }
    return input;
  }
}
