package dev.cptflow.workers;

import dev.cptflow.activities.ledger.StoreActivitiesImpl;
import dev.cptflow.activities.eval.task.TaskRegistry;
import dev.cptflow.activities.stage.EvalActivitiesImpl;
import dev.cptflow.activities.stage.IngestActivitiesImpl;
import dev.cptflow.activities.stage.LocalArtifacts;
import dev.cptflow.activities.stage.PackActivitiesImpl;
import dev.cptflow.activities.stage.ReportActivitiesImpl;
import dev.cptflow.activities.stage.ScoreActivitiesImpl;
import dev.cptflow.activities.stage.SelectActivitiesImpl;
import dev.cptflow.activities.stage.TrainActivitiesImpl;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.workflows.api.TaskQueues;
import java.nio.file.Path;
import java.util.List;

/** What {@code cpt run}, {@code cpt server} and {@code cpt worker} register: the real stages of this build. */
public final class ProductionActivities implements ActivitySet {
  public static final String TASKS_DIR_ENV = "CPT_TASKS_DIR";
  private final StoreRegistry stores;
  private final LocalArtifacts artifacts = LocalArtifacts.inUserCache();
  private final ScoreActivitiesImpl scoring;

  public ProductionActivities(StoreRegistry stores) {
    this.stores = stores;
    // One instance for both queues, so scorers (loaded models) are shared by the worker's slots.
    this.scoring = new ScoreActivitiesImpl(stores, artifacts);
  }

  /**
   * The built-in evaluation tasks, with the YAML files of {@code $CPT_TASKS_DIR} replacing or adding to them. A
   * worker reads it at start, so a broken task file stops the worker rather than a sweep hours later.
   */
  private static TaskRegistry evalTasks() {
    String dir = System.getenv(TASKS_DIR_ENV);
    return TaskRegistry.withOverrides(dir == null || dir.isBlank() ? null : Path.of(dir));
  }

  @Override
  public List<Object> forQueue(TaskQueues queue) {
    return switch (queue) {
      case WORKFLOWS -> List.of();
      case CPU -> List.of(new StoreActivitiesImpl(stores), new IngestActivitiesImpl(stores, artifacts), scoring,
          new SelectActivitiesImpl(stores, artifacts), new PackActivitiesImpl(stores, artifacts), new ReportActivitiesImpl(stores, artifacts));
      case GPU -> List.of(scoring, new TrainActivitiesImpl(stores, artifacts),
          new EvalActivitiesImpl(stores, artifacts, evalTasks()));
    };
  }
}
