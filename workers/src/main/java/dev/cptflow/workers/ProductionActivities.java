package dev.cptflow.workers;

import dev.cptflow.activities.ledger.StoreActivitiesImpl;
import dev.cptflow.activities.stage.IngestActivitiesImpl;
import dev.cptflow.activities.stage.LocalArtifacts;
import dev.cptflow.activities.stage.PackActivitiesImpl;
import dev.cptflow.activities.stage.ScoreActivitiesImpl;
import dev.cptflow.activities.stage.SelectActivitiesImpl;
import dev.cptflow.activities.stage.TrainActivitiesImpl;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.activities.unbuilt.UnbuiltStages;
import dev.cptflow.workflows.api.TaskQueues;
import java.util.List;

/** What {@code cpt run}, {@code cpt server} and {@code cpt worker} register: the real stages of this build. */
public final class ProductionActivities implements ActivitySet {
  private final StoreRegistry stores;
  private final LocalArtifacts artifacts = LocalArtifacts.inUserCache();
  private final ScoreActivitiesImpl scoring;

  public ProductionActivities(StoreRegistry stores) {
    this.stores = stores;
    // One instance for both queues, so scorers (loaded models) are shared by the worker's slots.
    this.scoring = new ScoreActivitiesImpl(stores, artifacts);
  }

  @Override
  public List<Object> forQueue(TaskQueues queue) {
    return switch (queue) {
      case WORKFLOWS -> List.of();
      case CPU -> List.of(new StoreActivitiesImpl(stores), new IngestActivitiesImpl(stores, artifacts), scoring,
          new SelectActivitiesImpl(stores, artifacts), new PackActivitiesImpl(stores, artifacts), new UnbuiltStages());
      case GPU -> List.of(scoring, new TrainActivitiesImpl(stores, artifacts), new UnbuiltStages());
    };
  }
}
