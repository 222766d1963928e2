package dev.cptflow.workflows.flow;

import dev.cptflow.workflows.api.CacheProbe;
import dev.cptflow.workflows.api.CacheProbeResult;
import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.api.GraphPart;
import dev.cptflow.workflows.api.PartRequest;
import dev.cptflow.workflows.api.PlanNode;
import dev.cptflow.workflows.api.ProgressReport;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.SweepRequest;
import dev.cptflow.workflows.api.SweepResult;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

public class SweepWorkflowImpl implements SweepWorkflow {
  /** Sweeps started before cache entries were verified probe with {@code probeCache}; later ones with {@code probeVerified}. */
  static final String VERIFIED_CACHE = "verified-cache";

  private final ProgressBoard board = new ProgressBoard(false);

  @Override
  public SweepResult run(SweepRequest request) {
    ExperimentGraph graph = request.graph();
    StageStubs stubs = new StageStubs(request.tuning());
    SubgraphRun run = new SubgraphRun(request.sweepId(), request.storeUri(), stubs, board, new StageCalls(stubs));

    SortedMap<String, StageResult> hits = new TreeMap<>();
    SortedMap<String, String> rejected = new TreeMap<>();
    CacheProbe probe = new CacheProbe(request.storeUri(), graph.nodes(), request.tuning().verifyCache());
    if (Workflow.getVersion(VERIFIED_CACHE, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      stubs.store("probe cache").probeCache(probe).forEach((nodeId, result) -> hits.put(nodeId, result.asCached()));
    } else {
      CacheProbeResult probed = stubs.store("probe cache").probeVerified(probe);
      probed.hits().forEach((nodeId, result) -> hits.put(nodeId, result.asCached()));
      rejected.putAll(probed.rejected());
    }
    run.track(graph.nodes(), hits);
    rejected.forEach(board::recomputing);
    for (GraphPart part : graph.parts()) {
      List<PlanNode> nodes = graph.nodes(part.nodeIds());
      String childId = part.kind() == GraphPart.Kind.CORPUS
          ? WorkflowIds.corpus(Workflow.getInfo().getWorkflowId())
          : WorkflowIds.variant(Workflow.getInfo().getWorkflowId(), part.variant());
      run.delegate(part, nodes, hits, childId, known -> startChild(run, request, part, nodes, known, childId));
    }
    run.runOwn(graph.rootNodes());

    PartialOutcome outcome = run.finish(SweepSearchAttributes.sweepPhases(graph));
    SweepResult result = new SweepResult(request.sweepId(), outcome.succeeded() ? SweepResult.COMPLETED : SweepResult.FAILED,
        outcome.finished(), new ArrayList<>(hits.keySet()), outcome.failureLines(), outcome.notRun(), rejected);
    stubs.store("record outcome").recordOutcome(request.storeUri(), result);
    if (!outcome.succeeded()) {
      throw Failures.nodesFailed("sweep " + request.sweepId(), outcome);
    }
    return result;
  }

  /** Runs a part in its child workflow: the corpus's ingest and scoring, or one variant's nodes. */
  private static SortedMap<String, StageResult> startChild(SubgraphRun run, SweepRequest request, GraphPart part,
      List<PlanNode> nodes, SortedMap<String, StageResult> known, String childId) {
    PartRequest partRequest = new PartRequest(request.sweepId(), request.storeUri(), part, nodes, known, request.tuning());
    List<PlanNode> toRun = nodes.stream().filter(node -> !known.containsKey(node.id())).toList();
    ChildWorkflowOptions.Builder options = ChildWorkflowOptions.newBuilder()
        .setWorkflowId(childId)
        .setStaticSummary(part.kind() == GraphPart.Kind.CORPUS
            ? "corpus: " + String.join(", ", toRun.stream().map(PlanNode::id).toList())
            : part.label());
    if (run.searchAttributes()) {
      options.setTypedSearchAttributes(
          SweepSearchAttributes.forChild(request.sweepId(), part.variant(), toRun.get(0).stage()));
    }
    return part.kind() == GraphPart.Kind.CORPUS
        ? Workflow.newChildWorkflowStub(CorpusWorkflow.class, options.build()).run(partRequest)
        : Workflow.newChildWorkflowStub(VariantWorkflow.class, options.build()).run(partRequest);
  }

  @Override
  public ProgressReport progress() {
    return board.report();
  }
}
