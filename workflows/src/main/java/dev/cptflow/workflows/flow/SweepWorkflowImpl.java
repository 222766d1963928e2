package dev.cptflow.workflows.flow;

import dev.cptflow.workflows.api.CacheProbe;
import dev.cptflow.workflows.api.CorpusRequest;
import dev.cptflow.workflows.api.ProgressReport;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.SweepRequest;
import dev.cptflow.workflows.api.SweepResult;
import dev.cptflow.workflows.api.VariantRequest;
import dev.cptflow.workflows.plan.ExperimentGraph;
import dev.cptflow.workflows.plan.PlanNode;
import dev.cptflow.workflows.plan.Stage;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.CompletablePromise;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

public class SweepWorkflowImpl implements SweepWorkflow {
  private final ProgressBoard board = new ProgressBoard(false);
  /** Whether this execution carries the Cpt* search attributes and passes them to its children. */
  private boolean searchAttributes;

  @Override
  public SweepResult run(SweepRequest request) {
    ExperimentGraph graph = request.graph();
    StageStubs stubs = new StageStubs(request.tuning());
    searchAttributes = SweepSearchAttributes.enabled();
    GraphExecutor executor = new GraphExecutor(request.sweepId(), request.storeUri(), stubs, board);

    for (PlanNode node : graph.nodes()) {
      board.plan(node.id(), node.stage() == Stage.SCORE ? 0 : 1, node.stage() == Stage.SCORE ? "shards" : "node");
    }
    SortedMap<String, StageResult> hits = new TreeMap<>();
    stubs.store("probe cache")
        .probeCache(new CacheProbe(request.storeUri(), graph.nodes()))
        .forEach((nodeId, result) -> hits.put(nodeId, result.asCached()));
    hits.keySet().forEach(board::cached);
    executor.provideAll(hits);

    List<PlanNode> corpusNodes = new ArrayList<>(graph.ofStage(Stage.INGEST));
    corpusNodes.addAll(graph.ofStage(Stage.SCORE));
    runCorpus(request, corpusNodes, hits, executor);
    for (Map.Entry<String, List<PlanNode>> variant : nodesByVariant(graph).entrySet()) {
      runVariant(request, variant.getKey(), variant.getValue(), hits, executor);
    }
    for (PlanNode node : graph.nodes()) {
      boolean ownNode = node.stage() == Stage.REPORT || (node.stage() == Stage.EVAL && node.variant() == null);
      if (ownNode) {
        executor.schedule(node);
      }
    }

    if (searchAttributes) {
      SweepSearchAttributes.followPhases(SweepSearchAttributes.sweepPhases(graph.nodes()), executor);
    }
    List<String> nodeIds = graph.nodes().stream().map(PlanNode::id).toList();
    boolean succeeded = executor.awaitAll(nodeIds);
    if (searchAttributes) {
      SweepSearchAttributes.setStage(succeeded ? SweepSearchAttributes.DONE : SweepSearchAttributes.FAILED);
    }
    SweepResult outcome =
        new SweepResult(
            request.sweepId(),
            succeeded ? SweepResult.COMPLETED : SweepResult.FAILED,
            executor.succeeded(nodeIds),
            new ArrayList<>(hits.keySet()),
            board.failures(),
            board.notRun());
    stubs.store("record outcome").recordOutcome(request.storeUri(), outcome);
    if (!succeeded) {
      throw Failures.nodesFailed("sweep " + request.sweepId() + ": " + board.failureSummary(),
          PartialOutcome.of(executor.succeeded(nodeIds), board.unfinishedNodes()));
    }
    return outcome;
  }

  /** Ingest and scoring run once per sweep in one child, shared by every variant that needs them. */
  private void runCorpus(
      SweepRequest request, List<PlanNode> corpusNodes, SortedMap<String, StageResult> hits, GraphExecutor executor) {
    List<PlanNode> toRun = corpusNodes.stream().filter(node -> !hits.containsKey(node.id())).toList();
    if (toRun.isEmpty()) {
      return;
    }
    String childId = WorkflowIds.corpus(Workflow.getInfo().getWorkflowId());
    CorpusWorkflow corpus =
        Workflow.newChildWorkflowStub(
            CorpusWorkflow.class,
            childOptions(childId, "corpus: " + String.join(", ", toRun.stream().map(PlanNode::id).toList()),
                request.sweepId(), null, toRun.get(0).stage()));
    CorpusRequest corpusRequest =
        new CorpusRequest(
            request.sweepId(),
            request.storeUri(),
            corpusNodes.stream().filter(node -> node.stage() == Stage.INGEST).toList(),
            corpusNodes.stream().filter(node -> node.stage() == Stage.SCORE).toList(),
            hits,
            request.tuning());
    toRun.forEach(node -> board.running(node.id()));
    board.childStarted(childId);
    provideFromChild(executor, childId, toRun, Async.function(corpus::run, corpusRequest));
  }

  /** A variant runs in its own child once the shared nodes it reads from are done. */
  private void runVariant(
      SweepRequest request,
      String variantId,
      List<PlanNode> variantNodes,
      SortedMap<String, StageResult> hits,
      GraphExecutor executor) {
    List<PlanNode> toRun = variantNodes.stream().filter(node -> !hits.containsKey(node.id())).toList();
    if (toRun.isEmpty()) {
      return;
    }
    List<String> ownIds = variantNodes.stream().map(PlanNode::id).toList();
    List<String> sharedInputs =
        variantNodes.stream()
            .flatMap(node -> node.upstream().stream())
            .filter(upstream -> !ownIds.contains(upstream))
            .distinct()
            .sorted()
            .toList();
    String childId = WorkflowIds.variant(Workflow.getInfo().getWorkflowId(), variantId);
    Promise<SortedMap<String, StageResult>> results =
        Async.function(
            () -> {
              SortedMap<String, StageResult> known = new TreeMap<>();
              for (String upstream : sharedInputs) {
                try {
                  known.put(upstream, executor.result(upstream).get());
                } catch (RuntimeException upstreamFailed) {
                  Map<String, NodeFailure> notRun = new LinkedHashMap<>();
                  toRun.forEach(node -> notRun.put(node.id(), new NodeFailure(true, upstream + " failed")));
                  throw Failures.nodesFailed(
                      "variant " + variantId + " not started: " + upstream + " failed", PartialOutcome.of(Map.of(), notRun));
                }
              }
              for (PlanNode node : variantNodes) {
                if (hits.containsKey(node.id())) {
                  known.put(node.id(), hits.get(node.id()));
                }
              }
              VariantWorkflow variant =
                  Workflow.newChildWorkflowStub(
                      VariantWorkflow.class,
                      childOptions(childId, "variant " + variantId, request.sweepId(), variantId, toRun.get(0).stage()));
              toRun.forEach(node -> board.running(node.id()));
              board.childStarted(childId);
              return variant.run(
                  new VariantRequest(request.sweepId(), request.storeUri(), variantId, variantNodes, known, request.tuning()));
            });
    provideFromChild(executor, childId, toRun, results);
  }

  /**
   * Gives each node a child runs its own promise, and copies the child's outcome onto this workflow's
   * board, where the sweep's table lives. Nodes a failed child did finish keep their results.
   */
  private void provideFromChild(
      GraphExecutor executor, String childId, List<PlanNode> childNodes, Promise<SortedMap<String, StageResult>> results) {
    Map<String, CompletablePromise<StageResult>> perNode = new LinkedHashMap<>();
    for (PlanNode node : childNodes) {
      CompletablePromise<StageResult> promise = Workflow.newPromise();
      perNode.put(node.id(), promise);
      executor.provide(node.id(), promise);
    }
    results.handle(
        (byId, failure) -> {
          board.childFinished(childId);
          Optional<PartialOutcome> partial = failure == null ? Optional.empty() : Failures.partialOutcome(failure);
          Map<String, StageResult> finished =
              failure == null ? byId : partial.<Map<String, StageResult>>map(PartialOutcome::finished).orElse(Map.of());
          Map<String, NodeFailure> unfinished =
              partial.<Map<String, NodeFailure>>map(PartialOutcome::unfinished).orElse(Map.of());
          // A child that failed without saying why per node (cancelled, timed out) fails all its nodes.
          NodeFailure otherwise = failure == null ? null : new NodeFailure(false, Failures.describe(failure));
          perNode.forEach((nodeId, promise) -> {
            StageResult result = finished.get(nodeId);
            if (result != null) {
              if (result.cached()) {
                board.cached(nodeId);
              } else {
                board.done(nodeId, (long) result.counter("docs", 0));
              }
              promise.complete(result);
              return;
            }
            NodeFailure why = unfinished.getOrDefault(nodeId, otherwise);
            if (why.notRun()) {
              board.notRun(nodeId, why.detail());
            } else {
              board.failed(nodeId, why.detail());
            }
            promise.completeExceptionally(failure);
          });
          return null;
        });
  }

  private ChildWorkflowOptions childOptions(
      String childId, String summary, String sweepId, String variantId, Stage firstStage) {
    ChildWorkflowOptions.Builder options = ChildWorkflowOptions.newBuilder().setWorkflowId(childId).setStaticSummary(summary);
    if (searchAttributes) {
      options.setTypedSearchAttributes(SweepSearchAttributes.forChild(sweepId, variantId, firstStage));
    }
    return options.build();
  }

  /** Select, pack, train and eval nodes of each variant, in plan order. */
  private static Map<String, List<PlanNode>> nodesByVariant(ExperimentGraph graph) {
    Map<String, List<PlanNode>> byVariant = new LinkedHashMap<>();
    for (PlanNode node : graph.nodes()) {
      if (node.variant() != null && node.stage() != Stage.SCORE && node.stage() != Stage.INGEST) {
        byVariant.computeIfAbsent(node.variant(), ignored -> new ArrayList<>()).add(node);
      }
    }
    return byVariant;
  }

  @Override
  public ProgressReport progress() {
    return board.report();
  }
}
