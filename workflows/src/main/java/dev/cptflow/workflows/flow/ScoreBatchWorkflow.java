package dev.cptflow.workflows.flow;

import dev.cptflow.workflows.api.ProgressReport;
import dev.cptflow.workflows.api.ScoreBatchRequest;
import dev.cptflow.workflows.api.ScoreBatchResult;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Scores one batch of shards of one metric. A batch per child keeps each history to a few hundred events
 * however large the corpus is. Id: {@code cpt/<sweep id>/corpus/<metric>/batch-0007}.
 */
@WorkflowInterface
public interface ScoreBatchWorkflow {
  @WorkflowMethod
  ScoreBatchResult run(ScoreBatchRequest request);

  @QueryMethod
  ProgressReport progress();
}
