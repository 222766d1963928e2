package dev.cptflow.cli.sweep;

import dev.cptflow.cli.sweep.PendingActivities.Pending;
import dev.cptflow.workflows.api.NodeProgress;
import dev.cptflow.workflows.api.NodeState;
import dev.cptflow.workflows.api.ProgressReport;
import dev.cptflow.workflows.api.UnitProgress;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a sweep's live progress: the root's table, refined by the tables of its running children (a variant's own
 * rows replace the root's, a batch of shards adds to its score row), then by what the pending activities'
 * heartbeats say about the work inside each unit (a training's steps, a shard's documents) and whether a worker
 * has picked the work up at all.
 */
public final class ProgressReader {
  private static final String QUERY = "progress";

  private final WorkflowClient client;

  public ProgressReader(WorkflowClient client) {
    this.client = client;
  }

  /** A visited workflow's pending activities, and the running nodes whose rows it set (or, for a batch, added to). */
  private record Visited(List<Pending> pending, Set<String> owns) {}

  public List<NodeProgress> read(String rootWorkflowId) {
    Map<String, NodeProgress> rows = new LinkedHashMap<>();
    Map<String, List<Visited>> owners = new HashMap<>();
    List<Visited> visited = new ArrayList<>();
    ProgressReport root = query(rootWorkflowId);
    root.nodes().forEach(row -> rows.put(row.nodeId(), row));
    visit(root, owners, visited);
    for (String child : root.runningChildren()) {
      fold(rows, owners, visited, child);
    }
    applyPending(rows, visited);
    return new ArrayList<>(rows.values());
  }

  private void fold(Map<String, NodeProgress> rows, Map<String, List<Visited>> owners, List<Visited> visited,
      String workflowId) {
    ProgressReport report;
    try {
      report = query(workflowId);
    } catch (RuntimeException finishedOrNotStartedYet) {
      return; // the parent's row is the truth for a child we cannot ask
    }
    for (NodeProgress row : report.nodes()) {
      NodeProgress base = rows.get(row.nodeId());
      if (report.additive() && base != null) {
        rows.put(row.nodeId(), base.withProgress(base.done() + row.done(), base.items() + row.items())
            .withState(NodeState.RUNNING, base.detail()));
      } else if (base != null && row.detail().isEmpty() && !base.detail().isEmpty()) {
        // The root knows things about a node its child does not (why it is computed again).
        rows.put(row.nodeId(), row.withState(row.state(), base.detail()));
      } else {
        rows.put(row.nodeId(), row);
      }
    }
    visit(report, owners, visited);
    for (String child : report.runningChildren()) {
      fold(rows, owners, visited, child);
    }
  }

  private void visit(ProgressReport report, Map<String, List<Visited>> owners, List<Visited> visited) {
    List<String> running = report.nodes().stream()
        .filter(row -> row.state() == NodeState.RUNNING).map(NodeProgress::nodeId).toList();
    List<Pending> pending;
    try {
      pending = running.isEmpty() ? List.of() : PendingActivities.of(client, report.workflowId());
    } catch (RuntimeException closedMeanwhile) {
      pending = List.of();
    }
    Visited workflow = new Visited(pending, new HashSet<>());
    for (String nodeId : running) {
      List<Visited> earlier = owners.computeIfAbsent(nodeId, id -> new ArrayList<>());
      if (!report.additive()) {
        earlier.forEach(parent -> parent.owns().remove(nodeId)); // a child's row replaced its parent's
        earlier.clear();
      }
      earlier.add(workflow);
      workflow.owns().add(nodeId);
    }
    visited.add(workflow);
  }

  /**
   * A node a heartbeat names takes its counts from it and is running once a worker has started it. A running node
   * no heartbeat names, owned by a workflow with activities no worker has picked up yet, is queued: activity ids
   * are the SDK's, so such a wait can only be told apart by elimination.
   */
  private static void applyPending(Map<String, NodeProgress> rows, List<Visited> visited) {
    Map<String, Boolean> workingByNode = new HashMap<>();
    Map<String, Long> partItems = new HashMap<>();
    Map<String, UnitProgress> wholeNode = new HashMap<>();
    for (Visited workflow : visited) {
      for (Pending pending : workflow.pending()) {
        pending.progress().ifPresent(progress -> {
          workingByNode.merge(progress.nodeId(), pending.started() && !progress.waiting(), Boolean::logicalOr);
          if (progress.scope() == UnitProgress.Scope.PART) {
            partItems.merge(progress.nodeId(), pending.started() ? progress.items() : 0, Long::sum);
          } else {
            wholeNode.put(progress.nodeId(), progress);
          }
        });
      }
    }
    Set<String> queued = new HashSet<>();
    for (Visited workflow : visited) {
      if (workflow.pending().stream().anyMatch(pending -> !pending.started() && pending.progress().isEmpty())) {
        queued.addAll(workflow.owns());
      }
    }
    for (Map.Entry<String, NodeProgress> entry : rows.entrySet()) {
      NodeProgress row = entry.getValue();
      if (row.state() != NodeState.RUNNING) {
        continue;
      }
      if (workingByNode.containsKey(row.nodeId())) {
        entry.setValue(refined(row, wholeNode.get(row.nodeId()), partItems.getOrDefault(row.nodeId(), 0L),
            workingByNode.get(row.nodeId())));
      } else if (queued.contains(row.nodeId())) {
        entry.setValue(row.withState(NodeState.QUEUED, row.detail()));
      }
    }
  }

  private static NodeProgress refined(NodeProgress row, UnitProgress whole, long partItems, boolean working) {
    NodeProgress refined = row.withProgress(row.done(), row.items() + partItems);
    if (whole != null) {
      refined = refined.inUnit(whole.done(), whole.total(), whole.unit())
          .withProgress(whole.done(), refined.items() + whole.items())
          .withState(refined.state(), whole.note());
    }
    return working ? refined : refined.withState(NodeState.QUEUED, refined.detail());
  }

  private ProgressReport query(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId).query(QUERY, ProgressReport.class);
  }
}
