package dev.cptflow.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.workers.testing.StageScript;
import dev.cptflow.workers.testing.SweepHarness;
import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.api.RunTuning;
import dev.cptflow.workflows.api.SweepResult;
import dev.cptflow.workflows.api.stage.ScoreOutput;
import dev.cptflow.workflows.flow.WorkflowIds;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test server enforces none of a real server's limits (2,000 pending activities, 50K events,
 * 2 MB payloads), so we measure our own histories against much stricter bounds.
 */
class FanOutLimitsTest {
  static final int SHARDS = 2_000;
  static final int MAX_EVENTS = 10_000;
  static final int MAX_EVENT_BYTES = 64 * 1024;

  static final String SPEC = """
      name: wide
      model: {base: /models/base}
      corpus: [{uri: "/data/corpus/*.jsonl"}]
      evaluation: {suites: [finance]}
      variants:
        - {name: eta-dacp-ent}
      """;

  @TempDir Path storeRoot;

  @Test
  void twoThousandShardsKeepEveryHistoryAndPayloadSmallAndTheWindowBounded() throws Exception {
    ExperimentGraph graph = SweepHarness.plan(SPEC);
    RunTuning tuning = new RunTuning(30, 100, 3, 100, 500);
    try (SweepHarness harness = new SweepHarness(storeRoot)) {
      WorkerHost worker = harness.startActivityWorker("worker", StageScript.quick(SHARDS), 64);
      SweepResult result = harness.run(graph, tuning);
      worker.shutdown(Duration.ofSeconds(5));
      assertEquals(SweepResult.COMPLETED, result.state());
      assertEquals(SHARDS, result.results().get("score/ent").output(ScoreOutput.class).shards());

      String root = WorkflowIds.sweep(result.sweepId());
      String corpus = WorkflowIds.corpus(root);
      List<String> workflows = new ArrayList<>(List.of(root, corpus, WorkflowIds.variant(root, "eta-dacp-ent-hard")));
      int batches = SHARDS / tuning.shardsPerBatch();
      for (int batch = 0; batch < batches; batch++) {
        workflows.add(WorkflowIds.scoreBatch(corpus, "ent", batch));
      }
      for (String workflowId : workflows) {
        History history = harness.history(workflowId);
        assertTrue(history.getEventsCount() < MAX_EVENTS, workflowId + " has " + history.getEventsCount() + " events");
        for (HistoryEvent event : history.getEventsList()) {
          assertTrue(event.getSerializedSize() < MAX_EVENT_BYTES,
              workflowId + " event " + event.getEventId() + " " + event.getEventType() + " is " + event.getSerializedSize() + " bytes");
        }
      }

      int maxChildren = maxOpen(harness.history(corpus),
          EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED,
          EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED, EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED);
      assertTrue(maxChildren <= tuning.maxConcurrentBatches(), "batches at once: " + maxChildren);
      int maxPerBatch = 0;
      for (int batch = 0; batch < batches; batch++) {
        maxPerBatch = Math.max(maxPerBatch, maxOpen(harness.history(WorkflowIds.scoreBatch(corpus, "ent", batch)),
            EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
            EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED));
      }
      assertTrue(maxPerBatch <= tuning.shardsInFlightPerBatch(), "shards at once in a batch: " + maxPerBatch);
      assertTrue(maxChildren * maxPerBatch <= RunTuning.MAX_IN_FLIGHT_LIMIT,
          "at most " + maxChildren * maxPerBatch + " score activities in flight");
    }
  }

  /** The most items opened and not yet closed at any point of a history. */
  private static int maxOpen(History history, EventType opened, EventType... closed) {
    int open = 0;
    int max = 0;
    List<EventType> closing = List.of(closed);
    for (HistoryEvent event : history.getEventsList()) {
      if (event.getEventType() == opened) {
        max = Math.max(max, ++open);
      } else if (closing.contains(event.getEventType())) {
        open--;
      }
    }
    return max;
  }
}
