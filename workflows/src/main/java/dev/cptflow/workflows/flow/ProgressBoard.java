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
    put(NodeProgress.planned(nodeId, total, unit));
  }

  void cached(String nodeId) {
    NodeProgress row = row(nodeId);
    put(row.withProgress(row.total(), row.items()).withState(NodeState.CACHED, "cache hit"));
  }

  /** A node whose cache entry did not match its artifacts, so it runs again. */
  void recomputing(String nodeId, String reason) {
    notes.put(nodeId, "recomputed: " + reason);
    put(row(nodeId).withState(row(nodeId).state(), notes.get(nodeId)));
  }

  void running(String nodeId) {
    put(row(nodeId).withState(NodeState.RUNNING, note(nodeId)));
  }

  /** The units a node will do, and the documents it will read when that is known (0 if not). */
  void total(String nodeId, long total, long totalItems) {
    put(row(nodeId).withTotals(total, totalItems));
  }

  void advance(String nodeId, long doneDelta, long itemsDelta) {
    NodeProgress row = row(nodeId);
    put(row.withProgress(row.done() + doneDelta, row.items() + itemsDelta));
  }

  void done(String nodeId, long items) {
    NodeProgress row = row(nodeId);
    long total = row.total() == 0 ? Math.max(1, row.done()) : row.total();
    put(row.withTotals(total, row.totalItems()).withProgress(total, Math.max(items, row.items()))
        .withState(NodeState.DONE, note(nodeId)));
  }

  private String note(String nodeId) {
    return notes.getOrDefault(nodeId, "");
  }

  void failed(String nodeId, String message) {
    put(row(nodeId).withState(NodeState.FAILED, message));
  }

  /** @param reason which upstream failure kept the node from running, e.g. {@code ingest/corpus failed} */
  void notRun(String nodeId, String reason) {
    put(row(nodeId).withState(NodeState.NOT_RUN, reason));
  }

  private void put(NodeProgress row) {
    rows.put(row.nodeId(), row);
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
