package dev.cptflow.workers;

import dev.cptflow.activities.ledger.StoreActivitiesImpl;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.activities.unbuilt.UnbuiltStages;
import dev.cptflow.workflows.api.TaskQueues;
import java.util.List;

/** What {@code cpt run}, {@code cpt server} and {@code cpt worker} register: the real stages of this build. */
public final class ProductionActivities implements ActivitySet {
  private final StoreRegistry stores;

  public ProductionActivities(StoreRegistry stores) {
    this.stores = stores;
  }

  @Override
  public List<Object> forQueue(TaskQueues queue) {
    return switch (queue) {
      case WORKFLOWS -> List.of();
      case CPU -> List.of(new StoreActivitiesImpl(stores), new UnbuiltStages());
      case GPU -> List.of(new UnbuiltStages());
    };
  }
}
