package dev.cptflow.workflows.flow;

import dev.cptflow.workflows.api.PartRequest;
import dev.cptflow.workflows.api.ProgressReport;
import dev.cptflow.workflows.api.StageResult;
import java.util.SortedMap;

public class VariantWorkflowImpl implements VariantWorkflow {
  private final ProgressBoard board = new ProgressBoard(false);

  @Override
  public SortedMap<String, StageResult> run(PartRequest request) {
    StageStubs stubs = new StageStubs(request.tuning());
    SubgraphRun run = new SubgraphRun(request.sweepId(), request.storeUri(), stubs, board, new StageCalls(stubs));
    run.track(request.nodes(), request.known());
    run.runOwn(request.nodes());
    PartialOutcome outcome = run.finish(SweepSearchAttributes.byStage(request.nodes()));
    return SubgraphRun.resultsOrThrow(request.part().label(), outcome);
  }

  @Override
  public ProgressReport progress() {
    return board.report();
  }
}
