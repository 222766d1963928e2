package dev.cptflow.workflows.flow;

import dev.cptflow.workflows.api.CptSearchAttributes;
import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.api.GraphPart;
import dev.cptflow.workflows.api.PlanNode;
import dev.cptflow.workflows.api.Stage;
import dev.cptflow.workflows.api.StageResult;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maintains the {@link CptSearchAttributes} from inside the workflows, so sweeps can be found and filtered in the
 * Web UI and by {@code cpt list}.
 *
 * <p>The client sets {@code CptSweep} on the root workflow only when the server knows the attributes; a server that
 * does not would reject the start. Workflows therefore take their presence on their own execution as the switch, and
 * pass them to their children.
 */
final class SweepSearchAttributes {
  static final SearchAttributeKey<String> SWEEP = CptSearchAttributes.SWEEP;
  static final SearchAttributeKey<String> VARIANT = CptSearchAttributes.VARIANT;
  static final SearchAttributeKey<String> STAGE = CptSearchAttributes.STAGE;
  static final String DONE = CptSearchAttributes.DONE;
  static final String FAILED = CptSearchAttributes.FAILED;

  /** Upserting attributes adds commands; executions started before this change must replay without them. */
  private static final String CHANGE_ID = "cpt-search-attributes";

  private SweepSearchAttributes() {}

  /** True when this execution was started with {@code CptSweep} and runs code that maintains the attributes. */
  static boolean enabled() {
    if (!Workflow.getTypedSearchAttributes().containsKey(SWEEP)) {
      return false;
    }
    return Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /** The attributes a child of this sweep starts with: the sweep, its variant if any, and its first stage. */
  static SearchAttributes forChild(String sweepId, String variantId, Stage firstStage) {
    SearchAttributes.Builder attributes =
        SearchAttributes.newBuilder().set(SWEEP, sweepId).set(STAGE, firstStage.key());
    if (variantId != null) {
      attributes.set(VARIANT, variantId);
    }
    return attributes.build();
  }

  /** Upserts {@code CptStage} unless it holds {@code stage} already (a child starts in its first stage). */
  static void setStage(String stage) {
    if (!stage.equals(Workflow.getTypedSearchAttributes().get(STAGE))) {
      Workflow.upsertTypedSearchAttributes(STAGE.valueSet(stage));
    }
  }

  /** A child's phases are its pipeline stages, in order. */
  static Map<String, List<PlanNode>> byStage(List<PlanNode> nodes) {
    Map<Stage, List<PlanNode>> byStage = new EnumMap<>(Stage.class);
    nodes.forEach(node -> byStage.computeIfAbsent(node.stage(), ignored -> new ArrayList<>()).add(node));
    Map<String, List<PlanNode>> phases = new LinkedHashMap<>();
    byStage.forEach((stage, stageNodes) -> phases.put(stage.key(), stageNodes));
    return phases;
  }

  /**
   * The root sweep's phases: it learns of a child's nodes only when the child ends, so it shows the part of the
   * sweep running now (the corpus, then the variants with the base model's evaluations, then the report), and the
   * children's own workflows show their stages.
   */
  static Map<String, List<PlanNode>> sweepPhases(ExperimentGraph graph) {
    Map<String, List<PlanNode>> phases = new LinkedHashMap<>();
    phases.put(CptSearchAttributes.CORPUS, new ArrayList<>());
    phases.put(CptSearchAttributes.VARIANTS, new ArrayList<>());
    phases.put(Stage.REPORT.key(), new ArrayList<>());
    for (GraphPart part : graph.parts()) {
      String phase = part.kind() == GraphPart.Kind.CORPUS ? CptSearchAttributes.CORPUS : CptSearchAttributes.VARIANTS;
      phases.get(phase).addAll(graph.nodes(part.nodeIds()));
    }
    for (PlanNode node : graph.rootNodes()) {
      phases.get(node.stage() == Stage.REPORT ? Stage.REPORT.key() : CptSearchAttributes.VARIANTS).add(node);
    }
    phases.values().removeIf(List::isEmpty);
    return phases;
  }

  /**
   * Keeps {@code CptStage} on the first phase, in the given order, that still has unfinished nodes, returning once
   * every node is finished (failed or not). Phases whose nodes are all finished already (cache hits) are skipped
   * without an upsert.
   */
  static void followPhases(Map<String, List<PlanNode>> phases, GraphExecutor executor) {
    for (Map.Entry<String, List<PlanNode>> phase : phases.entrySet()) {
      List<Promise<StageResult>> results = phase.getValue().stream().map(node -> executor.result(node.id())).toList();
      if (results.stream().allMatch(Promise::isCompleted)) {
        continue;
      }
      setStage(phase.getKey());
      for (Promise<StageResult> result : results) {
        try {
          result.get();
        } catch (RuntimeException failedNodeIsOnTheBoard) {
          // The owning workflow reports failures; here a failed node only counts as finished.
        }
      }
    }
  }
}
