package dev.cptflow.workers.testing;

import dev.cptflow.activities.ledger.StoreActivitiesImpl;
import dev.cptflow.activities.metric.MetricRegistry;
import dev.cptflow.activities.store.S3Config;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.workers.EmbeddedTemporal;
import dev.cptflow.workers.ProductionActivities;
import dev.cptflow.workers.WorkerHost;
import dev.cptflow.workers.WorkerSlots;
import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.api.RunTuning;
import dev.cptflow.workflows.api.StoreActivities;
import dev.cptflow.workflows.api.SweepRequest;
import dev.cptflow.workflows.api.SweepResult;
import dev.cptflow.workflows.api.TaskQueues;
import dev.cptflow.workflows.flow.SweepWorkflow;
import dev.cptflow.workflows.flow.WorkflowIds;
import dev.cptflow.workflows.plan.Planner;
import dev.cptflow.workflows.spec.SpecLoader;
import io.temporal.api.history.v1.History;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real in-process Temporal test server with the production workflow worker, a real local artifact
 * store, and activity workers that a test starts and kills as it likes.
 */
public final class SweepHarness implements AutoCloseable {
  /** Short enough that a killed worker is noticed within seconds. */
  public static final RunTuning FAST = new RunTuning(2, 100, 5, 100, 500);

  private final EmbeddedTemporal server = EmbeddedTemporal.start();
  private final WorkflowClient client = WorkflowClient.newInstance(server.stubs());
  private final StoreRegistry stores = new StoreRegistry(S3Config.defaults());
  private final String storeUri;
  private final WorkerHost workflowWorker;

  public SweepHarness(Path storeRoot) {
    this.storeUri = "file:" + storeRoot.toAbsolutePath();
    this.workflowWorker = WorkerHost.start(client, EnumSet.of(TaskQueues.WORKFLOWS), queue -> List.of(), new WorkerSlots(1, 1));
  }

  /** Starts a worker serving cpu and gpu with the scripted stages and the real store activities. */
  public WorkerHost startActivityWorker(String name, StageScript script, int slots) {
    ScriptedStages stages = new ScriptedStages(name, script, stores);
    return WorkerHost.start(
        client,
        EnumSet.of(TaskQueues.CPU, TaskQueues.GPU),
        queue -> queue == StoreActivities.QUEUE ? List.of(new StoreActivitiesImpl(stores), stages) : List.of(stages),
        new WorkerSlots(slots, slots));
  }

  /** Starts a worker serving cpu and gpu with the production activities of this build. */
  public WorkerHost startProductionWorker(int slots) {
    return startProductionWorker(slots, MetricRegistry.builtin());
  }

  /** As {@link #startProductionWorker(int)}, with these metrics (a test's made-up one among them). */
  public WorkerHost startProductionWorker(int slots, MetricRegistry metrics) {
    return WorkerHost.start(client, EnumSet.of(TaskQueues.CPU, TaskQueues.GPU),
        new ProductionActivities(ProductionActivities.stageContext(stores, metrics)), new WorkerSlots(slots, 1));
  }

  public static ExperimentGraph plan(String specYaml) {
    return plan(specYaml, MetricRegistry.builtin());
  }

  public static ExperimentGraph plan(String specYaml, MetricRegistry metrics) {
    return Planner.plan(SpecLoader.parse(specYaml, "test-spec.yaml", metrics).spec(), metrics);
  }

  public static String sweepIdOf(ExperimentGraph graph) {
    return WorkflowIds.sweepId(graph);
  }

  /** Starts the sweep and returns a future of its result (or failure). */
  public CompletableFuture<SweepResult> start(ExperimentGraph graph, RunTuning tuning) {
    return start(graph, tuning, SearchAttributes.EMPTY);
  }

  /** Starts the sweep with these search attributes on its root workflow, as {@code cpt submit} does. */
  public CompletableFuture<SweepResult> start(ExperimentGraph graph, RunTuning tuning, SearchAttributes attributes) {
    String sweepId = sweepIdOf(graph);
    SweepWorkflow workflow =
        client.newWorkflowStub(
            SweepWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.sweep(sweepId))
                .setTaskQueue(TaskQueues.WORKFLOWS.queueName())
                .setTypedSearchAttributes(attributes)
                .build());
    WorkflowClient.start(workflow::run, new SweepRequest(sweepId, storeUri, graph, tuning));
    return WorkflowStub.fromTyped(workflow).getResultAsync(SweepResult.class);
  }

  public SweepResult run(ExperimentGraph graph, RunTuning tuning) throws Exception {
    return start(graph, tuning).get(5, TimeUnit.MINUTES);
  }

  public WorkflowServiceStubs stubs() {
    return server.stubs();
  }

  public History history(String workflowId) {
    return client.fetchHistory(workflowId).getHistory();
  }

  public WorkflowClient client() {
    return client;
  }

  public String storeUri() {
    return storeUri;
  }

  public StoreRegistry stores() {
    return stores;
  }

  @Override
  public void close() {
    workflowWorker.shutdown(Duration.ofSeconds(5));
    server.close();
    stores.close();
  }
}
