package dev.cptflow.cli.sweep;

import dev.cptflow.workflows.api.NodeProgress;
import dev.cptflow.workflows.api.NodeState;
import dev.cptflow.workflows.api.ProgressReport;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a sweep's live progress: the root's table, refined by the tables of its running children
 * (a variant's own rows replace the root's, a batch of shards adds to its score row).
 */
public final class ProgressReader {
  private static final String QUERY = "progress";

  private final WorkflowClient client;

  public ProgressReader(WorkflowClient client) {
    this.client = client;
  }

  public List<NodeProgress> read(String rootWorkflowId) {
    Map<String, NodeProgress> rows = new LinkedHashMap<>();
    ProgressReport root = query(rootWorkflowId);
    root.nodes().forEach(row -> rows.put(row.nodeId(), row));
    for (String child : root.runningChildren()) {
      fold(rows, child);
    }
    return new ArrayList<>(rows.values());
  }

  private void fold(Map<String, NodeProgress> rows, String workflowId) {
    ProgressReport report;
    try {
      report = query(workflowId);
    } catch (RuntimeException finishedOrNotStartedYet) {
      return; // the parent's row is the truth for a child we cannot ask
    }
    for (NodeProgress row : report.nodes()) {
      NodeProgress base = rows.get(row.nodeId());
      if (report.additive() && base != null) {
        rows.put(row.nodeId(), new NodeProgress(row.nodeId(), NodeState.RUNNING, base.done() + row.done(),
            base.total(), base.unit(), base.items() + row.items(), base.detail()));
      } else if (base != null && row.detail().isEmpty() && !base.detail().isEmpty()) {
        // The root knows things about a node its child does not (why it is computed again).
        rows.put(row.nodeId(), new NodeProgress(row.nodeId(), row.state(), row.done(), row.total(), row.unit(), row.items(),
            base.detail()));
      } else {
        rows.put(row.nodeId(), row);
      }
    }
    for (String child : report.runningChildren()) {
      fold(rows, child);
    }
  }

  private ProgressReport query(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId).query(QUERY, ProgressReport.class);
  }
}
