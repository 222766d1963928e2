package dev.cptflow.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.ledger.StoreActivitiesImpl;
import dev.cptflow.workers.WorkerHost;
import dev.cptflow.workers.WorkerSlots;
import dev.cptflow.workers.testing.ScriptedStages;
import dev.cptflow.workers.testing.StageScript;
import dev.cptflow.workers.testing.SweepHarness;
import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.api.NodeIds;
import dev.cptflow.workflows.api.NodeProgress;
import dev.cptflow.workflows.api.NodeState;
import dev.cptflow.workflows.api.TaskQueues;
import dev.cptflow.workflows.api.stage.IngestSet;
import dev.cptflow.workflows.flow.WorkflowIds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live progress read from a real sweep on the in-process Temporal server: a score node's documents move inside a
 * shard, from the shard activity's heartbeats, and a node whose activity no worker has picked up is queued.
 */
class ProgressReaderTest {
  private static final String SPEC = """
      name: progress
      model: {base: /models/base}
      corpus: [{uri: "/data/corpus/*.jsonl"}]
      task_data: [{name: fpb, uri: "/data/tasks.jsonl"}]
      evaluation: {suites: [finance]}
      variants:
        - {name: eta-dacp-ent}
      """;

  @TempDir Path storeRoot;

  @Test
  void showsDocumentsInsideAShardThenQueuedWork() throws Exception {
    ExperimentGraph graph = SweepHarness.plan(SPEC);
    String workflowId = WorkflowIds.sweep(SweepHarness.sweepIdOf(graph));
    // Two shards of 400 documents at 10 ms each: a shard takes 4 s, several heartbeats' worth.
    StageScript script = new StageScript(2, 400, 10, Set.of());
    try (SweepHarness harness = new SweepHarness(storeRoot)) {
      ProgressReader reader = new ProgressReader(harness.client());
      // Only the cpu queue is served at first, one activity at a time: training (gpu) has to wait.
      ScriptedStages stages = new ScriptedStages("cpu-only", script, harness.stores());
      WorkerHost cpuOnly = WorkerHost.start(harness.client(), EnumSet.of(TaskQueues.CPU),
          queue -> List.of(new StoreActivitiesImpl(harness.stores()), stages), new WorkerSlots(1, 1));
      WorkerHost both = null;
      try {
        var sweep = harness.start(graph, SweepHarness.FAST);
        NodeProgress score = awaitRow(reader, workflowId, NodeIds.score("ent"),
            row -> row.state() == NodeState.RUNNING && row.done() == 0 && row.items() > 0);
        assertTrue(score.items() < 400, "documents counted inside the first shard: " + score);
        assertEquals(800, score.totalItems(), "the corpus's documents are the bar's total");
        String line = new ProgressView().render(List.of(score), System.currentTimeMillis());
        assertTrue(line.contains("/800 docs"), line);

        NodeProgress train = awaitRow(reader, workflowId, NodeIds.train("eta-dacp-ent-hard"),
            row -> row.state() != NodeState.PENDING);
        assertEquals(NodeState.QUEUED, train.state(), "no worker serves the gpu queue yet: " + train);
        assertTrue(new ProgressView().render(List.of(train), System.currentTimeMillis()).contains("queued"));

        both = harness.startActivityWorker("both", script, 2);
        sweep.get(2, TimeUnit.MINUTES);
      } finally {
        cpuOnly.shutdownNow();
        if (both != null) {
          both.shutdownNow();
        }
      }
    }
  }

  private static NodeProgress awaitRow(ProgressReader reader, String workflowId, String nodeId,
      Predicate<NodeProgress> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    List<NodeProgress> last = List.of();
    RuntimeException lastFailure = null;
    while (System.nanoTime() < deadline) {
      try {
        last = reader.read(workflowId);
      } catch (RuntimeException notStartedYet) {
        last = List.of();
        lastFailure = notStartedYet;
      }
      Optional<NodeProgress> row = last.stream().filter(r -> r.nodeId().equals(nodeId)).filter(wanted).findFirst();
      if (row.isPresent()) {
        return row.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError(nodeId + " never reached the wanted state; last rows: " + last, lastFailure);
  }
}
