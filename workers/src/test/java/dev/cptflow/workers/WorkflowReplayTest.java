package dev.cptflow.workers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.Reader;
import java.nio.file.Files;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Replays histories recorded from earlier code against the workflow code of this build: a change that would break a
 * sweep already running (a new command without {@code Workflow.getVersion}, a payload record that no longer reads)
 * fails here. {@link ReplayHistoriesRecorder} says how to record them again.
 */
class WorkflowReplayTest {

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
      WorkflowReplayer.replayWorkflowExecution(history, recorded.workflow());
    }
  }
}
