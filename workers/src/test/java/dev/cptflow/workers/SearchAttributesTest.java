package dev.cptflow.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.workers.testing.StageScript;
import dev.cptflow.workers.testing.SweepHarness;
import dev.cptflow.workflows.api.CptSearchAttributes;
import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.api.SweepResult;
import dev.cptflow.workflows.flow.WorkflowIds;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.SearchAttributes;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Cpt* search attributes on the SDK's test server: registered by {@link SearchAttributeRegistry}, set by the
 * client on the root, passed to every child, and kept on the part of the run that is working now.
 */
class SearchAttributesTest {
  @TempDir Path storeRoot;

  @Test
  void aSweepStartedWithTheAttributesCarriesThemIntoEveryWorkflowAndEndsDone() throws Exception {
    ExperimentGraph graph = SweepHarness.plan(SweepWorkflowTest.SPEC);
    String sweepId = SweepHarness.sweepIdOf(graph);
    try (SweepHarness harness = new SweepHarness(storeRoot)) {
      assertTrue(SearchAttributeRegistry.check(harness.stubs(), "default").available(), "registered on the test server");
      assertTrue(SearchAttributeRegistry.check(harness.stubs(), "default").available(), "a second check finds them");
      WorkerHost worker = harness.startActivityWorker("worker", StageScript.quick(3), 4);
      SearchAttributes root = SearchAttributes.newBuilder()
          .set(CptSearchAttributes.SWEEP, sweepId).set(CptSearchAttributes.STAGE, CptSearchAttributes.SUBMITTED).build();
      SweepResult result = harness.start(graph, SweepHarness.FAST, root).get(3, TimeUnit.MINUTES);
      worker.shutdown(Duration.ofSeconds(5));
      assertEquals(SweepResult.COMPLETED, result.state());

      String rootId = WorkflowIds.sweep(sweepId);
      assertEquals(List.of("corpus", "variants", "report", "done"), upsertedStages(harness, rootId));
      String variantId = WorkflowIds.variant(rootId, "ets-dacp-hard");
      SearchAttributes variant = harness.client().newUntypedWorkflowStub(variantId).describe().getTypedSearchAttributes();
      assertEquals(sweepId, variant.get(CptSearchAttributes.SWEEP));
      assertEquals("ets-dacp-hard", variant.get(CptSearchAttributes.VARIANT));
      assertEquals("done", variant.get(CptSearchAttributes.STAGE));
      assertEquals(List.of("pack", "train", "eval", "done"), upsertedStages(harness, variantId),
          "select is the stage the child starts in; each later stage is upserted as it begins");
      SearchAttributes corpus =
          harness.client().newUntypedWorkflowStub(WorkflowIds.corpus(rootId)).describe().getTypedSearchAttributes();
      assertEquals(sweepId, corpus.get(CptSearchAttributes.SWEEP));
      assertNull(corpus.get(CptSearchAttributes.VARIANT));
      assertEquals("done", corpus.get(CptSearchAttributes.STAGE));
      SearchAttributes batch = harness.client()
          .newUntypedWorkflowStub(WorkflowIds.scoreBatch(WorkflowIds.corpus(rootId), "sim", 0)).describe().getTypedSearchAttributes();
      assertEquals(sweepId, batch.get(CptSearchAttributes.SWEEP));
      assertEquals("done", batch.get(CptSearchAttributes.STAGE));
    }
  }

  @Test
  void aSweepStartedWithoutThemRunsWithoutThem() throws Exception {
    ExperimentGraph graph = SweepHarness.plan(SweepWorkflowTest.SPEC);
    try (SweepHarness harness = new SweepHarness(storeRoot)) {
      WorkerHost worker = harness.startActivityWorker("worker", StageScript.quick(3), 4);
      SweepResult result = harness.run(graph, SweepHarness.FAST);
      worker.shutdown(Duration.ofSeconds(5));
      assertEquals(SweepResult.COMPLETED, result.state());
      String rootId = WorkflowIds.sweep(result.sweepId());
      assertEquals(List.of(), upsertedStages(harness, rootId));
      assertFalse(harness.client().newUntypedWorkflowStub(WorkflowIds.variant(rootId, "dacp")).describe()
          .getTypedSearchAttributes().containsKey(CptSearchAttributes.SWEEP));
    }
  }

  /** The CptStage values a workflow upserted, in history order. */
  private static List<String> upsertedStages(SweepHarness harness, String workflowId) {
    return harness.history(workflowId).getEventsList().stream()
        .filter(event -> event.getEventType() == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)
        .map(SearchAttributesTest::stage)
        .toList();
  }

  private static String stage(HistoryEvent event) {
    var payload = event.getUpsertWorkflowSearchAttributesEventAttributes().getSearchAttributes().getIndexedFieldsMap()
        .get(CptSearchAttributes.STAGE.getName());
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, String.class, String.class);
  }
}
