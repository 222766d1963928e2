package dev.cptflow.workflows.api;

import java.util.List;

/**
 * What a workflow's {@code progress()} query answers. Children that are still running are listed so a
 * client can query them too and fold their rows in: the parent only counts finished children.
 *
 * @param additive true when the rows are a slice of a parent's row (a batch of shards): a client adds
 *     their counts to the parent's row instead of replacing it
 */
public record ProgressReport(
    String workflowId, List<NodeProgress> nodes, List<String> runningChildren, boolean additive) {
  public ProgressReport {
    nodes = List.copyOf(nodes);
    runningChildren = List.copyOf(runningChildren);
  }
}
