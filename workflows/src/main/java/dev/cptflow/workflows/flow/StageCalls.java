package dev.cptflow.workflows.flow;

import dev.cptflow.workflows.api.EvalActivities;
import dev.cptflow.workflows.api.IngestActivities;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.PackActivities;
import dev.cptflow.workflows.api.PlanNode;
import dev.cptflow.workflows.api.ReportActivities;
import dev.cptflow.workflows.api.SelectActivities;
import dev.cptflow.workflows.api.Stage;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.TrainActivities;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The work of each stage whose node is one activity call. A score node is a fan-out over shards, which only the
 * corpus workflow does ({@link CorpusWorkflowImpl}); it adds its own entry.
 */
final class StageCalls {
  private final Map<Stage, Function<NodeRequest, StageResult>> calls = new EnumMap<>(Stage.class);

  StageCalls(StageStubs stubs) {
    // The activity's summary in the Web UI is its node's id.
    calls.put(Stage.INGEST, request -> stubs.forNode(IngestActivities.class, request.node(), request.node().id()).ingest(request));
    calls.put(Stage.SELECT, request -> stubs.forNode(SelectActivities.class, request.node(), request.node().id()).select(request));
    calls.put(Stage.PACK, request -> stubs.forNode(PackActivities.class, request.node(), request.node().id()).pack(request));
    calls.put(Stage.TRAIN, request -> stubs.forNode(TrainActivities.class, request.node(), request.node().id()).train(request));
    calls.put(Stage.EVAL, request -> stubs.forNode(EvalActivities.class, request.node(), request.node().id()).evaluate(request));
    calls.put(Stage.REPORT, request -> stubs.forNode(ReportActivities.class, request.node(), request.node().id()).report(request));
  }

  StageCalls with(Stage stage, Function<NodeRequest, StageResult> work) {
    calls.put(stage, work);
    return this;
  }

  Function<NodeRequest, StageResult> of(PlanNode node) {
    Function<NodeRequest, StageResult> work = calls.get(node.stage());
    if (work == null) {
      throw new IllegalStateException(node.id() + ": this workflow cannot run " + node.stage().key() + " nodes");
    }
    return work;
  }
}
