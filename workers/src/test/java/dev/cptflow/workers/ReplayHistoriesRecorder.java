package dev.cptflow.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cptflow.workers.testing.StageScript;
import dev.cptflow.workers.testing.SweepHarness;
import dev.cptflow.workflows.api.CptSearchAttributes;
import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.api.SweepResult;
import dev.cptflow.workflows.flow.WorkflowIds;
import io.temporal.common.SearchAttributes;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records the histories {@link WorkflowReplayTest} replays, from the workflow code as it is now. Run it only when a
 * change is meant to break running workflows (and is released so that none are running), or to add a history:
 *
 * <pre>./mvnw -B -pl workers -am test -Dtest=ReplayHistoriesRecorder -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dcpt.record.histories=true</pre>
 *
 * It overwrites {@code workers/src/test/resources/replay/*.json}; commit them with the change.
 */
@EnabledIfSystemProperty(named = "cpt.record.histories", matches = "true")
class ReplayHistoriesRecorder {
  @TempDir Path storeRoot;
  private final Properties ids = new Properties();

  @Test
  void recordACompletedSweepWithSearchAttributesAndAFailedOne() throws Exception {
    Files.createDirectories(ReplayHistories.DIR);
    ExperimentGraph graph = SweepHarness.plan(SweepWorkflowTest.SPEC);
    String sweepId = SweepHarness.sweepIdOf(graph);
    String root = WorkflowIds.sweep(sweepId);
    try (SweepHarness harness = new SweepHarness(storeRoot.resolve("completed"))) {
      SearchAttributeRegistry.check(harness.stubs(), "default");
      WorkerHost worker = harness.startActivityWorker("worker", StageScript.quick(3), 4);
      SearchAttributes attributes = SearchAttributes.newBuilder()
          .set(CptSearchAttributes.SWEEP, sweepId).set(CptSearchAttributes.STAGE, CptSearchAttributes.SUBMITTED).build();
      SweepResult result = harness.start(graph, SweepHarness.FAST, attributes).get(3, TimeUnit.MINUTES);
      worker.shutdown(Duration.ofSeconds(5));
      assertEquals(SweepResult.COMPLETED, result.state());
      write(harness, root, "sweep.json");
      write(harness, WorkflowIds.corpus(root), "corpus.json");
      write(harness, WorkflowIds.scoreBatch(WorkflowIds.corpus(root), "sim", 0), "score-batch.json");
      write(harness, WorkflowIds.variant(root, "ets-dacp-hard"), "variant.json");
    }
    try (SweepHarness harness = new SweepHarness(storeRoot.resolve("failed"))) {
      WorkerHost worker = harness.startActivityWorker("worker",
          new StageScript(2, 3, 0, Set.of("train/eta-dacp-ent-hard")), 4);
      assertThrows(Exception.class, () -> harness.start(graph, SweepHarness.FAST).get(3, TimeUnit.MINUTES));
      worker.shutdown(Duration.ofSeconds(5));
      write(harness, root, "failed-sweep.json");
      write(harness, WorkflowIds.variant(root, "eta-dacp-ent-hard"), "failed-variant.json");
    }
    try (Writer out = Files.newBufferedWriter(ReplayHistories.IDS)) {
      ids.store(out, "workflow id of each recorded history (ReplayHistoriesRecorder)");
    }
  }

  private void write(SweepHarness harness, String workflowId, String file) throws Exception {
    Files.writeString(ReplayHistories.DIR.resolve(file), harness.client().fetchHistory(workflowId).toJson(true));
    ids.setProperty(file, workflowId);
  }
}
