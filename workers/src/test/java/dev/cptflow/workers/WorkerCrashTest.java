package dev.cptflow.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.workers.testing.StageScript;
import dev.cptflow.workers.testing.SweepHarness;
import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.api.SweepResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerCrashTest {
  static final String SPEC = """
      name: crash
      model: {base: /models/base}
      corpus: [{uri: "/data/corpus/*.jsonl"}]
      evaluation: {suites: [finance]}
      variants:
        - {name: eta-dacp-ent}
      """;

  @TempDir Path storeRoot;

  @Test
  void sweepCompletesOnASecondWorkerAndTheShardResumesFromItsHeartbeat() throws Exception {
    ExperimentGraph graph = SweepHarness.plan(SPEC);
    // One shard of 100 documents at 50 ms each: long enough to kill the worker in the middle. The SDK
    // sends heartbeats at most every 0.8 x heartbeat timeout (1.6 s here), so by offset 60 (3 s in) the
    // server holds a cursor well past zero.
    StageScript script = new StageScript(1, 100, 50, Set.of());
    try (SweepHarness harness = new SweepHarness(storeRoot)) {
      var midway = script.latchAtOffset(60);
      WorkerHost doomed = harness.startActivityWorker("doomed", script, 2);
      CompletableFuture<SweepResult> sweep = harness.start(graph, SweepHarness.FAST);

      assertTrue(midway.await(60, TimeUnit.SECONDS), "the shard reached offset 60");
      doomed.shutdownNow();
      WorkerHost survivor = harness.startActivityWorker("survivor", script, 2);
      SweepResult result = sweep.get(2, TimeUnit.MINUTES);
      survivor.shutdown(Duration.ofSeconds(5));

      assertEquals(SweepResult.COMPLETED, result.state());
      List<StageScript.ShardStart> starts = script.shardStarts();
      assertEquals(new StageScript.ShardStart("doomed", 0, 0, 1), starts.get(0));
      // A poll already in flight when the doomed worker stops may hand it one more attempt, which dies
      // with it; every retry, wherever it ran, starts from the heartbeat cursor, never from zero.
      assertTrue(starts.stream().skip(1).allMatch(start -> start.fromOffset() >= 1), "retries resumed: " + starts);
      List<StageScript.ShardFinish> finishes = script.shardFinishes();
      assertEquals(1, finishes.size(), "the shard finished once: " + finishes);
      assertEquals("survivor", finishes.get(0).worker());
      assertTrue(finishes.get(0).fromOffset() > 0, "the finishing attempt resumed from the heartbeat: " + finishes);
    }
  }
}
