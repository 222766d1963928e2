package dev.cptflow.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.workers.testing.StageScript;
import dev.cptflow.workers.testing.SweepHarness;
import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.api.PlanNode;
import dev.cptflow.workflows.api.Stage;
import dev.cptflow.workflows.api.StoreLayout;
import dev.cptflow.workflows.api.SweepResult;
import io.temporal.client.WorkflowFailedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepWorkflowTest {
  static final String SPEC = """
      name: harness
      model: {base: /models/base}
      corpus: [{uri: "/data/corpus/*.jsonl"}]
      task_data: [{name: fpb, uri: "/data/tasks.jsonl"}]
      evaluation: {suites: [finance]}
      variants:
        - {name: dacp}
        - {name: eta-dacp-ent}
        - {name: ets-dacp, sampling: hard}
        - {name: ets-dacp, sampling: soft}
      """;

  @TempDir Path storeRoot;

  @Test
  void runsEveryNodeOnceAndMarksItDone() throws Exception {
    ExperimentGraph graph = SweepHarness.plan(SPEC);
    StageScript script = StageScript.quick(7);
    try (SweepHarness harness = new SweepHarness(storeRoot)) {
      WorkerHost worker = harness.startActivityWorker("worker", script, 4);
      SweepResult result = harness.run(graph, SweepHarness.FAST);
      worker.shutdown(Duration.ofSeconds(5));

      assertEquals(SweepResult.COMPLETED, result.state());
      assertEquals(nodeIds(graph), result.results().keySet());
      assertEquals(List.of(), result.cachedNodes());
      ArtifactStore store = harness.stores().open(harness.storeUri());
      for (PlanNode node : graph.nodes()) {
        assertTrue(store.isComplete(StoreLayout.prefix(node)), node.id() + " has no _SUCCESS marker");
        if (node.stage() != Stage.SCORE) {
          assertEquals(1, script.calls(node.id()), node.id() + " ran once");
        }
      }
      for (String metric : List.of("sim", "ent")) {
        for (int shard = 0; shard < 7; shard++) {
          assertEquals(1, script.calls("score/" + metric + "#" + shard), metric + " shard " + shard + " scored once");
        }
      }
      assertTrue(store.exists(StoreLayout.sweepFile(result.sweepId(), StoreLayout.OUTCOME_FILE)));
    }
  }

  @Test
  void secondRunOfTheSameGraphIsAllCacheHits() throws Exception {
    ExperimentGraph graph = SweepHarness.plan(SPEC);
    StageScript script = StageScript.quick(3);
    try (SweepHarness harness = new SweepHarness(storeRoot)) {
      WorkerHost worker = harness.startActivityWorker("worker", script, 4);
      harness.run(graph, SweepHarness.FAST);
      int callsAfterFirstRun = script.totalCalls();

      SweepResult second = harness.run(graph, SweepHarness.FAST);
      worker.shutdown(Duration.ofSeconds(5));

      assertEquals(callsAfterFirstRun, script.totalCalls(), "no stage ran again");
      assertEquals(nodeIds(graph), new TreeSet<>(second.cachedNodes()));
      assertTrue(second.results().values().stream().allMatch(result -> result.cached()));
    }
  }

  @Test
  void changingOneVariantsSamplingRerunsOnlyThatVariant() throws Exception {
    ExperimentGraph first = SweepHarness.plan(SPEC);
    ExperimentGraph changed = SweepHarness.plan(SPEC.replace("{name: eta-dacp-ent}", "{name: eta-dacp-ent, sampling: soft}"));
    StageScript script = StageScript.quick(3);
    try (SweepHarness harness = new SweepHarness(storeRoot)) {
      WorkerHost worker = harness.startActivityWorker("worker", script, 4);
      harness.run(first, SweepHarness.FAST);
      SweepResult second = harness.run(changed, SweepHarness.FAST);
      worker.shutdown(Duration.ofSeconds(5));

      Set<String> rerun = new TreeSet<>(nodeIds(changed));
      rerun.removeAll(second.cachedNodes());
      Set<String> expected = new TreeSet<>();
      for (PlanNode node : changed.nodes()) {
        if ("eta-dacp-ent-soft".equals(node.variant()) || node.stage() == Stage.REPORT) {
          expected.add(node.id());
        }
      }
      assertEquals(expected, rerun);
    }
  }

  @Test
  void validationFailureIsNotRetriedAndTheOtherVariantsFinish() throws Exception {
    ExperimentGraph graph = SweepHarness.plan(SPEC);
    StageScript script = new StageScript(2, 3, 0, Set.of("train/eta-dacp-ent-hard"));
    try (SweepHarness harness = new SweepHarness(storeRoot)) {
      WorkerHost worker = harness.startActivityWorker("worker", script, 4);
      ExecutionException failure =
          assertThrows(ExecutionException.class, () -> harness.start(graph, SweepHarness.FAST).get(2, TimeUnit.MINUTES));
      worker.shutdown(Duration.ofSeconds(5));

      WorkflowFailedException failed = assertInstanceOf(WorkflowFailedException.class, failure.getCause());
      String message = dev.cptflow.workflows.flow.Failures.describe(failed);
      assertTrue(message.contains("train/eta-dacp-ent-hard: planted bad input"), message);
      assertEquals(1, script.calls("train/eta-dacp-ent-hard"), "a validation failure is never retried");
      assertEquals(0, script.calls("eval/eta-dacp-ent-hard/finance"), "nothing downstream of the failure runs");
      assertEquals(1, script.calls("eval/ets-dacp-hard/finance"), "the other variants still finish");
      assertEquals(1, script.calls("eval/dacp/finance"));
      assertEquals(0, script.calls("report"), "no report over an incomplete sweep");

      SweepResult outcome = dev.cptflow.activities.store.Json.read(
          harness.stores().open(harness.storeUri()).readString(
              StoreLayout.sweepFile(SweepHarness.sweepIdOf(graph), StoreLayout.OUTCOME_FILE)),
          SweepResult.class);
      assertEquals(SweepResult.FAILED, outcome.state());
      assertTrue(outcome.failures().get(0).startsWith("train/eta-dacp-ent-hard"), outcome.failures().toString());
      assertTrue(outcome.results().containsKey("eval/ets-dacp-hard/finance"));
      assertTrue(outcome.results().containsKey("pack/eta-dacp-ent-hard"), "what the failed variant finished is kept");
      assertEquals(List.of("eval/eta-dacp-ent-hard/finance", "eval/eta-dacp-ent-hard/heldout", "report"), outcome.notRun());
    }
  }

  static Set<String> nodeIds(ExperimentGraph graph) {
    Set<String> ids = new TreeSet<>();
    graph.nodes().forEach(node -> ids.add(node.id()));
    return ids;
  }
}
