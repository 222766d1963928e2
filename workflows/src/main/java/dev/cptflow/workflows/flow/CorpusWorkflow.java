package dev.cptflow.workflows.flow;

import dev.cptflow.workflows.api.PartRequest;
import dev.cptflow.workflows.api.ProgressReport;
import dev.cptflow.workflows.api.StageResult;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.SortedMap;

/**
 * Ingests the corpus, then scores every shard with every metric, fanned out over child workflows of
 * {@link dev.cptflow.workflows.api.RunTuning#shardsPerBatch()} shards in a bounded window.
 * Id: {@code cpt/<sweep id>/corpus}. Returns the results of its ingest and score nodes.
 */
@WorkflowInterface
public interface CorpusWorkflow {
  @WorkflowMethod
  SortedMap<String, StageResult> run(PartRequest request);

  @QueryMethod
  ProgressReport progress();
}
