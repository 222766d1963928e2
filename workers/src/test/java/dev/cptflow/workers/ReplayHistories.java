package dev.cptflow.workers;

import dev.cptflow.workflows.flow.CorpusWorkflowImpl;
import dev.cptflow.workflows.flow.ScoreBatchWorkflowImpl;
import dev.cptflow.workflows.flow.SweepWorkflowImpl;
import dev.cptflow.workflows.flow.VariantWorkflowImpl;
import java.nio.file.Path;
import java.util.List;

/** The recorded histories the replay test replays, and where they live (see {@link ReplayHistoriesRecorder}). */
final class ReplayHistories {
  /** Relative to the workers module, which is where Maven runs its tests. */
  static final Path DIR = Path.of("src/test/resources/replay");
  /** Each history's workflow id, by file: workflows name their children after their own id. */
  static final Path IDS = DIR.resolve("workflow-ids.properties");

  /** A history file and the workflow type that made it. */
  record Recorded(String file, Class<?> workflow) {}

  static final List<Recorded> ALL = List.of(
      new Recorded("sweep.json", SweepWorkflowImpl.class),
      new Recorded("corpus.json", CorpusWorkflowImpl.class),
      new Recorded("score-batch.json", ScoreBatchWorkflowImpl.class),
      new Recorded("variant.json", VariantWorkflowImpl.class),
      new Recorded("failed-sweep.json", SweepWorkflowImpl.class),
      new Recorded("failed-variant.json", VariantWorkflowImpl.class));

  private ReplayHistories() {}
}
