package dev.cptflow.workflows.flow;

import dev.cptflow.workflows.api.ProgressReport;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.VariantRequest;
import dev.cptflow.workflows.plan.PlanNode;
import java.util.List;
import java.util.SortedMap;

public class VariantWorkflowImpl implements VariantWorkflow {
  private final ProgressBoard board = new ProgressBoard(false);

  @Override
  public SortedMap<String, StageResult> run(VariantRequest request) {
    GraphExecutor executor =
        new GraphExecutor(request.sweepId(), request.storeUri(), new StageStubs(request.tuning()), board);
    executor.provideAll(request.known());
    for (PlanNode node : request.nodes()) {
      board.plan(node.id(), 1, "node");
      if (request.known().containsKey(node.id())) {
        board.cached(node.id());
      }
    }
    for (PlanNode node : request.nodes()) {
      executor.schedule(node);
    }
    boolean searchAttributes = SweepSearchAttributes.enabled();
    if (searchAttributes) {
      SweepSearchAttributes.followPhases(SweepSearchAttributes.byStage(request.nodes()), executor);
    }
    List<String> nodeIds = request.nodes().stream().map(PlanNode::id).toList();
    boolean succeeded = executor.awaitAll(nodeIds);
    if (searchAttributes) {
      SweepSearchAttributes.setStage(succeeded ? SweepSearchAttributes.DONE : SweepSearchAttributes.FAILED);
    }
    if (!succeeded) {
      throw Failures.nodesFailed("variant " + request.variantId() + ": " + board.failureSummary(),
          PartialOutcome.of(executor.succeeded(nodeIds), board.unfinishedNodes()));
    }
    return executor.succeeded(nodeIds);
  }

  @Override
  public ProgressReport progress() {
    return board.report();
  }
}
