package dev.cptflow.workflows.flow;

import dev.cptflow.workflows.api.CacheCommit;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.plan.PlanNode;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Runs plan nodes as soon as their upstream results exist, each in its own workflow thread, and commits
 * every finished node to the cache. Results come from three places: cache hits, nodes run here, and
 * promises handed in by the owning workflow (a child workflow that runs a part of the graph).
 */
final class GraphExecutor {
  private final String sweepId;
  private final String storeUri;
  private final StageStubs stubs;
  private final ProgressBoard board;
  private final Map<String, Promise<StageResult>> results = new HashMap<>();

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

  /** Schedules a node that runs one activity; a cache hit is returned as it is. */
  Promise<StageResult> schedule(PlanNode node) {
    NodeInvoker invoker = new NodeInvoker(stubs);
    return schedule(node, invoker::invoke);
  }

  /** Schedules a node whose work is done by {@code work}, e.g. a fan-out; it is committed the same way. */
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
   * Waits for every listed node, failed or not, so that one failing variant never cuts short the work
   * of the others. Returns true when all of them succeeded; the board holds what went wrong.
   */
  boolean awaitAll(Iterable<String> nodeIds) {
    boolean allSucceeded = true;
    for (String nodeId : nodeIds) {
      try {
        result(nodeId).get();
      } catch (RuntimeException recordedOnTheBoard) {
        allSucceeded = false;
      }
    }
    return allSucceeded;
  }

  /** The results of the listed nodes that succeeded, keyed by node id. */
  SortedMap<String, StageResult> succeeded(Iterable<String> nodeIds) {
    SortedMap<String, StageResult> results = new TreeMap<>();
    for (String nodeId : nodeIds) {
      Promise<StageResult> result = result(nodeId);
      if (result.isCompleted() && result.getFailure() == null) {
        results.put(nodeId, result.get());
      }
    }
    return results;
  }

  private StageResult execute(
      PlanNode node, Map<String, Promise<StageResult>> upstream, Function<NodeRequest, StageResult> work) {
    SortedMap<String, StageResult> inputs = new TreeMap<>();
    for (Map.Entry<String, Promise<StageResult>> entry : upstream.entrySet()) {
      try {
        inputs.put(entry.getKey(), entry.getValue().get());
      } catch (RuntimeException upstreamFailure) {
        board.notRun(node.id(), entry.getKey() + " failed");
        throw upstreamFailure;
      }
    }
    board.running(node.id());
    try {
      StageResult result = work.apply(new NodeRequest(sweepId, storeUri, node, inputs));
      stubs.store("commit " + node.id()).commitNode(new CacheCommit(storeUri, result));
      board.done(node.id(), (long) result.counter("docs", 0));
      return result;
    } catch (RuntimeException failure) {
      board.failed(node.id(), Failures.describe(failure));
      throw failure;
    }
  }
}
