package dev.cptflow.workflows.flow;

import dev.cptflow.workflows.api.CorpusRequest;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.ProgressReport;
import dev.cptflow.workflows.api.RunTuning;
import dev.cptflow.workflows.api.ScoreBatchRequest;
import dev.cptflow.workflows.api.ScoreBatchResult;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.plan.PlanNode;
import dev.cptflow.workflows.plan.Stage;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

public class CorpusWorkflowImpl implements CorpusWorkflow {
  /** The ingest node whose shards every score node reads. */
  static final String CORPUS_INGEST = dev.cptflow.workflows.plan.Planner.INGEST_CORPUS;

  private final ProgressBoard board = new ProgressBoard(false);
  /** Shared by every score node, so the bound holds for the whole corpus, not per metric. */
  private SlidingWindow batchWindow;
  /** Whether this execution carries the Cpt* search attributes and passes them to its batches. */
  private boolean searchAttributes;

  @Override
  public SortedMap<String, StageResult> run(CorpusRequest request) {
    StageStubs stubs = new StageStubs(request.tuning());
    batchWindow = new SlidingWindow(request.tuning().maxConcurrentBatches());
    searchAttributes = SweepSearchAttributes.enabled();
    GraphExecutor executor = new GraphExecutor(request.sweepId(), request.storeUri(), stubs, board);
    executor.provideAll(request.known());

    List<PlanNode> nodes = new ArrayList<>(request.ingestNodes());
    nodes.addAll(request.scoreNodes());
    for (PlanNode node : request.ingestNodes()) {
      board.plan(node.id(), 1, "node");
    }
    for (PlanNode node : request.scoreNodes()) {
      board.plan(node.id(), 0, "shards");
    }
    for (PlanNode node : nodes) {
      if (request.known().containsKey(node.id())) {
        board.cached(node.id());
      }
    }

    for (PlanNode node : request.ingestNodes()) {
      executor.schedule(node);
    }
    for (PlanNode node : request.scoreNodes()) {
      executor.schedule(node, nodeRequest -> scoreAllShards(nodeRequest, request.tuning(), stubs));
    }

    if (searchAttributes) {
      SweepSearchAttributes.followPhases(SweepSearchAttributes.byStage(nodes), executor);
    }
    List<String> nodeIds = nodes.stream().map(PlanNode::id).toList();
    boolean succeeded = executor.awaitAll(nodeIds);
    if (searchAttributes) {
      SweepSearchAttributes.setStage(succeeded ? SweepSearchAttributes.DONE : SweepSearchAttributes.FAILED);
    }
    if (!succeeded) {
      throw Failures.nodesFailed("corpus: " + board.failureSummary(),
          PartialOutcome.of(executor.succeeded(nodeIds), board.unfinishedNodes()));
    }
    return executor.succeeded(nodeIds);
  }

  /**
   * Fans one score node out over its shards, in child workflows of a batch each, never more than
   * {@link RunTuning#maxConcurrentBatches()} batches of the whole corpus at once, then summarizes it.
   */
  private StageResult scoreAllShards(NodeRequest nodeRequest, RunTuning tuning, StageStubs stubs) {
    String nodeId = nodeRequest.node().id();
    String metric = nodeId.substring(nodeId.indexOf('/') + 1);
    int shardCount = (int) nodeRequest.upstreamResult(CORPUS_INGEST).counter("shards", 0);
    board.total(nodeId, shardCount);

    List<Promise<ScoreBatchResult>> batches = new ArrayList<>();
    for (int batchIndex = 0; batchIndex * tuning.shardsPerBatch() < shardCount; batchIndex++) {
      int from = batchIndex * tuning.shardsPerBatch();
      int to = Math.min(shardCount, from + tuning.shardsPerBatch());
      String childId = WorkflowIds.scoreBatch(Workflow.getInfo().getWorkflowId(), metric, batchIndex);
      ScoreBatchRequest batchRequest = new ScoreBatchRequest(nodeRequest, metric, from, to, shardCount, tuning);
      Optional<Promise<ScoreBatchResult>> started = batchWindow.start(() -> {
        board.childStarted(childId);
        return Async.function(batchStub(childId, nodeRequest.sweepId(), metric, from, to, shardCount)::run, batchRequest);
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

    long docs = 0;
    long tokens = 0;
    for (Promise<ScoreBatchResult> batch : batches) {
      ScoreBatchResult scored = batch.get();
      docs += scored.docs();
      tokens += scored.tokens();
    }
    StageResult summary = stubs.summarizeScores("summarize " + nodeId).summarizeScores(nodeRequest);
    SortedMap<String, Double> counters = new TreeMap<>(summary.counters());
    counters.putIfAbsent("docs", (double) docs);
    counters.putIfAbsent("tokens", (double) tokens);
    counters.put("shards", (double) shardCount);
    return new StageResult(summary.nodeId(), summary.cacheKey(), summary.outputPrefix(), summary.artifacts(), counters, false);
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
