package dev.cptflow.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.workflows.api.NodeProgress;
import dev.cptflow.workflows.api.NodeState;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressViewTest {
  private static NodeProgress score(long docs, long corpusDocs) {
    return new NodeProgress("score/ppl", NodeState.RUNNING, 0, 4, "shards", docs, corpusDocs, "");
  }

  @Test
  void rateAndEtaFollowTheLastMinuteNotTheWholeRun() {
    ProgressView view = new ProgressView();
    // 100 docs/s for five minutes, then 10 docs/s.
    long at = 0;
    long docs = 0;
    for (int second = 0; second <= 300; second += 10) {
      view.render(List.of(score(docs, 100_000)), at);
      at += 10_000;
      docs += 1_000;
    }
    for (int second = 0; second < 120; second += 10) {
      view.render(List.of(score(docs, 100_000)), at);
      at += 10_000;
      docs += 100;
    }
    String line = view.render(List.of(score(docs, 100_000)), at);
    assertTrue(line.contains("  10 docs/s  ETA 1h53m"), "67,800 docs left at 10 docs/s: " + line);
  }

  @Test
  void barMovesByDocumentsWhileNoShardIsFinished() {
    String line = new ProgressView().render(List.of(score(5_000, 10_000)), 0);
    assertTrue(line.contains("[############------------] 0/4 shards  5,000/10,000 docs"), line);
  }

  @Test
  void trainingShowsStepsAndItsNote() {
    ProgressView view = new ProgressView();
    view.render(List.of(new NodeProgress("train/dacp", NodeState.RUNNING, 100, 500, "steps", 0, 0, "loss 3.210")), 0);
    String line = view.render(
        List.of(new NodeProgress("train/dacp", NodeState.RUNNING, 200, 500, "steps", 0, 0, "loss 3.100")), 50_000);
    assertTrue(line.contains("200/500 steps"), line);
    assertTrue(line.contains("2.00 steps/s  ETA 2m30s  (loss 3.100)"), line);
  }

  @Test
  void aNodeWaitingForAWorkerSaysQueued() {
    String line = new ProgressView().render(
        List.of(new NodeProgress("train/dacp", NodeState.QUEUED, 0, 1, "node", 0, 0, "")), 0);
    assertTrue(line.contains("queued"), line);
  }
}
