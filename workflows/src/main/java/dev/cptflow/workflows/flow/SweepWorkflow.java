package dev.cptflow.workflows.flow;

import dev.cptflow.workflows.api.ProgressReport;
import dev.cptflow.workflows.api.SweepRequest;
import dev.cptflow.workflows.api.SweepResult;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The root of a sweep: runs the shared corpus nodes once, the variants in parallel, the base model's
 * evaluation, and the report. Id: {@code cpt/<sweep id>}.
 */
@WorkflowInterface
public interface SweepWorkflow {
  @WorkflowMethod
  SweepResult run(SweepRequest request);

  @QueryMethod
  ProgressReport progress();
}
