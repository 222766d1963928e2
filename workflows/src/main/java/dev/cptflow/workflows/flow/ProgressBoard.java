package dev.cptflow.workflows.flow;

import dev.cptflow.workflows.api.NodeProgress;
import dev.cptflow.workflows.api.NodeState;
import dev.cptflow.workflows.api.ProgressReport;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The progress table of one workflow. It answers the {@code progress()} query and mirrors itself into
 * the workflow's current details, which the Temporal Web UI shows. Only its owning workflow mutates it.
 */
final class ProgressBoard {
  private final Map<String, NodeProgress> rows = new LinkedHashMap<>();
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

  void running(String nodeId) {
    NodeProgress row = row(nodeId);
    rows.put(nodeId, new NodeProgress(nodeId, NodeState.RUNNING, row.done(), row.total(), row.unit(), row.items(), ""));
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
    rows.put(nodeId, new NodeProgress(nodeId, NodeState.DONE, total, total, row.unit(), Math.max(items, row.items()), ""));
    publish();
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

  NodeState state(String nodeId) {
    return row(nodeId).state();
  }

  /** Node id to detail of every node in {@code state}, in plan order. */
  Map<String, String> inState(NodeState state) {
    Map<String, String> details = new LinkedHashMap<>();
    for (NodeProgress row : rows.values()) {
      if (row.state() == state) {
        details.put(row.nodeId(), row.detail());
      }
    }
    return details;
  }

  /** {@code "train/x: message"} for each node that failed itself (not the ones it kept from running). */
  List<String> failures() {
    List<String> lines = new ArrayList<>();
    inState(NodeState.FAILED).forEach((nodeId, detail) -> lines.add(nodeId + ": " + detail));
    return lines;
  }

  List<String> notRun() {
    return new ArrayList<>(inState(NodeState.NOT_RUN).keySet());
  }

  /** Every node that failed or was not run, with why, for a failed workflow to tell its parent. */
  Map<String, NodeFailure> unfinishedNodes() {
    Map<String, NodeFailure> unfinished = new LinkedHashMap<>();
    for (NodeProgress row : rows.values()) {
      if (row.state() == NodeState.FAILED || row.state() == NodeState.NOT_RUN) {
        unfinished.put(row.nodeId(), new NodeFailure(row.state() == NodeState.NOT_RUN, row.detail()));
      }
    }
    return unfinished;
  }

  /** One line summing up the failures, for a workflow's failure message. */
  String failureSummary() {
    List<String> failures = failures();
    int notRun = notRun().size();
    return failures.size() + (failures.size() == 1 ? " node" : " nodes") + " failed ("
        + String.join("; ", failures) + ")" + (notRun == 0 ? "" : ", " + notRun + " not run");
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
