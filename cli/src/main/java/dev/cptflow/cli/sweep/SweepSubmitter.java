package dev.cptflow.cli.sweep;

import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.store.Json;
import dev.cptflow.cli.SpecFiles;
import dev.cptflow.workers.SearchAttributeRegistry.Availability;
import dev.cptflow.workers.SearchAttributeRegistry;
import dev.cptflow.workflows.api.CptSearchAttributes;
import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.api.RunTuning;
import dev.cptflow.workflows.api.StoreLayout;
import dev.cptflow.workflows.api.SweepRequest;
import dev.cptflow.workflows.api.TaskQueues;
import dev.cptflow.workflows.flow.SweepWorkflow;
import dev.cptflow.workflows.flow.WorkflowIds;
import dev.cptflow.workflows.plan.GraphRenderer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.time.Instant;

/**
 * Plans a spec, records the sweep in the store, and starts its root workflow. The sweep id is the spec
 * name plus 8 hex digits of the graph's key, so the same spec always maps to the same workflow: a
 * second submission while it runs joins it, and one after it finished reruns it against the cache.
 */
public final class SweepSubmitter {
  private final WorkflowClient client;
  private final ArtifactStore store;

  public SweepSubmitter(WorkflowClient client, ArtifactStore store) {
    this.client = client;
    this.store = store;
  }

  public SubmittedSweep submit(SpecFiles.SpecFile spec, RunTuning tuning) {
    ExperimentGraph graph = spec.plan();
    String specText = spec.text();
    String sweepId = WorkflowIds.sweepId(graph);
    String workflowId = WorkflowIds.sweep(sweepId);
    long variants = graph.nodes().stream().map(node -> node.variant()).filter(v -> v != null).distinct().count();

    store.putString(StoreLayout.sweepFile(sweepId, StoreLayout.SPEC_FILE), specText);
    store.putString(StoreLayout.sweepFile(sweepId, StoreLayout.GRAPH_FILE), GraphRenderer.json(graph));
    store.putString(
        StoreLayout.sweepFile(sweepId, StoreLayout.SWEEP_FILE),
        Json.write(new SweepRecord(sweepId, graph.sweepName(), workflowId, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), store.uri(),
            graph.nodes().size(), (int) variants)));

    WorkflowOptions.Builder options = WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(TaskQueues.WORKFLOWS.queueName())
        .setStaticSummary("sweep " + graph.sweepName() + ": " + variants + " variants, " + graph.nodes().size() + " nodes")
        .setStaticDetails("store: " + store.uri() + "\n\nspec: " + StoreLayout.sweepFile(sweepId, StoreLayout.SPEC_FILE));
    Availability attributes = SearchAttributeRegistry.check(client.getWorkflowServiceStubs(), client.getOptions().getNamespace());
    if (attributes.available()) {
      options.setTypedSearchAttributes(SearchAttributes.newBuilder()
          .set(CptSearchAttributes.SWEEP, sweepId)
          .set(CptSearchAttributes.STAGE, CptSearchAttributes.SUBMITTED)
          .build());
    }
    SweepWorkflow workflow = client.newWorkflowStub(SweepWorkflow.class, options.build());
    try {
      WorkflowClient.start(workflow::run, new SweepRequest(sweepId, store.uri(), graph, tuning));
      return new SubmittedSweep(sweepId, workflowId, false, attributes.reason());
    } catch (WorkflowExecutionAlreadyStarted alreadyRunning) {
      return new SubmittedSweep(sweepId, workflowId, true, attributes.reason());
    }
  }
}
