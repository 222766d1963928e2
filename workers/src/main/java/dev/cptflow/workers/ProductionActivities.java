package dev.cptflow.workers;

import dev.cptflow.activities.demo.DemoFiles;
import dev.cptflow.activities.eval.task.TaskRegistry;
import dev.cptflow.activities.ledger.LeasedStages;
import dev.cptflow.activities.ledger.StoreActivitiesImpl;
import dev.cptflow.activities.ledger.StoreLease;
import dev.cptflow.activities.metric.MetricRegistry;
import dev.cptflow.activities.stage.EvalActivitiesImpl;
import dev.cptflow.activities.stage.IngestActivitiesImpl;
import dev.cptflow.activities.stage.LocalArtifacts;
import dev.cptflow.activities.stage.PackActivitiesImpl;
import dev.cptflow.activities.stage.ReportActivitiesImpl;
import dev.cptflow.activities.stage.ScoreActivitiesImpl;
import dev.cptflow.activities.stage.SelectActivitiesImpl;
import dev.cptflow.activities.stage.StageContext;
import dev.cptflow.activities.stage.TrainActivitiesImpl;
import dev.cptflow.activities.store.LocalSchemes;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.workflows.api.Stage;
import dev.cptflow.workflows.api.StoreActivities;
import dev.cptflow.workflows.api.TaskQueues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code cpt run}, {@code cpt server} and {@code cpt worker} register: the real stages of this build, each on
 * the queues its {@link Stage} names (one instance per stage, shared by the queues, so loaded models are too).
 */
public final class ProductionActivities implements ActivitySet {
  public static final String TASKS_DIR_ENV = "CPT_TASKS_DIR";

  private final StageContext context;
  private final Map<Stage, Object> stages = new EnumMap<>(Stage.class);

  public ProductionActivities(StoreRegistry stores) {
    this(stageContext(stores, MetricRegistry.builtin()));
  }

  /** Every stage under a store lease, so sweeps that share the store compute what they share once. */
  public ProductionActivities(StageContext context) {
    this.context = context;
    LeasedStages leased = new LeasedStages(context.stores(), new StoreLease());
    stages.put(Stage.INGEST, leased.ingest(new IngestActivitiesImpl(context)));
    stages.put(Stage.SCORE, leased.score(new ScoreActivitiesImpl(context)));
    stages.put(Stage.SELECT, leased.select(new SelectActivitiesImpl(context)));
    stages.put(Stage.PACK, leased.pack(new PackActivitiesImpl(context)));
    stages.put(Stage.TRAIN, leased.train(new TrainActivitiesImpl(context)));
    stages.put(Stage.EVAL, leased.eval(new EvalActivitiesImpl(context, evalTasks())));
    stages.put(Stage.REPORT, leased.report(new ReportActivitiesImpl(context)));
  }

  /**
   * The context every worker and command of this build runs stages with: the user cache and the demo scheme. A worker
   * that serves the torch queue adds its engine ({@link StageContext#withTorch}).
   */
  public static StageContext stageContext(StoreRegistry stores, MetricRegistry metrics) {
    return new StageContext(stores, LocalArtifacts.inUserCache(), LocalSchemes.none().with(DemoFiles.SCHEME), metrics);
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
    List<Object> activities = new ArrayList<>();
    if (queue == StoreActivities.QUEUE) {
      activities.add(new StoreActivitiesImpl(context.stores()));
    }
    stages.forEach((stage, implementation) -> {
      if (stage.queues().contains(queue)) {
        activities.add(implementation);
      }
    });
    return activities;
  }
}
