package dev.cptflow.workflows.flow;

import dev.cptflow.workflows.api.GraphPart;
import dev.cptflow.workflows.api.PlanNode;
import dev.cptflow.workflows.api.Stage;
import dev.cptflow.workflows.api.StageResult;
import io.temporal.workflow.Async;
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
import java.util.function.Function;

/**
 * The skeleton every workflow of a sweep runs over its share of the graph: show its nodes on the board with the cache
 * hits marked, run its own nodes and hand parts to child workflows, keep {@code CptStage} on the phase under way,
 * wait for everything, and say how it ended. The sweep, the corpus and a variant differ only in which nodes they own
 * and how a score node's work is done.
 */
final class SubgraphRun {
  private final ProgressBoard board;
  private final GraphExecutor executor;
  private final StageCalls calls;
  private final List<String> tracked = new ArrayList<>();
  /** Whether this execution carries the Cpt* search attributes and passes them to its children. */
  private final boolean searchAttributes;

  SubgraphRun(String sweepId, String storeUri, StageStubs stubs, ProgressBoard board, StageCalls calls) {
    this.board = board;
    this.executor = new GraphExecutor(sweepId, storeUri, stubs, board);
    this.calls = calls;
    this.searchAttributes = SweepSearchAttributes.enabled();
  }

  boolean searchAttributes() {
    return searchAttributes;
  }

  /**
   * Puts {@code nodes} on the board (a score node counts shards, the rest count one node) and makes {@code known}
   * available to them: cache hits among {@code nodes} show as such, the others are results of shared nodes read from
   * outside.
   */
  void track(List<PlanNode> nodes, Map<String, StageResult> known) {
    for (PlanNode node : nodes) {
      boolean shards = node.stage() == Stage.SCORE;
      board.plan(node.id(), shards ? 0 : 1, shards ? "shards" : "node");
      if (known.containsKey(node.id())) {
        board.cached(node.id());
      }
      tracked.add(node.id());
    }
    executor.provideAll(known);
  }

  /** Runs these nodes here, each as soon as its inputs exist; a known node is not run again. */
  void runOwn(List<PlanNode> nodes) {
    nodes.forEach(node -> executor.schedule(node, calls.of(node)));
  }

  /**
   * Hands {@code part} to a child workflow, started once the results it reads from outside the part exist, unless
   * every node of it is a cache hit. If one of those inputs failed, the child never starts and its nodes are
   * marked not run.
   *
   * @param child starts the child with the results it starts from and returns its nodes' results
   */
  void delegate(GraphPart part, List<PlanNode> nodes, Map<String, StageResult> hits, String childId,
      Function<SortedMap<String, StageResult>, SortedMap<String, StageResult>> child) {
    List<PlanNode> toRun = nodes.stream().filter(node -> !hits.containsKey(node.id())).toList();
    if (toRun.isEmpty()) {
      return;
    }
    List<String> owned = nodes.stream().map(PlanNode::id).toList();
    List<String> sharedInputs = nodes.stream()
        .flatMap(node -> node.upstream().stream())
        .filter(upstream -> !owned.contains(upstream))
        .distinct()
        .sorted()
        .toList();
    Promise<SortedMap<String, StageResult>> results = Async.function(() -> {
      SortedMap<String, StageResult> known = new TreeMap<>();
      for (String upstream : sharedInputs) {
        try {
          known.put(upstream, executor.result(upstream).get());
        } catch (RuntimeException upstreamFailed) {
          Map<String, NodeFailure> notRun = new LinkedHashMap<>();
          toRun.forEach(node -> notRun.put(node.id(), NodeFailure.upstreamFailed(upstream)));
          throw Failures.nodesFailed(part.label() + " not started", PartialOutcome.of(Map.of(), notRun));
        }
      }
      owned.stream().filter(hits::containsKey).forEach(id -> known.put(id, hits.get(id)));
      toRun.forEach(node -> board.running(node.id()));
      board.childStarted(childId);
      return child.apply(known);
    });
    provideFromChild(childId, toRun, results);
  }

  /**
   * Gives each node a child runs its own promise, and copies the child's outcome onto this workflow's board and
   * failure record. Nodes a failed child did finish keep their results.
   */
  private void provideFromChild(String childId, List<PlanNode> childNodes, Promise<SortedMap<String, StageResult>> results) {
    Map<String, CompletablePromise<StageResult>> perNode = new LinkedHashMap<>();
    for (PlanNode node : childNodes) {
      CompletablePromise<StageResult> promise = Workflow.newPromise();
      perNode.put(node.id(), promise);
      executor.provide(node.id(), promise);
    }
    results.handle((byId, failure) -> {
      board.childFinished(childId);
      Optional<PartialOutcome> partial = failure == null ? Optional.empty() : Failures.partialOutcome(failure);
      Map<String, StageResult> finished =
          failure == null ? byId : partial.<Map<String, StageResult>>map(PartialOutcome::finished).orElse(Map.of());
      Map<String, NodeFailure> unfinished = partial.<Map<String, NodeFailure>>map(PartialOutcome::unfinished).orElse(Map.of());
      // A child that failed without saying why per node (cancelled, timed out) fails all its nodes.
      NodeFailure otherwise = failure == null ? null : NodeFailure.failed(Failures.describe(failure));
      perNode.forEach((nodeId, promise) -> {
        StageResult result = finished.get(nodeId);
        if (result != null) {
          if (result.cached()) {
            board.cached(nodeId);
          } else {
            board.done(nodeId, (long) result.shown("docs", 0));
          }
          promise.complete(result);
          return;
        }
        executor.recordFailure(nodeId, unfinished.getOrDefault(nodeId, otherwise));
        promise.completeExceptionally(failure);
      });
      return null;
    });
  }

  /**
   * Waits for every tracked node, keeping {@code CptStage} on the first of {@code phases} with unfinished nodes, then
   * sets it to {@code done} or {@code failed} and says how the nodes ended.
   */
  PartialOutcome finish(Map<String, List<PlanNode>> phases) {
    if (searchAttributes) {
      SweepSearchAttributes.followPhases(phases, executor);
    }
    PartialOutcome outcome = executor.awaitAll(tracked);
    if (searchAttributes) {
      SweepSearchAttributes.setStage(outcome.succeeded() ? SweepSearchAttributes.DONE : SweepSearchAttributes.FAILED);
    }
    return outcome;
  }

  /** A child's epilogue: its nodes' results, or the failure that tells its parent which nodes did not finish. */
  static SortedMap<String, StageResult> resultsOrThrow(String label, PartialOutcome outcome) {
    if (!outcome.succeeded()) {
      throw Failures.nodesFailed(label, outcome);
    }
    return outcome.finished();
  }
}
