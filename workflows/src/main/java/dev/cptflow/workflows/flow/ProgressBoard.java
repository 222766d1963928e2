package dev.cptflow.workflows.flow;

import dev.cptflow.workflows.api.NodeProgress;
import dev.cptflow.workflows.api.NodeState;
import dev.cptflow.workflows.api.ProgressReport;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The progress table of one workflow, for people only: it answers the {@code progress()} query and mirrors itself
 * into the workflow's current details, which the Temporal Web UI shows. What failed is recorded by the
 * {@link GraphExecutor}, never read back from here. Only its owning workflow mutates it.
 */
final class ProgressBoard {
  private final Map<String, NodeProgress> rows = new LinkedHashMap<>();
  /** Why a node runs although it had a cache entry; shown beside it until the end. */
  private final Map<String, String> notes = new HashMap<>();
  private final TreeSet<String> runningChildren = new TreeSet<>();
  private final String workflowId;
  private final boolean additive;

  ProgressBoard(boolean additive) {
    this.workflowId = Workflow.getInfo().getWorkflowId();
    this.additive = additive;
  }

  void plan(String nodeId, long total, String unit) {
    rows.put(nodeId, new NodeProgress(nodeId, NodeState.PENDING, 0, total, unit, 0, ""));
    publish();
  }

  void cached(String nodeId) {
    NodeProgress row = row(nodeId);
    rows.put(nodeId, new NodeProgress(nodeId, NodeState.CACHED, row.total(), row.total(), row.unit(), row.items(), "cache hit"));
    publish();
  }

  /** A node whose cache entry did not match its artifacts, so it runs again. */
  void recomputing(String nodeId, String reason) {
    notes.put(nodeId, "recomputed: " + reason);
    mark(nodeId, row(nodeId).state(), notes.get(nodeId));
  }

  void running(String nodeId) {
    NodeProgress row = row(nodeId);
    rows.put(nodeId, new NodeProgress(nodeId, NodeState.RUNNING, row.done(), row.total(), row.unit(), row.items(), note(nodeId)));
    publish();
  }

  void total(String nodeId, long total) {
    NodeProgress row = row(nodeId);
    rows.put(nodeId, new NodeProgress(nodeId, row.state(), row.done(), total, row.unit(), row.items(), row.detail()));
    publish();
  }

  void advance(String nodeId, long doneDelta, long itemsDelta) {
    NodeProgress row = row(nodeId);
    rows.put(nodeId, new NodeProgress(nodeId, row.state(), row.done() + doneDelta, row.total(), row.unit(), row.items() + itemsDelta, row.detail()));
    publish();
  }

  void done(String nodeId, long items) {
    NodeProgress row = row(nodeId);
    long total = row.total() == 0 ? Math.max(1, row.done()) : row.total();
    rows.put(nodeId, new NodeProgress(nodeId, NodeState.DONE, total, total, row.unit(), Math.max(items, row.items()), note(nodeId)));
    publish();
  }

  private String note(String nodeId) {
    return notes.getOrDefault(nodeId, "");
  }

  void failed(String nodeId, String message) {
    mark(nodeId, NodeState.FAILED, message);
  }

  /** @param reason which upstream failure kept the node from running, e.g. {@code ingest/corpus failed} */
  void notRun(String nodeId, String reason) {
    mark(nodeId, NodeState.NOT_RUN, reason);
  }

  private void mark(String nodeId, NodeState state, String detail) {
    NodeProgress row = row(nodeId);
    rows.put(nodeId, new NodeProgress(nodeId, state, row.done(), row.total(), row.unit(), row.items(), detail));
    publish();
  }

  void childStarted(String workflowId) {
    runningChildren.add(workflowId);
  }

  void childFinished(String workflowId) {
    runningChildren.remove(workflowId);
  }

  ProgressReport report() {
    return new ProgressReport(workflowId, new ArrayList<>(rows.values()), new ArrayList<>(runningChildren), additive);
  }

  private NodeProgress row(String nodeId) {
    NodeProgress row = rows.get(nodeId);
    if (row == null) {
      throw new IllegalStateException("no progress row for " + nodeId);
    }
    return row;
  }

  /** A markdown table, because the Web UI renders current details as markdown. */
  private void publish() {
    StringBuilder table = new StringBuilder("| node | state | progress |\n|---|---|---|\n");
    for (NodeProgress row : rows.values()) {
      table.append("| ").append(row.nodeId())
          .append(" | ").append(row.state().name().toLowerCase())
          .append(" | ").append(row.done()).append('/').append(row.total()).append(' ').append(row.unit());
      if (!row.detail().isEmpty()) {
        table.append(" (").append(row.detail()).append(')');
      }
      table.append(" |\n");
    }
    Workflow.setCurrentDetails(table.toString());
  }
}
