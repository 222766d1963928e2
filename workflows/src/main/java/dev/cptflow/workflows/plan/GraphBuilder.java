package dev.cptflow.workflows.plan;

import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.api.GraphPart;
import dev.cptflow.workflows.api.PlanNode;
import dev.cptflow.workflows.api.Stage;
import dev.cptflow.workflows.api.TaskQueues;
import dev.cptflow.workflows.api.stage.StageParams;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects nodes as the planner names them, then orders them by stage and keys each one from its inputs' keys.
 * Every edge runs from an earlier stage to a later one, so stage order is a topological order.
 */
final class GraphBuilder {

  private record Draft(String id, Stage stage, String variant, StageParams params, List<String> upstream, TaskQueues queue) {}

  private final Map<String, Draft> drafts = new LinkedHashMap<>();

  void add(String id, String variant, StageParams params, List<String> upstream) {
    Stage stage = stageOf(params);
    add(id, variant, params, upstream, stage.defaultQueue());
  }

  void add(String id, String variant, StageParams params, List<String> upstream, TaskQueues queue) {
    Draft draft = new Draft(id, stageOf(params), variant, params, upstream.stream().sorted().distinct().toList(), queue);
    if (drafts.putIfAbsent(id, draft) != null) {
      throw new IllegalStateException("node '" + id + "' planned twice");
    }
  }

  private static Stage stageOf(StageParams params) {
    for (Stage stage : Stage.values()) {
      if (stage.paramsType().isInstance(params)) {
        return stage;
      }
    }
    throw new IllegalArgumentException("no stage takes " + params.getClass().getSimpleName());
  }

  ExperimentGraph build(String sweepName, long seed, List<GraphPart> parts) {
    List<Draft> ordered = new ArrayList<>(drafts.values());
    ordered.sort(Comparator.comparing(Draft::stage)); // stable: planning order within a stage
    Map<String, PlanNode> built = new HashMap<>();
    List<PlanNode> nodes = new ArrayList<>();
    for (Draft draft : ordered) {
      List<String> upstreamKeys = draft.upstream().stream().map(id -> input(built, draft, id).cacheKey()).toList();
      PlanNode node = new PlanNode(draft.id(), draft.stage(), draft.variant(), draft.params(), draft.upstream(),
          draft.queue(), CacheKeys.of(draft.stage(), draft.params(), upstreamKeys));
      built.put(node.id(), node);
      nodes.add(node);
    }
    List<String> order = nodes.stream().map(PlanNode::id).toList();
    List<GraphPart> sorted = parts.stream()
        .map(part -> new GraphPart(part.kind(), part.variant(),
            part.nodeIds().stream().sorted(Comparator.comparingInt(order::indexOf)).toList()))
        .toList();
    return new ExperimentGraph(sweepName, seed, nodes, sorted);
  }

  private PlanNode input(Map<String, PlanNode> built, Draft draft, String upstreamId) {
    PlanNode input = built.get(upstreamId);
    if (input == null || input.stage().compareTo(draft.stage()) >= 0) {
      throw new IllegalStateException(draft.id() + " reads " + upstreamId + ", which is not planned in an earlier stage");
    }
    return input;
  }
}
