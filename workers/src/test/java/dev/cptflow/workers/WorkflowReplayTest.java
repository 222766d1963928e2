package dev.cptflow.workers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.io.Reader;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Replays histories recorded from earlier code against the workflow code of this build: a change that would break a
 * sweep already running (a new command without {@code Workflow.getVersion}, a payload record that no longer reads)
 * fails here. {@link ReplayHistoriesRecorder} says how to record them again.
 */
class WorkflowReplayTest {
  /**
   * The first workflow task of a replay reads the whole graph with a cold Jackson; on a loaded two-core machine that
   * took over the SDK's 1 s deadlock limit, which is about live workers, not about what this test checks.
   */
  private static final Duration DEADLOCK_DETECTION = Duration.ofSeconds(30);

  @Test
  void everyRecordedHistoryReplaysOnTheCurrentWorkflows() throws Exception {
    Properties ids = new Properties();
    try (Reader in = Files.newBufferedReader(ReplayHistories.IDS)) {
      ids.load(in);
    }
    for (ReplayHistories.Recorded recorded : ReplayHistories.ALL) {
      String json = Files.readString(ReplayHistories.DIR.resolve(recorded.file()));
      WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(json, ids.getProperty(recorded.file()));
      assertTrue(history.getEvents().size() > 5, recorded.file() + " is a real history");
      try (TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance()) {
        Worker worker = environment.newWorker("replay-" + recorded.file(),
            WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(DEADLOCK_DETECTION.toMillis()).build());
        worker.registerWorkflowImplementationTypes(recorded.workflow());
        WorkflowReplayer.replayWorkflowExecution(history, worker);
      }
    }
  }
}
