package dev.cptflow.workflows.flow;

import dev.cptflow.workflows.api.NodeIds;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.PartRequest;
import dev.cptflow.workflows.api.ProgressReport;
import dev.cptflow.workflows.api.RunTuning;
import dev.cptflow.workflows.api.ScoreBatchRequest;
import dev.cptflow.workflows.api.ScoreBatchResult;
import dev.cptflow.workflows.api.Stage;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.stage.IngestOutput;
import dev.cptflow.workflows.api.stage.IngestSet;
import dev.cptflow.workflows.api.stage.ScoreParams;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

public class CorpusWorkflowImpl implements CorpusWorkflow {
  private final ProgressBoard board = new ProgressBoard(false);
  /** Shared by every score node, so the bound holds for the whole corpus, not per metric. */
  private SlidingWindow batchWindow;
  private boolean searchAttributes;

  @Override
  public SortedMap<String, StageResult> run(PartRequest request) {
    StageStubs stubs = new StageStubs(request.tuning());
    batchWindow = new SlidingWindow(request.tuning().maxConcurrentBatches());
    StageCalls calls = new StageCalls(stubs).with(Stage.SCORE, node -> scoreAllShards(node, request.tuning(), stubs));
    SubgraphRun run = new SubgraphRun(request.sweepId(), request.storeUri(), stubs, board, calls);
    searchAttributes = run.searchAttributes();
    run.track(request.nodes(), request.known());
    run.runOwn(request.nodes());
    PartialOutcome outcome = run.finish(SweepSearchAttributes.byStage(request.nodes()));
    return SubgraphRun.resultsOrThrow(request.part().label(), outcome);
  }

  /**
   * Fits the metric on the corpus when it needs that, fans the node out over its shards, in child workflows of a
   * batch each, never more than {@link RunTuning#maxConcurrentBatches()} batches of the whole corpus at once, then
   * summarizes it.
   */
  private StageResult scoreAllShards(NodeRequest nodeRequest, RunTuning tuning, StageStubs stubs) {
    String nodeId = nodeRequest.node().id();
    ScoreParams params = nodeRequest.params(ScoreParams.class);
    IngestOutput corpus = nodeRequest.input(NodeIds.ingest(IngestSet.CORPUS), IngestOutput.class);
    int shardCount = corpus.shards();
    board.total(nodeId, shardCount, corpus.docs());
    if (params.fitsCorpus()) {
      stubs.scoreOnCpu("fit " + nodeId).fitCorpus(nodeRequest);
    }

    List<Promise<ScoreBatchResult>> batches = new ArrayList<>();
    for (int batchIndex = 0; batchIndex * tuning.shardsPerBatch() < shardCount; batchIndex++) {
      int from = batchIndex * tuning.shardsPerBatch();
      int to = Math.min(shardCount, from + tuning.shardsPerBatch());
      String childId = WorkflowIds.scoreBatch(Workflow.getInfo().getWorkflowId(), params.metric(), batchIndex);
      ScoreBatchRequest batchRequest = new ScoreBatchRequest(nodeRequest, from, to, shardCount, tuning);
      Optional<Promise<ScoreBatchResult>> started = batchWindow.start(() -> {
        board.childStarted(childId);
        return Async.function(batchStub(childId, nodeRequest.sweepId(), params.metric(), from, to, shardCount)::run,
            batchRequest);
      });
      if (started.isEmpty()) {
        break; // a batch failed; its promise below rethrows
      }
      batches.add(started.get().handle((scored, failure) -> {
        board.childFinished(childId);
        if (failure != null) {
          throw failure;
        }
        board.advance(nodeId, scored.shards(), scored.docs());
        return scored;
      }));
    }
    int reused = batches.stream().mapToInt(batch -> batch.get().reusedShards()).sum();
    // How many shards another run on the store had scored already: a sweep sharing scoring with another does it once.
    return stubs.scoreOnCpu("summarize " + nodeId).summarizeScores(nodeRequest).withCounter("shards_reused", reused);
  }

  private ScoreBatchWorkflow batchStub(String childId, String sweepId, String metric, int from, int to, int shardCount) {
    ChildWorkflowOptions.Builder options = ChildWorkflowOptions.newBuilder()
        .setWorkflowId(childId)
        .setStaticSummary("score " + metric + " shards " + (from + 1) + "-" + to + " of " + shardCount)
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL);
    if (searchAttributes) {
      options.setTypedSearchAttributes(SweepSearchAttributes.forChild(sweepId, null, Stage.SCORE));
    }
    return Workflow.newChildWorkflowStub(ScoreBatchWorkflow.class, options.build());
  }

  @Override
  public ProgressReport progress() {
    return board.report();
  }
}
