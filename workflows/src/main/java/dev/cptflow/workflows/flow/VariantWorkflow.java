package dev.cptflow.workflows.flow;

import dev.cptflow.workflows.api.PartRequest;
import dev.cptflow.workflows.api.ProgressReport;
import dev.cptflow.workflows.api.StageResult;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.SortedMap;

/**
 * One variant: select, pack, train, then its evaluations in parallel.
 * Id: {@code cpt/<sweep id>/variant/<variant id>}. Returns the results of its nodes.
 */
@WorkflowInterface
public interface VariantWorkflow {
  @WorkflowMethod
  SortedMap<String, StageResult> run(PartRequest request);

  @QueryMethod
  ProgressReport progress();
}
