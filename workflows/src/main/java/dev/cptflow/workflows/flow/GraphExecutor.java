package dev.cptflow.workflows.flow;

import dev.cptflow.workflows.api.CacheCommit;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.PlanNode;
import dev.cptflow.workflows.api.StageResult;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Runs plan nodes as soon as their upstream results exist, each in its own workflow thread, commits every finished
 * node to the cache, and keeps the record of what failed and why. Results come from three places: cache hits, nodes
 * run here, and promises handed in by the owning workflow (a child workflow that runs a part of the graph).
 */
final class GraphExecutor {
  private final String sweepId;
  private final String storeUri;
  private final StageStubs stubs;
  private final ProgressBoard board;
  private final Map<String, Promise<StageResult>> results = new HashMap<>();
  /** Every node that did not finish, in the order its failure became known. */
  private final Map<String, NodeFailure> failures = new LinkedHashMap<>();

  GraphExecutor(String sweepId, String storeUri, StageStubs stubs, ProgressBoard board) {
    this.sweepId = sweepId;
    this.storeUri = storeUri;
    this.stubs = stubs;
    this.board = board;
  }

  void provide(String nodeId, Promise<StageResult> result) {
    results.put(nodeId, result);
  }

  void provideAll(Map<String, StageResult> known) {
    known.forEach((nodeId, result) -> results.put(nodeId, Workflow.newPromise(result)));
  }

  Promise<StageResult> result(String nodeId) {
    Promise<StageResult> result = results.get(nodeId);
    if (result == null) {
      throw new IllegalStateException("no result is scheduled for " + nodeId);
    }
    return result;
  }

  /** Records that a node owned elsewhere (a child workflow's) did not finish, and shows it. */
  void recordFailure(String nodeId, NodeFailure why) {
    failures.putIfAbsent(nodeId, why);
    if (why.notRun()) {
      board.notRun(nodeId, why.detail());
    } else {
      board.failed(nodeId, why.detail());
    }
  }

  /** Schedules a node whose work is done by {@code work} (one activity, or a fan-out); a cache hit is returned as it is. */
  Promise<StageResult> schedule(PlanNode node, Function<NodeRequest, StageResult> work) {
    if (results.containsKey(node.id())) {
      return results.get(node.id());
    }
    Map<String, Promise<StageResult>> upstream = new TreeMap<>();
    for (String upstreamId : node.upstream()) {
      upstream.put(upstreamId, result(upstreamId));
    }
    Promise<StageResult> promise = Async.function(() -> execute(node, upstream, work));
    results.put(node.id(), promise);
    return promise;
  }

  /**
   * Waits for every listed node, failed or not, so that one failing variant never cuts short the work of the
   * others, then says how they ended.
   */
  PartialOutcome awaitAll(List<String> nodeIds) {
    SortedMap<String, StageResult> finished = new TreeMap<>();
    for (String nodeId : nodeIds) {
      try {
        finished.put(nodeId, result(nodeId).get());
      } catch (RuntimeException recorded) {
        failures.putIfAbsent(nodeId, NodeFailure.failed(Failures.describe(recorded)));
      }
    }
    Map<String, NodeFailure> unfinished = new LinkedHashMap<>();
    failures.forEach((nodeId, why) -> {
      if (nodeIds.contains(nodeId)) {
        unfinished.put(nodeId, why);
      }
    });
    return PartialOutcome.of(finished, unfinished);
  }

  private StageResult execute(
      PlanNode node, Map<String, Promise<StageResult>> upstream, Function<NodeRequest, StageResult> work) {
    SortedMap<String, StageResult> inputs = new TreeMap<>();
    for (Map.Entry<String, Promise<StageResult>> entry : upstream.entrySet()) {
      try {
        inputs.put(entry.getKey(), entry.getValue().get());
      } catch (RuntimeException upstreamFailure) {
        recordFailure(node.id(), NodeFailure.upstreamFailed(entry.getKey()));
        throw upstreamFailure;
      }
    }
    board.running(node.id());
    try {
      StageResult result = work.apply(new NodeRequest(sweepId, storeUri, node, inputs));
      stubs.store("commit " + node.id()).commitNode(new CacheCommit(storeUri, result));
      board.done(node.id(), (long) result.shown("docs", 0));
      return result;
    } catch (RuntimeException failure) {
      recordFailure(node.id(), NodeFailure.failed(Failures.describe(failure)));
      throw failure;
    }
  }
}
